package org.rehabit.e2e;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A clinic's day through the gateway only, against the three real services on a real PostgreSQL: an editor
 * publishes an exercise; a physio registers a patient and assigns the pinched-nerve routine; the patient
 * reads today's routine and logs sessions (one retried); the pain alert is raised and acknowledged; progress
 * and the dashboard show exactly what happened.
 */
class ClinicDayIT {

    private final RunningPlatform platform = RunningPlatform.get();

    @Test
    void aClinicsDay() {
        UUID clinic = UUID.randomUUID();
        String physio = platform.staff("physio", clinic);
        String admin = platform.staff("clinic-admin", clinic);

        // An editor writes and publishes a new exercise; it is found by search at once.
        // letters only: a hex suffix such as 00e2510e reads as a number to the text-search parser
        String word = UUID.randomUUID().toString().replaceAll("[^a-f]", "").replace('a', 'q') + "zed";
        String slug = "e2e-wall-slide-" + word;
        String editor = platform.editor();
        platform.as(editor).contentType(ContentType.JSON).body("""
                        {"slug": "%s", "name": "Wall Slide %s", "summary": "Slide the arms up a wall.",
                         "purpose": "Shoulder mobility without load.", "category": "MOBILITY",
                         "bodyRegions": ["SHOULDER"], "startPosition": "STANDING", "equipment": ["wall"],
                         "difficulty": 1,
                         "steps": [{"role": "SETUP", "instruction": "Stand with your back to a wall."},
                                   {"role": "MOVE", "instruction": "Slide both arms up as far as is comfortable."}],
                         "stopRules": ["Stop if pain spreads down the arm."],
                         "defaultDose": {"sets": 2, "reps": 10, "side": "BOTH"}, "licence": "CC-BY-4.0"}
                        """.formatted(slug, slug))
                .when().post("/api/v1/exercises")
                .then().statusCode(201).header("Location", "/api/v1/exercises/" + slug + "/draft");
        platform.as(editor).when().post("/api/v1/exercises/{slug}/publish", slug).then().statusCode(200);
        platform.as(physio).when().get("/api/v1/exercises?q=wall slide " + word)
                .then().statusCode(200).body("items.slug", hasItem(slug));
        // clients revalidate cheaply: the catalog's ETag comes through the gateway, and so does its 304
        String etag = platform.as(physio).when().get("/api/v1/exercises/{slug}", slug)
                .then().statusCode(200).header("Cache-Control", containsString("no-cache")).extract().header("ETag");
        platform.as(physio).header("If-None-Match", etag).when().get("/api/v1/exercises/{slug}", slug)
                .then().statusCode(304);

        // The physio registers a patient and assigns the starter routine: versions are pinned.
        Map<String, String> dana = Map.of("displayName", "Dana E2E", "externalRef", "E2E-1",
                "timezone", "Europe/London");
        String registration = UUID.randomUUID().toString();
        String patientId = platform.as(physio).contentType(ContentType.JSON).header("Idempotency-Key", registration)
                .body(dana).when().post("/api/v1/patients")
                .then().statusCode(201).header("Idempotent-Replayed", "false").extract().path("id");
        // the answer was lost and the physio's client retries with the same key: still one patient
        platform.as(physio).contentType(ContentType.JSON).header("Idempotency-Key", registration)
                .body(dana).when().post("/api/v1/patients")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(patientId));
        platform.as(physio).when().get("/api/v1/patients").then().statusCode(200).body("total", equalTo(1));
        platform.as(physio).contentType(ContentType.JSON).header("Idempotency-Key", registration)
                .body(Map.of("displayName", "Not Dana", "timezone", "Europe/London")).when().post("/api/v1/patients")
                .then().statusCode(422);
        JsonPath program = platform.as(physio).contentType(ContentType.JSON)
                .body(Map.of("template", "upper-back-pinched-nerve-starter", "sessionsPerWeek", 5))
                .when().post("/api/v1/patients/{id}/programs", patientId)
                .then().statusCode(201)
                .body("items", hasSize(3))
                .body("items[0].exerciseSlug", equalTo("shoulder-circles"))
                .body("items[0].exerciseVersion", equalTo(1))
                .extract().jsonPath();
        String programId = program.getString("id");

        // The patient reads today's routine with full content, confirms the safety check and logs a session.
        String patient = platform.patient(clinic, UUID.fromString(patientId));
        platform.as(patient).when().get("/api/v1/me/today")
                .then().statusCode(200)
                .body("program.items[1].exercise.name", notNullValue())
                .body("program.items[1].exercise.defaultDose.holdSeconds", equalTo(5))
                .body("program.items[1].exercise.defaultDose.side", equalTo("EACH_SIDE"))
                .body("program.items[2].exercise.startPosition", equalTo("SUPINE"))
                .body("sessionsToday", hasSize(0));
        platform.as(patient).when()
                .post("/api/v1/patients/{id}/programs/{p}/safety-confirmation", patientId, programId)
                .then().statusCode(200).body("safetyConfirmed", equalTo(true));
        Map<String, Object> session = Map.of(
                "performedAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).truncatedTo(ChronoUnit.SECONDS)
                        .toString(),
                "painBefore", 3, "painAfter", 8, "perceivedDifficulty", 4, "durationSeconds", 900,
                "items", List.of(
                        Map.of("programItemId", program.getString("items[0].id"), "status", "DONE",
                                "setsDone", 1, "repsDone", 10),
                        Map.of("programItemId", program.getString("items[1].id"), "status", "DONE",
                                "holdSeconds", 5, "side", "LEFT"),
                        Map.of("programItemId", program.getString("items[1].id"), "status", "DONE",
                                "holdSeconds", 3, "side", "RIGHT"),
                        Map.of("programItemId", program.getString("items[2].id"), "status", "SKIPPED")));
        String key = UUID.randomUUID().toString();
        String sessionId = platform.as(patient).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(session).when().post("/api/v1/patients/{id}/sessions", patientId)
                .then().statusCode(201).header("Idempotent-Replayed", "false").extract().path("id");
        // the phone lost the answer and retries: same session, nothing stored twice
        platform.as(patient).contentType(ContentType.JSON).header("Idempotency-Key", key).body(session)
                .when().post("/api/v1/patients/{id}/sessions", patientId)
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(sessionId));
        platform.as(patient).when().get("/api/v1/me/today").then().statusCode(200).body("sessionsToday", hasSize(1));

        // Pain after 8 (>= 7) and a rise of 5 (>= 2): two alerts, once each; the physio acknowledges one.
        JsonPath alerts = platform.as(physio).when().get("/api/v1/clinics/{c}/alerts?status=OPEN", clinic)
                .then().statusCode(200).body("total", equalTo(2)).extract().jsonPath();
        assertEquals(List.of("PAIN_HIGH", "PAIN_RISE"), alerts.getList("items.rule", String.class).stream().sorted()
                .toList());
        String highPain = alerts.getString("items.find { it.rule == 'PAIN_HIGH' }.id");
        platform.as(physio).when().post("/api/v1/alerts/{id}/acknowledge", highPain)
                .then().statusCode(200).body("status", equalTo("ACKNOWLEDGED"))
                .body("acknowledgedBy", equalTo("physio-" + clinic.toString().substring(0, 8)));
        platform.as(physio).when().post("/api/v1/alerts/{id}/acknowledge", highPain).then().statusCode(409);

        // Progress and the dashboard show exactly that.
        platform.as(physio).when().get("/api/v1/patients/{id}/progress?weeks=4", patientId)
                .then().statusCode(200)
                .body("sessionsDone", equalTo(1))
                .body("byWeek[3].done", equalTo(1))
                .body("byWeek[3].painAfter", equalTo(8.0f))
                .body("byExercise.find { it.exerciseSlug == 'back-flexion-stretch' }.skipped", equalTo(1))
                .body("byExercise.find { it.exerciseSlug == 'seated-spinal-twist' }.holdDifferenceSeconds",
                        equalTo(2.0f));
        platform.as(admin).when().get("/api/v1/clinics/{c}/dashboard", clinic)
                .then().statusCode(200)
                .body("patients.total", equalTo(1))
                .body("patients.items[0].patientId", equalTo(patientId))
                .body("patients.items[0].openAlerts", equalTo(1))
                .body("patients.items[0].atRisk", equalTo(true))
                .body("patients.items[0].lastSessionAt", notNullValue())
                .body("patients.items[0].programExercises", hasItem("shoulder-circles@1"))
                .body("patients.items[0].exerciseUpdates", hasSize(0))
                .body("degraded", equalTo(false))
                .body("openAlerts.items[0].rule", equalTo("PAIN_RISE"));
    }
}

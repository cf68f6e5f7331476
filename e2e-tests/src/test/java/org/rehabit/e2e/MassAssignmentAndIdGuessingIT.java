package org.rehabit.e2e;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The access matrix's two other attacks, through the gateway against the real services. Mass assignment: a body
 * naming a clinic, patient, author, id, version or status the caller does not own is either refused or has those
 * fields ignored — what is stored belongs to the caller's own clinic and path. Id guessing: random UUIDs and the
 * ids of another clinic's (or another patient's) records answer 404, the same answer as an id that never existed.
 */
class MassAssignmentAndIdGuessingIT {

    private static final RunningPlatform PLATFORM = RunningPlatform.get();
    private static final UUID CLINIC_A = UUID.randomUUID();
    private static final UUID CLINIC_B = UUID.randomUUID();
    private static String physioA;
    private static String physioB;
    private static String adminB;
    private static String patientA;
    private static String otherPatientA;
    private static String patientB;
    private static String programA;
    private static String itemA;
    private static String programB;
    private static String alertB;
    private static String selfA;

    @BeforeAll
    static void twoClinicsWithPatientsProgramsAndAnAlert() {
        physioA = PLATFORM.staff("physio", CLINIC_A);
        physioB = PLATFORM.staff("physio", CLINIC_B);
        adminB = PLATFORM.staff("clinic-admin", CLINIC_B);
        patientA = register(physioA, "Mia A");
        otherPatientA = register(physioA, "Noa A");
        patientB = register(physioB, "Oli B");
        JsonPath a = assign(physioA, patientA);
        programA = a.getString("id");
        itemA = a.getString("items[0].id");
        JsonPath b = assign(physioB, patientB);
        programB = b.getString("id");
        selfA = PLATFORM.patient(CLINIC_A, UUID.fromString(patientA));
        String selfB = PLATFORM.patient(CLINIC_B, UUID.fromString(patientB));
        PLATFORM.as(selfA).when().post("/api/v1/patients/{id}/programs/{p}/safety-confirmation", patientA, programA)
                .then().statusCode(200);
        PLATFORM.as(selfB).when().post("/api/v1/patients/{id}/programs/{p}/safety-confirmation", patientB, programB)
                .then().statusCode(200);
        PLATFORM.as(selfB).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(session(b.getString("items[0].id"), 9)).when().post("/api/v1/patients/{id}/sessions", patientB)
                .then().statusCode(201);
        alertB = PLATFORM.as(physioB).when().get("/api/v1/clinics/{c}/alerts", CLINIC_B)
                .then().statusCode(200).extract().path("items[0].id");
    }

    private static String register(String physio, String name) {
        return PLATFORM.as(physio).contentType(ContentType.JSON).body(Map.of("displayName", name, "timezone", "UTC"))
                .when().post("/api/v1/patients").then().statusCode(201).extract().path("id");
    }

    private static JsonPath assign(String physio, String patient) {
        return PLATFORM.as(physio).contentType(ContentType.JSON)
                .body(Map.of("template", "upper-back-pinched-nerve-starter", "sessionsPerWeek", 3))
                .when().post("/api/v1/patients/{id}/programs", patient).then().statusCode(201).extract().jsonPath();
    }

    private static Map<String, Object> session(String item, int painAfter) {
        Map<String, Object> body = new HashMap<>();
        body.put("performedAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(2).truncatedTo(ChronoUnit.SECONDS)
                .toString());
        body.put("painBefore", 2);
        body.put("painAfter", painAfter);
        body.put("items", List.of(Map.of("programItemId", item, "status", "DONE")));
        return body;
    }

    // ---- mass assignment ----

    @Test
    void aPatientRegisteredWithAnotherClinicsIdInTheBodyBelongsToTheCallersClinic() {
        UUID chosenId = UUID.randomUUID();
        Map<String, Object> body = new HashMap<>(Map.of("displayName", "Mass M", "timezone", "UTC",
                "clinicId", CLINIC_B.toString(), "id", chosenId.toString(), "createdAt", "2000-01-01T00:00:00Z",
                "revision", 99));
        Response created = PLATFORM.as(physioA).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/patients");
        if (created.statusCode() == 400) {
            return; // refused outright: nothing stored (the hostile-input suite checks the database)
        }
        created.then().statusCode(201).body("clinicId", equalTo(CLINIC_A.toString()))
                .body("id", not(equalTo(chosenId.toString())))
                .body("createdAt", not(equalTo("2000-01-01T00:00:00Z")));
        String id = created.path("id");
        PLATFORM.as(physioB).when().get("/api/v1/patients/{id}", id).then().statusCode(404);
        PLATFORM.as(physioB).when().get("/api/v1/patients/{id}", chosenId).then().statusCode(404);
        PLATFORM.as(physioB).when().get("/api/v1/patients?size=100").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
    }

    @Test
    void editingAPatientCannotMoveItToAnotherClinic() {
        String id = register(physioA, "Move M");
        String etag = PLATFORM.as(physioA).when().get("/api/v1/patients/{id}", id).then().statusCode(200)
                .extract().header("ETag");
        PLATFORM.as(physioA).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("displayName", "Move M", "timezone", "UTC", "clinicId", CLINIC_B.toString()))
                .when().put("/api/v1/patients/{id}", id)
                .then().statusCode(anyOf(is(200), is(400)));
        PLATFORM.as(physioA).when().get("/api/v1/patients/{id}", id).then().statusCode(200)
                .body("clinicId", equalTo(CLINIC_A.toString()));
        PLATFORM.as(physioB).when().get("/api/v1/patients/{id}", id).then().statusCode(404);
    }

    @Test
    void aProgramCannotBeAssignedWithAStatusASafetyCheckOrAnotherPatient() {
        String patient = register(physioA, "Prog P");
        Map<String, Object> body = new HashMap<>(Map.of("template", "upper-back-pinched-nerve-starter",
                "sessionsPerWeek", 3, "status", "COMPLETED", "safetyConfirmed", true,
                "patientId", patientB, "assignedBy", "someone-else", "clinicId", CLINIC_B.toString()));
        Response created = PLATFORM.as(physioA).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/patients/{id}/programs", patient);
        if (created.statusCode() == 400) {
            return;
        }
        created.then().statusCode(201)
                .body("status", equalTo("ACTIVE"))
                .body("safetyConfirmed", equalTo(false))
                .body("patientId", equalTo(patient))
                .body("assignedBy", equalTo("physio-" + CLINIC_A.toString().substring(0, 8)));
        PLATFORM.as(physioB).when().get("/api/v1/patients/{id}/programs", patientB).then().statusCode(200)
                .body("id", not(hasItem(created.<String>path("id"))));
    }

    @Test
    void aPatientsSessionLogNamingAnotherPatientIsStoredAsTheirOwnOrRefused() {
        Map<String, Object> body = session(itemA, 3);
        body.put("patientId", otherPatientA);
        body.put("loggedBy", "physio-x");
        body.put("clinicId", CLINIC_B.toString());
        body.put("id", UUID.randomUUID().toString());
        Response logged = PLATFORM.as(selfA).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                .when().post("/api/v1/patients/{id}/sessions", patientA);
        if (logged.statusCode() == 400) {
            return;
        }
        logged.then().statusCode(201).body("patientId", equalTo(patientA))
                .body("loggedBy", equalTo("patient-" + patientA))
                .body("id", not(equalTo(body.get("id"))));
        PLATFORM.as(physioA).when().get("/api/v1/patients/{id}/sessions", otherPatientA).then().statusCode(200)
                .body("items.id", not(hasItem(logged.<String>path("id"))));
        // and a patient cannot log into someone else's record by the path either
        PLATFORM.as(selfA).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(session(itemA, 3)).when().post("/api/v1/patients/{id}/sessions", otherPatientA)
                .then().statusCode(anyOf(is(403), is(404)));
    }

    @Test
    void anEnergyProfileAndAWeightNamingAnotherPatientAreStoredForTheCaller() {
        String patient = register(physioA, "Energy E");
        String self = PLATFORM.patient(CLINIC_A, UUID.fromString(patient));
        Response put = PLATFORM.as(self).contentType(ContentType.JSON)
                .body(Map.of("sex", "FEMALE", "age", 30, "height", Map.of("cm", 165), "weight", Map.of("kg", 60),
                        "activityLevel", "MODERATE", "goal", "MAINTAIN", "patientId", otherPatientA))
                .when().put("/api/v1/patients/{id}/energy-profile", patient);
        if (put.statusCode() != 400) {
            put.then().statusCode(anyOf(is(200), is(201))).body("patientId", equalTo(patient));
            PLATFORM.as(physioA).when().get("/api/v1/patients/{id}/energy-profile", otherPatientA)
                    .then().statusCode(404);
        }
        Response weight = PLATFORM.as(self).contentType(ContentType.JSON)
                .body(Map.of("measuredOn", "2026-11-01", "weight", Map.of("kg", 60), "patientId", otherPatientA))
                .when().post("/api/v1/patients/{id}/weights", patient);
        if (weight.statusCode() != 400) {
            weight.then().statusCode(201);
            PLATFORM.as(physioA).when().get("/api/v1/patients/{id}/weights", otherPatientA).then().statusCode(200)
                    .body("entries.size()", equalTo(0));
        }
    }

    @Test
    void alertSettingsNamingAnotherClinicChangeOnlyTheCallersClinic() {
        String before = PLATFORM.as(adminB).when().get("/api/v1/clinics/{c}/alert-settings", CLINIC_B)
                .then().statusCode(200).extract().asString();
        PLATFORM.as(PLATFORM.staff("clinic-admin", CLINIC_A)).contentType(ContentType.JSON)
                .body(Map.of("painAfterThreshold", 9, "painRiseThreshold", 3, "inactivityDays", 3,
                        "clinicId", CLINIC_B.toString()))
                .when().put("/api/v1/clinics/{c}/alert-settings", CLINIC_A)
                .then().statusCode(anyOf(is(200), is(400)));
        assertEquals(before, PLATFORM.as(adminB).when().get("/api/v1/clinics/{c}/alert-settings", CLINIC_B)
                .then().statusCode(200).extract().asString());
    }

    @Test
    void anExerciseIsCreatedAsADraftWhateverStatusOrVersionTheBodyClaims() {
        String slug = "mass-" + UUID.randomUUID().toString().replaceAll("[^a-f]", "") + "x";
        Response created = PLATFORM.as(PLATFORM.editor()).contentType(ContentType.JSON).body("""
                        {"slug": "%s", "name": "Mass Slide", "summary": "Slide the arms up a wall.",
                         "purpose": "Shoulder mobility.", "category": "MOBILITY", "bodyRegions": ["SHOULDER"],
                         "startPosition": "STANDING", "difficulty": 1,
                         "steps": [{"role": "MOVE", "instruction": "Slide both arms up."}],
                         "defaultDose": {"sets": 1, "reps": 5, "side": "BOTH"}, "licence": "CC-BY-4.0",
                         "status": "PUBLISHED", "version": 7, "latestVersion": 7, "current": true}
                        """.formatted(slug))
                .when().post("/api/v1/exercises");
        if (created.statusCode() == 400) {
            return;
        }
        created.then().statusCode(201);
        PLATFORM.as(physioA).when().get("/api/v1/exercises/{slug}", slug).then().statusCode(404);
        PLATFORM.as(PLATFORM.editor()).when().get("/api/v1/exercises/{slug}/draft", slug).then().statusCode(200)
                .body("status", equalTo("DRAFT")).body("version", equalTo(1));
    }

    // ---- id guessing ----

    /** Routes that name a record by id, with the id of clinic A's caller's own record in braces. */
    @TestFactory
    List<DynamicTest> guessedAndForeignIdsAreNotFoundLikeIdsThatNeverExisted() {
        String random = UUID.randomUUID().toString();
        List<String[]> cases = new ArrayList<>();
        for (String id : List.of(random, patientB)) {
            String p = "/api/v1/patients/" + id;
            for (String route : List.of("GET " + p, "GET " + p + "/programs", "GET " + p + "/programs/current",
                    "GET " + p + "/sessions", "GET " + p + "/progress", "GET " + p + "/weights",
                    "GET " + p + "/energy-profile", "GET " + p + "/energy-target",
                    "POST " + p + "/programs/" + programB + "/pause")) {
                cases.add(new String[]{route, id.equals(random) ? "random patient id" : "clinic B's patient"});
            }
        }
        String own = "/api/v1/patients/" + patientA + "/programs/";
        cases.add(new String[]{"POST " + own + UUID.randomUUID() + "/pause", "random program id"});
        cases.add(new String[]{"POST " + own + programB + "/pause", "clinic B's program under own patient"});
        cases.add(new String[]{"POST " + "/api/v1/patients/" + otherPatientA + "/programs/" + programA + "/pause",
                "own clinic's program under another patient"});
        cases.add(new String[]{"POST /api/v1/alerts/" + UUID.randomUUID() + "/acknowledge", "random alert id"});
        cases.add(new String[]{"POST /api/v1/alerts/" + alertB + "/acknowledge", "clinic B's alert"});
        cases.add(new String[]{"GET /api/v1/clinics/" + CLINIC_B + "/dashboard", "clinic B's dashboard"});
        cases.add(new String[]{"GET /api/v1/clinics/" + UUID.randomUUID() + "/alerts", "random clinic id"});
        List<DynamicTest> tests = new ArrayList<>();
        for (String[] c : cases) {
            String[] route = c[0].split(" ", 2);
            tests.add(DynamicTest.dynamicTest(c[1] + ": " + c[0], () -> {
                Response answer = PLATFORM.as(physioA).header("Idempotency-Key", UUID.randomUUID().toString())
                        .when().request(route[0], route[1]);
                answer.then().statusCode(404).contentType("application/problem+json")
                        .body("type", equalTo("urn:rehabit:problem:not-found"));
                assertNotEquals(true, answer.asString().contains("Oli B"), "leaks the other clinic's patient");
            }));
        }
        tests.add(DynamicTest.dynamicTest("after all the guesses, clinic B's program is active and its alert open",
                () -> {
                    PLATFORM.as(physioB).when().get("/api/v1/patients/{id}/programs", patientB).then()
                            .statusCode(200).body("[0].status", equalTo("ACTIVE"));
                    PLATFORM.as(physioB).when().get("/api/v1/clinics/{c}/alerts", CLINIC_B).then().statusCode(200)
                            .body("items[0].status", equalTo("OPEN"));
                }));
        return tests;
    }
}

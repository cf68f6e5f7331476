package org.rehabit.e2e;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Outcome measures through the gateway against the real services: a physio assigns the seeded NDI at intake (the
 * session-service pins it from the real catalog-service), the patient answers it twice, the physio reads the trend
 * and finds the alert raised by a worsening of the NDI's MCID (5 points).
 */
class OutcomeMeasuresIT {

    private static final RunningPlatform PLATFORM = RunningPlatform.get();

    @Test
    void assignNdiAtIntakeThePatientAnswersAndThePhysioSeesTheScoreItsChangeAndTheAlert() {
        UUID clinic = UUID.randomUUID();
        String physio = PLATFORM.staff("physio", clinic);
        String patient = PLATFORM.as(physio).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Nora Neck", "timezone", "UTC"))
                .when().post("/api/v1/patients").then().statusCode(201).extract().path("id");
        int current = PLATFORM.as(physio).when().get("/api/v1/instruments/ndi").then().statusCode(200)
                .extract().path("version");
        String measure = PLATFORM.as(physio).contentType(ContentType.JSON)
                .body(Map.of("instrument", "ndi", "schedule", "INTAKE"))
                .when().post("/api/v1/patients/{id}/outcome-measures", patient)
                .then().statusCode(201).body("version", equalTo(current)).body("due", equalTo(true))
                .extract().path("id");

        String self = PLATFORM.patient(clinic, UUID.fromString(patient));
        // nine sections answered 3, 2, 1, 4, 2, 3, 1, 2, 0 (18 of 45), the tenth left out: 18 x 10 / 9 = 20.0
        PLATFORM.as(self).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("answers", ndi(3, 2, 1, 4, 2, 3, 1, 2, 0, null)))
                .when().post("/api/v1/patients/{id}/outcome-measures/{m}/responses", patient, measure)
                .then().statusCode(201).body("score", equalTo(20.0f)).body("baseline", equalTo(true));
        // all ten: 4, 3, 2, 4, 2, 3, 2, 2, 1, 2 = 25, five points worse: the MCID
        PLATFORM.as(self).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("answers", ndi(4, 3, 2, 4, 2, 3, 2, 2, 1, 2)))
                .when().post("/api/v1/patients/{id}/outcome-measures/{m}/responses", patient, measure)
                .then().statusCode(201).body("score", equalTo(25.0f)).body("fromBaseline", equalTo("WORSENED"));

        PLATFORM.as(physio).when().get("/api/v1/patients/{id}/outcome-measures/{m}/scores", patient, measure)
                .then().statusCode(200)
                .body("responses.score", contains(20.0f, 25.0f))
                .body("responses.changeFromBaseline", contains(null, 5.0f));
        PLATFORM.as(physio).queryParam("status", "OPEN").queryParam("patientId", patient)
                .when().get("/api/v1/clinics/{c}/alerts", clinic)
                .then().statusCode(200).body("items.rule", contains("OUTCOME_WORSE"));
        // another clinic sees none of it
        String other = PLATFORM.staff("physio", UUID.randomUUID());
        PLATFORM.as(other).when().get("/api/v1/patients/{id}/outcome-measures", patient).then().statusCode(404);
        PLATFORM.as(physio).when().get("/api/v1/patients/{id}/outcome-measures", patient)
                .then().statusCode(200).body("due", not(hasItem(true)));
    }

    private static Map<String, Object> ndi(Integer... sections) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int i = 0; i < sections.length; i++) {
            answers.put("s" + (i + 1), sections[i]);
        }
        return answers;
    }
}

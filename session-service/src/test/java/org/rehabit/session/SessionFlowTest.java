package org.rehabit.session;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.Catalog;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.Tokens;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** A physio registers a patient and assigns a program; the patient confirms the safety check and logs a session. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class SessionFlowTest {

    @Test
    void physioAssignsAndPatientLogsExactlyOnce() {
        UUID clinic = UUID.randomUUID();
        String physio = Tokens.physio(clinic);
        String patientId = given().auth().oauth2(physio).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Ada L.", "externalRef", "A-100", "timezone", "Europe/Berlin"))
                .when().post("/patients")
                .then().statusCode(201).extract().path("id");

        Catalog.resolve(List.of("shoulder-circles", "seated-spinal-twist"),
                Map.of("shoulder-circles", Catalog.Exercise.of("shoulder-circles", 3),
                        "seated-spinal-twist", Catalog.Exercise.of("seated-spinal-twist", 1)), Map.of());
        var program = given().auth().oauth2(physio).contentType(ContentType.JSON)
                .body(Map.of("sessionsPerWeek", 5, "items", List.of(
                        Map.of("exercise", "shoulder-circles"),
                        Map.of("exercise", "seated-spinal-twist",
                                "dose", Map.of("sets", 1, "holdSeconds", 5, "side", "EACH_SIDE")))))
                .when().post("/patients/{id}/programs", patientId)
                .then().statusCode(201)
                .body("status", equalTo("ACTIVE"))
                .body("items", hasSize(2))
                .body("items[0].exerciseVersion", equalTo(3))
                .body("items[1].dose.side", equalTo("EACH_SIDE"))
                .extract().jsonPath();
        String programId = program.getString("id");
        String firstItem = program.getString("items[0].id");

        String patient = Tokens.patient(clinic, UUID.fromString(patientId));
        given().auth().oauth2(patient)
                .when().post("/patients/{id}/programs/{p}/safety-confirmation", patientId, programId)
                .then().statusCode(200).body("safetyConfirmed", equalTo(true));

        Map<String, Object> session = Map.of(
                "performedAt", OffsetDateTime.now(ZoneOffset.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString(),
                "painBefore", 4, "painAfter", 3,
                "items", List.of(Map.of("programItemId", firstItem, "status", "DONE", "setsDone", 1, "repsDone", 10)));
        String key = UUID.randomUUID().toString();
        String sessionId = given().auth().oauth2(patient).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(session)
                .when().post("/patients/{id}/sessions", patientId)
                .then().statusCode(201).header("Idempotent-Replayed", "false")
                .extract().path("id");
        given().auth().oauth2(patient).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(session)
                .when().post("/patients/{id}/sessions", patientId)
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(sessionId));
        given().auth().oauth2(patient)
                .when().get("/patients/{id}/sessions", patientId)
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(sessionId));
        given().auth().oauth2(patient)
                .when().get("/patients/{id}/sessions?from=yesterday", patientId)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("from"));
    }
}

package org.rehabit.session.idempotency;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.Fixtures.Clinic;
import org.rehabit.session.support.Fixtures.Program;
import org.rehabit.session.support.ServiceTestBase;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rehabit.session.support.Fixtures.CIRCLES;
import static org.rehabit.session.support.Fixtures.IDEMPOTENCY_KEY;
import static org.rehabit.session.support.Fixtures.catalogPublishes;
import static org.rehabit.session.support.Fixtures.done;
import static org.rehabit.session.support.Fixtures.invalid;
import static org.rehabit.session.support.Fixtures.itemsBody;
import static org.rehabit.session.support.Fixtures.logSession;
import static org.rehabit.session.support.Fixtures.patientBody;
import static org.rehabit.session.support.Fixtures.problem;
import static org.rehabit.session.support.Fixtures.registerPatient;
import static org.rehabit.session.support.Fixtures.session;
import static org.rehabit.session.support.Fixtures.startProgram;

/** Creating requests retried with the same Idempotency-Key create once and answer the first answer again. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class IdempotencyTest extends ServiceTestBase {

    private final Clinic clinic = Clinic.fresh();

    private ExtractableResponse<Response> register(String key, Map<String, Object> body) {
        return given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).header(IDEMPOTENCY_KEY, key)
                .body(body).when().post("/patients").then().extract();
    }

    private int patientsNamed(String name) {
        return given().auth().oauth2(clinic.physio()).queryParam("q", name).when().get("/patients")
                .then().statusCode(200).extract().path("total");
    }

    @Test
    void aRetriedRegistrationWithTheSameKeyRegistersOnePatientAndReplaysTheFirstAnswer() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = patientBody("Retried Rita", "R-1", "Europe/Berlin");
        ExtractableResponse<Response> first = register(key, body);
        ExtractableResponse<Response> retry = register(key, body);
        assertEquals(201, first.statusCode());
        assertEquals("false", first.header("Idempotent-Replayed"));
        assertEquals(201, retry.statusCode());
        assertEquals("true", retry.header("Idempotent-Replayed"));
        assertEquals(first.<String>path("id"), retry.path("id"));
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals(first.header("ETag"), retry.header("ETag"));
        assertEquals(1, patientsNamed("Retried Rita"));
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        register(key, patientBody("Keyed Kim", null, "UTC"));
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).header(IDEMPOTENCY_KEY, key)
                .body(patientBody("Other Otto", null, "UTC")).when().post("/patients")
                .then().spec(problem(422, "unprocessable"));
        assertEquals(0, patientsNamed("Other Otto"));
    }

    @Test
    void copiesRacingEachOtherRegisterOnePatient() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = patientBody("Racing Rae", null, "UTC");
        List<CompletableFuture<ExtractableResponse<Response>>> copies = List.of(
                CompletableFuture.supplyAsync(() -> register(key, body)),
                CompletableFuture.supplyAsync(() -> register(key, body)),
                CompletableFuture.supplyAsync(() -> register(key, body)));
        List<ExtractableResponse<Response>> answers = copies.stream().map(CompletableFuture::join).toList();
        answers.forEach(answer -> assertEquals(201, answer.statusCode()));
        assertEquals(1, answers.stream().map(answer -> answer.<String>path("id")).distinct().count());
        assertEquals(1, patientsNamed("Racing Rae"));
    }

    @Test
    void keysBelongToTheirCaller() {
        String key = UUID.randomUUID().toString();
        register(key, patientBody("Clinic One", null, "UTC"));
        Clinic other = Clinic.fresh();
        given().auth().oauth2(other.physio()).contentType(ContentType.JSON).header(IDEMPOTENCY_KEY, key)
                .body(patientBody("Clinic Two", null, "UTC")).when().post("/patients")
                .then().statusCode(201).header("Idempotent-Replayed", "false")
                .body("clinicId", equalTo(other.id().toString()));
    }

    @Test
    void aMalformedKeyIsABadRequest() {
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).header(IDEMPOTENCY_KEY, "x".repeat(129))
                .body(patientBody("Long Key", null, "UTC")).when().post("/patients")
                .then().spec(invalid(IDEMPOTENCY_KEY));
    }

    @Test
    void aFailedRequestStoresNothingSoItsRetryIsTriedAfresh() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> bad = patientBody("Bad Zone", null, "Not/AZone");
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).header(IDEMPOTENCY_KEY, key)
                .body(bad).when().post("/patients").then().statusCode(400);
        register(key, patientBody("Good Zone", null, "UTC"));
        assertEquals(1, patientsNamed("Good Zone"));
    }

    @Test
    void aRetriedAssignmentAndWeightAreReplayedNotRefusedAsConflicts() {
        String patient = registerPatient(clinic, "Program Pat");
        catalogPublishes("shoulder-circles");
        String key = UUID.randomUUID().toString();
        Map<String, Object> program = itemsBody(3, LocalDate.now(), "shoulder-circles");
        String first = given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .header(IDEMPOTENCY_KEY, key).body(program).when().post("/patients/{id}/programs", patient)
                .then().statusCode(201).header("Idempotent-Replayed", "false").extract().path("id");
        // without a key a second open program is a conflict; with the same key it is the first answer again
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .header(IDEMPOTENCY_KEY, key).body(program).when().post("/patients/{id}/programs", patient)
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));

        String weight = "{\"measuredOn\": \"" + LocalDate.now().minusDays(1) + "\", \"weight\": {\"kg\": 70.5}}";
        String weightKey = UUID.randomUUID().toString();
        String entry = given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .header(IDEMPOTENCY_KEY, weightKey).body(weight).when().post("/patients/{id}/weights", patient)
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .header(IDEMPOTENCY_KEY, weightKey).body(weight).when().post("/patients/{id}/weights", patient)
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(entry));
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .body(weight).when().post("/patients/{id}/weights", patient)
                .then().statusCode(409);
    }

    @Test
    void aRetriedAcknowledgementWithTheSameKeyAndNoteIsReplayedNotRefusedAsAConflict() {
        String patient = registerPatient(clinic, "Alert Al");
        Program program = startProgram(clinic, patient, 3, null, CIRCLES);
        logSession(clinic.patient(patient), patient,
                session(OffsetDateTime.now().toString(), 3, 8, done(program.item(0))));
        String alert = given().auth().oauth2(clinic.physio()).queryParam("status", "OPEN")
                .when().get("/clinics/{id}/alerts", clinic.id()).then().statusCode(200).extract().path("items.find { it.rule == 'PAIN_HIGH' }.id");
        String key = UUID.randomUUID().toString();
        String note = "{\"note\": \"Called her, resting two days\"}";
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).header(IDEMPOTENCY_KEY, key)
                .body(note).when().post("/alerts/{id}/acknowledge", alert)
                .then().statusCode(200).header("Idempotent-Replayed", "false")
                .body("acknowledgedNote", equalTo("Called her, resting two days"));
        // the answer was lost and the physio's browser sends it again: the first answer, not "already acknowledged"
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).header(IDEMPOTENCY_KEY, key)
                .body(note).when().post("/alerts/{id}/acknowledge", alert)
                .then().statusCode(200).header("Idempotent-Replayed", "true")
                .body("acknowledgedNote", equalTo("Called her, resting two days"));
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).header(IDEMPOTENCY_KEY, key)
                .body("{\"note\": \"another note\"}").when().post("/alerts/{id}/acknowledge", alert)
                .then().statusCode(422);
        given().auth().oauth2(clinic.physio()).when().post("/alerts/{id}/acknowledge", alert)
                .then().statusCode(409);
    }

    @jakarta.inject.Inject
    IdempotencyRetention retention;

    @Test
    void aKeyIsForgottenThirtyDaysAfterItsFirstAnswerAndKeptBefore() {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        register(old, patientBody("Forgotten Fay", null, "UTC"));
        clock.set(java.time.Instant.now().plus(IdempotencyRetention.KEPT).plus(java.time.Duration.ofDays(1)));
        Map<String, Object> recentBody = patientBody("Kept Kai", null, "UTC");
        ExtractableResponse<Response> first = register(recent, recentBody);

        retention.hourly();

        ExtractableResponse<Response> retry = register(recent, recentBody);
        assertEquals("true", retry.header("Idempotent-Replayed"));
        assertEquals(first.<String>path("id"), retry.path("id"));
        // the old key's first answer is gone: the key is free again (another body is a new request, not a 422)
        ExtractableResponse<Response> reused = register(old, patientBody("Fresh Fred", null, "UTC"));
        assertEquals(201, reused.statusCode());
        assertEquals("false", reused.header("Idempotent-Replayed"));
        assertEquals(1, patientsNamed("Fresh Fred"));
    }
}

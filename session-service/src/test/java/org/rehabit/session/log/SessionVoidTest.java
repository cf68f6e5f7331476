package org.rehabit.session.log;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.Fixtures.Clinic;
import org.rehabit.session.support.Fixtures.Program;
import org.rehabit.session.support.ServiceTestBase;
import org.rehabit.session.support.Tokens;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.rehabit.session.support.Fixtures.CIRCLES;
import static org.rehabit.session.support.Fixtures.done;
import static org.rehabit.session.support.Fixtures.invalid;
import static org.rehabit.session.support.Fixtures.logSession;
import static org.rehabit.session.support.Fixtures.postSession;
import static org.rehabit.session.support.Fixtures.problem;
import static org.rehabit.session.support.Fixtures.registerPatient;
import static org.rehabit.session.support.Fixtures.session;
import static org.rehabit.session.support.Fixtures.skipped;
import static org.rehabit.session.support.Fixtures.startProgram;

/**
 * Voiding a session logged in error (POST /patients/{id}/sessions/{sessionId}/void): the session stays listed,
 * marked voided, and every figure (the patient's progress, the clinic dashboard, stored or computed) is what it
 * would be had it never been logged.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class SessionVoidTest extends ServiceTestBase {

    private static final Instant NOW = Instant.parse("2026-03-18T15:00:00Z"); // a Wednesday

    private static Map<String, Object> reason(String reason) {
        return Map.of("reason", reason);
    }

    private static io.restassured.response.ValidatableResponse voidIt(String token, String patientId,
                                                                      String sessionId, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/patients/{id}/sessions/{s}/void", patientId, sessionId)
                .then();
    }

    private static String progress(Clinic clinic, String patientId) {
        return given().auth().oauth2(clinic.physio()).queryParam("weeks", 4)
                .when().get("/patients/{id}/progress", patientId)
                .then().statusCode(200).extract().asString();
    }

    /** The dashboard for a stored window (4 weeks) and for one computed per request (5 weeks). */
    private static String dashboard(Clinic clinic) {
        return given().auth().oauth2(clinic.physio()).queryParam("weeks", 4).queryParam("sort", "-adherence")
                .when().get("/clinics/{id}/summary", clinic.id())
                .then().statusCode(200).extract().asString()
                + given().auth().oauth2(clinic.physio()).queryParam("weeks", 5)
                .when().get("/clinics/{id}/summary", clinic.id())
                .then().statusCode(200).extract().asString();
    }

    @Test
    void figuresAreWhatTheyWouldBeHadTheSessionNeverBeenLogged() {
        clock.set(NOW);
        Clinic clinic = Clinic.fresh();
        String patient = registerPatient(clinic, "Vera Void");
        String other = registerPatient(clinic, "Otto Other");
        Program program = startProgram(clinic, patient, 3, LocalDate.parse("2026-03-02"), CIRCLES);
        Program otherProgram = startProgram(clinic, other, 2, LocalDate.parse("2026-03-02"), CIRCLES);
        String token = clinic.patient(patient);
        logSession(token, patient, session("2026-03-03T09:00:00Z", 2, 3, done(program.item(0))));
        logSession(token, patient, session("2026-03-10T09:00:00Z", 3, 4, done(program.item(0))));
        logSession(clinic.patient(other), other, session("2026-03-11T09:00:00Z", 1, 1,
                done(otherProgram.item(0))));
        String progressBefore = progress(clinic, patient);
        String dashboardBefore = dashboard(clinic);

        // logged in error: the latest session, with high pain (not an alert) in a week of its own
        String wrong = logSession(token, patient, session("2026-03-17T09:00:00Z", 6, 6, done(program.item(0))));
        String progressWith = progress(clinic, patient);
        String dashboardWith = dashboard(clinic);
        assertNotEquals(progressBefore, progressWith); // the session counted
        assertNotEquals(dashboardBefore, dashboardWith);

        voidIt(clinic.physio(), patient, wrong, reason("Logged for the wrong day")).statusCode(200)
                .body("id", equalTo(wrong))
                .body("voided.by", equalTo(clinic.physioSubject()))
                .body("voided.reason", equalTo("Logged for the wrong day"))
                .body("voided.at", notNullValue());

        assertEquals(progressBefore, progress(clinic, patient));
        assertEquals(dashboardBefore, dashboard(clinic));
        // it stays in the record, marked
        given().auth().oauth2(token).when().get("/patients/{id}/sessions", patient)
                .then().statusCode(200).body("total", equalTo(3))
                .body("items.find { it.id == '" + wrong + "' }.voided.reason", equalTo("Logged for the wrong day"))
                .body("items.findAll { it.id != '" + wrong + "' }.voided", hasItem(nullValue()));
        given().auth().oauth2(token).when().get("/patients/{id}/sessions/{s}", patient, wrong)
                .then().statusCode(200).body("voided.by", equalTo(clinic.physioSubject()));

        // voiding twice is a conflict, and changes nothing
        voidIt(clinic.admin(), patient, wrong, reason("again")).spec(problem(409, "conflict"));
        given().auth().oauth2(token).when().get("/patients/{id}/sessions/{s}", patient, wrong)
                .then().body("voided.reason", equalTo("Logged for the wrong day"));
        // a voided session is not corrected
        Map<String, Object> correction = session("2026-03-17T10:00:00Z", 1, 1, done(program.item(0)));
        correction.put("correctsId", wrong);
        postSession(token, patient, "correct-voided", correction).spec(problem(409, "conflict"));
        assertEquals(progressBefore, progress(clinic, patient));
    }

    @Test
    void aCorrectedSessionIsVoidedThroughItsCorrection() {
        clock.set(NOW);
        Clinic clinic = Clinic.fresh();
        String patient = registerPatient(clinic, "Cora Chain");
        Program program = startProgram(clinic, patient, 3, LocalDate.parse("2026-03-02"), CIRCLES);
        String token = clinic.patient(patient);
        String before = progress(clinic, patient);
        String first = logSession(token, patient, session("2026-03-16T09:00:00Z", 2, 3, done(program.item(0))));
        Map<String, Object> body = session("2026-03-16T09:00:00Z", 2, 5, skipped(program.item(0), null));
        body.put("correctsId", first);
        String correction = logSession(token, patient, body);

        voidIt(clinic.physio(), patient, first, reason("double")).spec(problem(409, "conflict"));
        voidIt(clinic.physio(), patient, correction, reason("never happened")).statusCode(200);
        assertEquals(before, progress(clinic, patient));
    }

    @Test
    void aPatientVoidsTheirOwnSessionWithinADay() {
        clock.set(NOW);
        Clinic clinic = Clinic.fresh();
        String patient = registerPatient(clinic, "Pia Phone");
        Program program = startProgram(clinic, patient, 3, LocalDate.parse("2026-03-02"), CIRCLES);
        String token = clinic.patient(patient);
        String mine = logSession(token, patient, session("2026-03-16T09:00:00Z", 2, 3, done(program.item(0))));
        String late = logSession(token, patient, session("2026-03-17T09:00:00Z", 2, 3, done(program.item(0))));
        String physios = logSession(clinic.physio(), patient, session("2026-03-18T09:00:00Z", 2, 3,
                done(program.item(0))));

        voidIt(token, patient, mine, reason("tapped twice")).statusCode(200)
                .body("voided.by", equalTo("patient-" + patient));
        voidIt(token, patient, physios, reason("not mine")).spec(problem(403, "void-not-yours"));

        clock.set(NOW.plus(Duration.ofHours(24)).plusSeconds(1));
        voidIt(token, patient, late, reason("too late")).spec(problem(403, "void-window-passed"));
        given().auth().oauth2(token).when().get("/patients/{id}/sessions/{s}", patient, late)
                .then().statusCode(200).body("voided", nullValue());
        // the physio still can
        voidIt(clinic.physio(), patient, late, reason("patient asked")).statusCode(200);
    }

    @Test
    void badRequestsChangeNothing() {
        clock.set(NOW);
        Clinic clinic = Clinic.fresh();
        String patient = registerPatient(clinic, "Bea Bad");
        Program program = startProgram(clinic, patient, 3, LocalDate.parse("2026-03-02"), CIRCLES);
        String session = logSession(clinic.patient(patient), patient, session("2026-03-16T09:00:00Z", 2, 3,
                done(program.item(0))));

        voidIt(clinic.physio(), patient, session, Map.of()).spec(invalid("reason"));
        voidIt(clinic.physio(), patient, session, reason(" ")).spec(invalid("reason"));
        voidIt(clinic.physio(), patient, session, reason("x".repeat(501))).spec(invalid("reason"));
        Clinic elsewhere = Clinic.fresh();
        voidIt(elsewhere.physio(), patient, session, reason("other clinic")).spec(problem(404, "not-found"));
        String someoneElse = registerPatient(clinic, "Sam Else");
        voidIt(clinic.patient(someoneElse), patient, session, reason("not me")).spec(problem(404, "not-found"));
        voidIt(clinic.physio(), someoneElse, session, reason("wrong patient")).spec(problem(404, "not-found"));
        voidIt(clinic.physio(), patient, java.util.UUID.randomUUID().toString(), reason("unknown"))
                .spec(problem(404, "not-found"));
        voidIt(Tokens.editor(clinic.id()), patient, session, reason("editor")).statusCode(403);

        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/sessions/{s}", patient, session)
                .then().statusCode(200).body("voided", nullValue());
    }
}

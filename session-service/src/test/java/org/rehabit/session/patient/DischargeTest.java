package org.rehabit.session.patient;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.Fixtures.Clinic;
import org.rehabit.session.support.Fixtures.Program;
import org.rehabit.session.support.ServiceTestBase;
import org.rehabit.session.support.Tokens;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.rehabit.session.support.Fixtures.CIRCLES;
import static org.rehabit.session.support.Fixtures.done;
import static org.rehabit.session.support.Fixtures.invalid;
import static org.rehabit.session.support.Fixtures.postSession;
import static org.rehabit.session.support.Fixtures.problem;
import static org.rehabit.session.support.Fixtures.registerPatient;
import static org.rehabit.session.support.Fixtures.session;
import static org.rehabit.session.support.Fixtures.startProgram;

/**
 * Discharge and reactivation: the open program completed, the patient off the dashboard, their own access ending
 * after its last day (in their time zone) while staff keep the record, and both steps in the audit trail.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class DischargeTest extends ServiceTestBase {

    // 15:00 UTC on a Wednesday: already Thursday in Auckland
    private static final Instant NOW = Instant.parse("2026-03-18T15:00:00Z");

    private static String etag(String token, String patient) {
        return given().auth().oauth2(token).when().get("/patients/{id}", patient)
                .then().statusCode(200).extract().header("ETag");
    }

    private static ValidatableResponse discharge(String token, String patient, String ifMatch,
                                                 Map<String, Object> body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.when().post("/patients/{id}/discharge", patient).then();
    }

    private static ValidatableResponse reactivate(String token, String patient, String ifMatch) {
        var request = given().auth().oauth2(token);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.when().post("/patients/{id}/reactivation", patient).then();
    }

    private static String dashboardIds(Clinic clinic, int weeks) {
        return given().auth().oauth2(clinic.physio()).queryParam("weeks", weeks)
                .when().get("/clinics/{id}/summary", clinic.id())
                .then().statusCode(200).extract().path("items.patientId").toString();
    }

    @Test
    void dischargeEndsTheProgramAndThePatientsAccessAfterItsLastDay() {
        clock.set(NOW);
        Clinic clinic = Clinic.fresh();
        String patient = registerPatient(clinic, "Dora Discharge", "D-1", "Pacific/Auckland");
        String staying = registerPatient(clinic, "Sten Staying");
        Program program = startProgram(clinic, patient, 3, LocalDate.parse("2026-03-02"), CIRCLES);
        String token = clinic.patient(patient);
        String key = UUID.randomUUID().toString();
        Map<String, Object> logged = session("2026-03-17T09:00:00+13:00", 2, 3, done(program.item(0)));
        postSession(token, patient, key, logged).statusCode(201);
        assertThat(dashboardIds(clinic, 4), containsString(patient));

        discharge(clinic.physio(), patient, etag(clinic.physio(), patient), Map.of("reason", "Goals met"))
                .statusCode(200)
                .header("ETag", not(equalTo(null)))
                .body("status", equalTo("DISCHARGED"))
                .body("discharge.dischargedOn", equalTo("2026-03-19")) // the patient's day
                .body("discharge.accessEndsOn", equalTo("2026-04-18")) // 30 days on
                .body("discharge.dischargedBy", equalTo(clinic.physioSubject()))
                .body("discharge.reason", equalTo("Goals met"));
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/programs/{p}", patient, program.id())
                .then().statusCode(200).body("status", equalTo("COMPLETED"));

        // off the dashboard, stored window and computed one alike; listed under its status
        assertThat(dashboardIds(clinic, 4), not(containsString(patient)));
        assertThat(dashboardIds(clinic, 5), not(containsString(patient)));
        assertThat(dashboardIds(clinic, 4), containsString(staying));
        given().auth().oauth2(clinic.physio()).queryParam("status", "DISCHARGED").when().get("/patients")
                .then().statusCode(200).body("items.id", equalTo(List.of(patient)));
        given().auth().oauth2(clinic.physio()).queryParam("status", "active").when().get("/patients")
                .then().statusCode(200).body("items.id", equalTo(List.of(staying)));
        given().auth().oauth2(clinic.physio()).when().get("/patients")
                .then().statusCode(200).body("items.id", hasItems(patient, staying));
        given().auth().oauth2(clinic.physio()).queryParam("status", "gone").when().get("/patients")
                .then().spec(invalid("status"));

        // the patient reads their record up to the last day, in their own time zone; a new session has no program
        // to go to, and a retry of one logged before the discharge gets its first answer
        clock.set(Instant.parse("2026-04-18T11:59:00Z")); // 23:59 on 18 April in Auckland
        given().auth().oauth2(token).when().get("/patients/{id}", patient).then().statusCode(200);
        postSession(token, patient, UUID.randomUUID().toString(),
                session("2026-04-18T09:00:00+12:00", 1, 1, done(program.item(0))))
                .spec(problem(409, "conflict"));
        postSession(token, patient, key, logged).statusCode(201).header("Idempotent-Replayed", "true");
        clock.set(Instant.parse("2026-04-18T12:00:00Z")); // midnight: 19 April
        given().auth().oauth2(token).when().get("/patients/{id}", patient)
                .then().spec(problem(403, "access-ended"))
                .body("detail", containsString("2026-04-18"));
        given().auth().oauth2(token).when().get("/patients/{id}/sessions", patient)
                .then().spec(problem(403, "access-ended"));
        postSession(token, patient, UUID.randomUUID().toString(),
                session("2026-04-19T09:00:00+12:00", 1, 1, done(program.item(0))))
                .spec(problem(403, "access-ended"));
        postSession(token, patient, key, logged).spec(problem(403, "access-ended")); // not even a replay
        // staff still read the record
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/sessions", patient)
                .then().statusCode(200).body("total", equalTo(1));
        given().auth().oauth2(clinic.admin()).when().get("/patients/{id}/progress", patient)
                .then().statusCode(200);

        // discharging twice is a conflict
        discharge(clinic.physio(), patient, etag(clinic.physio(), patient), Map.of("reason", "again"))
                .spec(problem(409, "conflict"));
        // no new program until reactivated
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .body(Map.of("sessionsPerWeek", 3, "items", List.of(Map.of("exercise", CIRCLES))))
                .when().post("/patients/{id}/programs", patient)
                .then().spec(problem(409, "conflict"));

        // reactivation restores access and the dashboard row
        reactivate(clinic.admin(), patient, etag(clinic.admin(), patient)).statusCode(200)
                .body("status", equalTo("ACTIVE")).body("discharge", nullValue());
        given().auth().oauth2(token).when().get("/patients/{id}", patient).then().statusCode(200);
        assertThat(dashboardIds(clinic, 4), containsString(patient));
        reactivate(clinic.admin(), patient, etag(clinic.admin(), patient)).spec(problem(409, "conflict"));

        // both are in the audit trail, by whom
        given().auth().oauth2(clinic.admin()).queryParam("patientId", patient)
                .when().get("/clinics/{c}/audit", clinic.id()).then().statusCode(200)
                .body("items.findAll { it.outcome == 'COMMITTED' }.action",
                        hasItems("PatientLifecycle.discharge", "PatientLifecycle.reactivate"))
                .body("items.find { it.action == 'PatientLifecycle.discharge' && it.outcome == 'COMMITTED' }"
                        + ".subject", equalTo(clinic.physioSubject()));
    }

    @Test
    void aMeasureScheduledAtDischargeBecomesDueWhenThePatientIsDischarged() {
        clock.set(NOW);
        Clinic clinic = Clinic.fresh();
        String patient = registerPatient(clinic, "Dee Due");
        CatalogStub.instrument("ndi", 1, CatalogStub.ndi(1), true);
        String measures = "/patients/" + patient + "/outcome-measures";
        String ndi = given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .body(Map.of("instrument", "ndi", "schedule", "DISCHARGE")).when().post(measures)
                .then().statusCode(201).body("due", equalTo(false)).body("nextDueAt", nullValue())
                .extract().path("id");
        Map<String, Object> answers = new java.util.LinkedHashMap<>();
        for (int i = 1; i <= 10; i++) {
            answers.put("s" + i, 1);
        }
        // answered before the discharge (the patient's own choice): not the discharge one
        given().auth().oauth2(clinic.patient(patient)).contentType(ContentType.JSON).body(Map.of("answers", answers))
                .when().post(measures + "/" + ndi + "/responses").then().statusCode(201);

        clock.set(NOW.plusSeconds(3600));
        discharge(clinic.physio(), patient, etag(clinic.physio(), patient), Map.of("reason", "goals met"))
                .statusCode(200);
        given().auth().oauth2(clinic.patient(patient)).when().get(measures).then().statusCode(200)
                .body("[0].due", equalTo(true)).body("[0].nextDueAt", equalTo("2026-03-18T16:00:00Z"));

        clock.set(NOW.plusSeconds(7200)); // answered after the discharge: nothing due any more
        given().auth().oauth2(clinic.patient(patient)).contentType(ContentType.JSON).body(Map.of("answers", answers))
                .when().post(measures + "/" + ndi + "/responses").then().statusCode(201);
        given().auth().oauth2(clinic.physio()).when().get(measures).then().statusCode(200)
                .body("[0].due", equalTo(false)).body("[0].nextDueAt", nullValue());
    }

    @Test
    void badDischargesChangeNothing() {
        clock.set(NOW);
        Clinic clinic = Clinic.fresh();
        String patient = registerPatient(clinic, "Bo Bad");
        String etag = etag(clinic.physio(), patient);

        discharge(clinic.physio(), patient, null, Map.of("reason", "x")).spec(problem(428, "precondition-required"));
        discharge(clinic.physio(), patient, "\"999\"", Map.of("reason", "x")).spec(problem(412, "stale-revision"));
        discharge(clinic.physio(), patient, etag, Map.of()).spec(invalid("reason"));
        Map<String, Object> early = new HashMap<>(Map.of("reason", "x", "accessEndsOn", "2026-03-17"));
        discharge(clinic.physio(), patient, etag, early).spec(invalid("accessEndsOn"));
        Map<String, Object> late = new HashMap<>(Map.of("reason", "x", "accessEndsOn", "2027-03-19"));
        discharge(clinic.physio(), patient, etag, late).spec(invalid("accessEndsOn"));
        discharge(clinic.patient(patient), patient, etag, Map.of("reason", "x")).statusCode(403);
        discharge(Tokens.editor(clinic.id()), patient, etag, Map.of("reason", "x")).statusCode(403);
        discharge(Clinic.fresh().physio(), patient, etag, Map.of("reason", "x")).spec(problem(404, "not-found"));
        reactivate(clinic.physio(), patient, etag).spec(problem(409, "conflict"));
        reactivate(clinic.physio(), patient, null).spec(problem(428, "precondition-required"));

        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}", patient)
                .then().statusCode(200).body("status", equalTo("ACTIVE")).header("ETag", equalTo(etag));

        // a chosen last day: the discharge day itself
        discharge(clinic.physio(), patient, etag, Map.of("reason", "Moved away", "accessEndsOn", "2026-03-18"))
                .statusCode(200).body("discharge.accessEndsOn", equalTo("2026-03-18"));
        given().auth().oauth2(clinic.patient(patient)).when().get("/patients/{id}", patient).then().statusCode(200);
        clock.set(Instant.parse("2026-03-19T00:00:00Z"));
        given().auth().oauth2(clinic.patient(patient)).when().get("/patients/{id}", patient)
                .then().spec(problem(403, "access-ended"));
        given().auth().oauth2(clinic.physio()).when().get("/patients")
                .then().statusCode(200).body("items.status", hasItem("DISCHARGED"));
    }
}

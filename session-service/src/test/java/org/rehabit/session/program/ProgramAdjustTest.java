package org.rehabit.session.program;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.Fixtures.Clinic;
import org.rehabit.session.support.Fixtures.Program;
import org.rehabit.session.support.ServiceTestBase;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.rehabit.session.support.Fixtures.CIRCLES;
import static org.rehabit.session.support.Fixtures.FLEXION;
import static org.rehabit.session.support.Fixtures.TWIST;
import static org.rehabit.session.support.Fixtures.catalogPublishes;
import static org.rehabit.session.support.Fixtures.done;
import static org.rehabit.session.support.Fixtures.invalid;
import static org.rehabit.session.support.Fixtures.logSession;
import static org.rehabit.session.support.Fixtures.postSession;
import static org.rehabit.session.support.Fixtures.problem;
import static org.rehabit.session.support.Fixtures.registerPatient;
import static org.rehabit.session.support.Fixtures.session;
import static org.rehabit.session.support.Fixtures.startProgram;

/**
 * Adjusting an assigned program (PATCH with If-Match): what may change, how each change is recorded in the
 * program's history, when the patient must confirm the safety check again, and that progress runs on across
 * changes (a changed sessions per week counts from the day it changed).
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class ProgramAdjustTest extends ServiceTestBase {

    private final Clinic clinic = Clinic.fresh();
    private String patient;

    @BeforeEach
    void patient() {
        patient = registerPatient(clinic, "Ada Adjust");
    }

    private String etag(String programId) {
        return given().auth().oauth2(clinic.physio())
                .when().get("/patients/{id}/programs/{p}", patient, programId)
                .then().statusCode(200)
                .header("ETag", startsWith("\""))
                .extract().header("ETag");
    }

    private ValidatableResponse patch(String token, String programId, String ifMatch, Object body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.when().patch("/patients/{id}/programs/{p}", patient, programId).then();
    }

    private static Map<String, Object> kept(String itemId) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", itemId);
        return item;
    }

    private static Map<String, Object> added(String slug) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("exercise", slug);
        return item;
    }

    @Test
    void anAdjustmentNeedsTheCurrentETag() {
        Program program = startProgram(clinic, patient, 3, null, CIRCLES);
        patch(clinic.physio(), program.id(), null, Map.of("sessionsPerWeek", 4))
                .spec(problem(428, "precondition-required"));
        String etag = etag(program.id());
        patch(clinic.physio(), program.id(), "\"999\"", Map.of("sessionsPerWeek", 4))
                .spec(problem(412, "stale-revision"));

        String next = patch(clinic.physio(), program.id(), etag, Map.of("sessionsPerWeek", 4))
                .statusCode(200)
                .body("sessionsPerWeek", equalTo(4))
                .header("ETag", not(equalTo(etag)))
                .extract().header("ETag");
        // the copy the first edit was made from is stale now: a second client editing it loses nothing silently
        patch(clinic.physio(), program.id(), etag, Map.of("sessionsPerWeek", 5))
                .spec(problem(412, "stale-revision"));
        patch(clinic.physio(), program.id(), next, Map.of("sessionsPerWeek", 5)).statusCode(200);
    }

    @Test
    void dosesScheduleEndDateAndNotesChangeAndEachChangeIsInTheHistory() {
        clock.set(Instant.parse("2026-03-18T12:00:00Z"));
        Program program = startProgram(clinic, patient, 3, LocalDate.parse("2026-03-16"), CIRCLES, TWIST);
        Map<String, Object> dosed = kept(program.item(0));
        dosed.put("dose", Map.of("sets", 3, "reps", 12, "side", "BOTH"));
        dosed.put("notes", "slowly");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sessionsPerWeek", 5);
        body.put("endDate", "2026-05-01");
        body.put("notes", "Review in six weeks");
        body.put("items", List.of(dosed, kept(program.item(1))));

        clock.set(Instant.parse("2026-03-19T09:30:00Z"));
        patch(clinic.physio(), program.id(), etag(program.id()), body)
                .statusCode(200)
                .body("id", equalTo(program.id()))
                .body("sessionsPerWeek", equalTo(5))
                .body("endDate", equalTo("2026-05-01"))
                .body("notes", equalTo("Review in six weeks"))
                .body("items.id", contains(program.item(0), program.item(1)))
                .body("items[0].dose.sets", equalTo(3))
                .body("items[0].dose.reps", equalTo(12))
                .body("items[0].notes", equalTo("slowly"))
                .body("items[0].exerciseVersion", equalTo(1))
                // a dose change is no new risk: the patient's safety confirmation stands
                .body("safetyConfirmed", equalTo(true));

        given().auth().oauth2(clinic.physio())
                .when().get("/patients/{id}/programs/{p}/history", patient, program.id())
                .then().statusCode(200)
                .body("entries.kind", contains("ASSIGNED", "ADJUSTED"))
                .body("entries[0].by", equalTo(clinic.physioSubject()))
                .body("entries[0].changes[0]", equalTo("Assigned with 2 exercises, 3 sessions per week, from "
                        + "2026-03-16"))
                .body("entries[1].at", equalTo("2026-03-19T09:30:00Z"))
                .body("entries[1].by", equalTo(clinic.physioSubject()))
                .body("entries[1].safetyConfirmationReset", equalTo(false))
                .body("entries[1].changes", contains(
                        "Sessions per week: 3 → 5 (counts from 2026-03-19)",
                        "End date: none → 2026-05-01",
                        "Notes: none → \"Review in six weeks\"",
                        "Dose of Exercise shoulder-circles (shoulder-circles v1): sets 2 → 3, reps 10 → 12",
                        "Notes of Exercise shoulder-circles (shoulder-circles v1): none → \"slowly\""));

        // nothing different: nothing recorded, the version stays
        String etag = etag(program.id());
        patch(clinic.physio(), program.id(), etag, Map.of("sessionsPerWeek", 5))
                .statusCode(200).header("ETag", equalTo(etag));
        given().auth().oauth2(clinic.admin())
                .when().get("/patients/{id}/programs/{p}/history", patient, program.id())
                .then().statusCode(200).body("entries", hasSize(2));
    }

    @Test
    void aNewExerciseAsksForTheSafetyCheckAgainButRemovingAndReorderingDoNot() {
        Program program = startProgram(clinic, patient, 3, null, CIRCLES, TWIST);

        patch(clinic.physio(), program.id(), etag(program.id()),
                Map.of("items", List.of(kept(program.item(1)), kept(program.item(0)))))
                .statusCode(200)
                .body("items.exerciseSlug", contains(TWIST, CIRCLES))
                .body("items.position", contains(1, 2))
                .body("safetyConfirmed", equalTo(true));
        patch(clinic.physio(), program.id(), etag(program.id()), Map.of("items", List.of(kept(program.item(0)))))
                .statusCode(200)
                .body("items.exerciseSlug", contains(CIRCLES))
                .body("safetyConfirmed", equalTo(true));

        catalogPublishes(FLEXION);
        patch(clinic.physio(), program.id(), etag(program.id()),
                Map.of("items", List.of(kept(program.item(0)), added(FLEXION))))
                .statusCode(200)
                .body("items.exerciseSlug", contains(CIRCLES, FLEXION))
                .body("items[1].exerciseVersion", equalTo(1))
                .body("safetyConfirmed", equalTo(false))
                .body("safetyConfirmedAt", nullValue());
        // as before the first session: nothing can be logged until the patient confirms again
        postSession(clinic.patient(patient), patient, "k-" + program.id(),
                session(Instant.now().minusSeconds(60).toString(), 2, 2, done(program.item(0))))
                .spec(problem(409, "conflict"));

        given().auth().oauth2(clinic.physio())
                .when().get("/patients/{id}/programs/{p}/history", patient, program.id())
                .then().statusCode(200)
                .body("entries.kind", contains("ASSIGNED", "ADJUSTED", "ADJUSTED", "ADJUSTED"))
                .body("entries[1].changes", contains("Order: Exercise shoulder-circles, Exercise seated-spinal-twist"
                        + " → Exercise seated-spinal-twist, Exercise shoulder-circles"))
                .body("entries[2].changes", contains("Removed Exercise seated-spinal-twist (seated-spinal-twist v1)"))
                .body("entries[3].changes[0]", equalTo("Added Exercise back-flexion-stretch (back-flexion-stretch v1)"
                        + " at position 2"))
                .body("entries[3].changes[1]", startsWith("Safety check to be confirmed again by the patient (new "
                        + "exercise Exercise back-flexion-stretch)"))
                .body("entries[3].safetyConfirmationReset", equalTo(true));
    }

    @Test
    void badAdjustmentsAreRefusedNamingTheField() {
        Program program = startProgram(clinic, patient, 3, LocalDate.parse("2026-03-02"), CIRCLES);
        String etag = etag(program.id());
        Map<String, Object> both = kept(program.item(0));
        both.put("exercise", TWIST);
        patch(clinic.physio(), program.id(), etag, Map.of("items", List.of(both))).spec(invalid("items[0]"));
        patch(clinic.physio(), program.id(), etag, Map.of("items", List.of(kept(program.id()))))
                .spec(invalid("items[0].id"));
        patch(clinic.physio(), program.id(), etag, Map.of("items", List.of(kept(program.item(0)),
                kept(program.item(0))))).spec(invalid("items[1].id"));
        patch(clinic.physio(), program.id(), etag, Map.of("endDate", "2026-03-01")).spec(invalid("endDate"));
        patch(clinic.physio(), program.id(), etag, Map.of("endDate", "2026-04-01", "clearEndDate", true))
                .spec(invalid("clearEndDate"));
        patch(clinic.physio(), program.id(), etag, Map.of("sessionsPerWeek", 0)).statusCode(400)
                .body("errors.field", hasItem("sessionsPerWeek"));
        patch(clinic.physio(), program.id(), etag, Map.of("items", List.of())).statusCode(400);
        // a new exercise the catalog does not publish
        org.rehabit.session.support.Catalog.resolve(List.of("no-such-exercise"), Map.of(), Map.of());
        patch(clinic.physio(), program.id(), etag, Map.of("items", List.of(kept(program.item(0)),
                added("no-such-exercise")))).spec(invalid("items[1].exercise"));
        // nothing was changed by any of them
        given().auth().oauth2(clinic.physio())
                .when().get("/patients/{id}/programs/{p}/history", patient, program.id())
                .then().statusCode(200).body("entries", hasSize(1));
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/programs/{p}", patient, program.id())
                .then().statusCode(200).header("ETag", equalTo(etag));
    }

    @Test
    void onlyStaffOfTheClinicAdjust() {
        Program program = startProgram(clinic, patient, 3, null, CIRCLES);
        String etag = etag(program.id());
        patch(clinic.patient(patient), program.id(), etag, Map.of("sessionsPerWeek", 4))
                .spec(problem(403, "forbidden"));
        given().auth().oauth2(clinic.patient(patient))
                .when().get("/patients/{id}/programs/{p}/history", patient, program.id())
                .then().spec(problem(403, "forbidden"));
        Clinic other = Clinic.fresh();
        patch(other.physio(), program.id(), etag, Map.of("sessionsPerWeek", 4)).spec(problem(404, "not-found"));
        given().auth().oauth2(other.admin())
                .when().get("/patients/{id}/programs/{p}/history", patient, program.id())
                .then().spec(problem(404, "not-found"));
        // an ended program is not adjusted
        given().auth().oauth2(clinic.physio())
                .when().post("/patients/{id}/programs/{p}/cancel", patient, program.id()).then().statusCode(200);
        patch(clinic.physio(), program.id(), etag(program.id()), Map.of("sessionsPerWeek", 4))
                .spec(problem(409, "conflict"));
    }

    /**
     * Rule: a changed sessions per week counts from the day of the change (the patient's date); the days before keep
     * the earlier rate. 7 a week from Monday 2 March, 14 a week from Thursday 5 March: the week prescribes
     * 7 × 3/7 + 14 × 4/7 = 3 + 8 = 11 sessions. The session done on the Tuesday still counts (same program), and the
     * item removed on the Thursday still counts as prescribed in it.
     */
    @Test
    void adherenceRunsOnAcrossAChangeOfSessionsPerWeek() {
        clock.set(Instant.parse("2026-03-02T08:00:00Z"));
        Program program = startProgram(clinic, patient, 7, LocalDate.parse("2026-03-02"), CIRCLES, TWIST);
        clock.set(Instant.parse("2026-03-03T10:00:00Z"));
        logSession(clinic.patient(patient), patient, session("2026-03-03T09:00:00Z", 2, 2, done(program.item(0))));

        clock.set(Instant.parse("2026-03-05T12:00:00Z"));
        patch(clinic.physio(), program.id(), etag(program.id()),
                Map.of("sessionsPerWeek", 14, "items", List.of(kept(program.item(0)))))
                .statusCode(200).body("id", equalTo(program.id()));

        clock.set(Instant.parse("2026-03-08T20:00:00Z"));
        given().auth().oauth2(clinic.physio()).queryParam("weeks", 1)
                .when().get("/patients/{id}/progress", patient)
                .then().statusCode(200)
                .body("byWeek.weekStart", contains("2026-03-02"))
                .body("byWeek.prescribed", contains(11.0f))
                .body("byWeek.done", contains(1))
                .body("adherence", equalTo(0.09f))
                .body("byExercise.exerciseSlug", contains(TWIST, CIRCLES))
                .body("byExercise[0].prescribed", equalTo(1))
                .body("byExercise[0].omitted", equalTo(1))
                .body("byExercise[1].done", equalTo(1));
    }
}

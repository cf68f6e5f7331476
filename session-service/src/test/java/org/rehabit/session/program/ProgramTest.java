package org.rehabit.session.program;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.Catalog;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.Fixtures.Clinic;
import org.rehabit.session.support.Fixtures.Program;
import org.rehabit.session.support.ServiceTestBase;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.rehabit.session.support.Fixtures.CIRCLES;
import static org.rehabit.session.support.Fixtures.FLEXION;
import static org.rehabit.session.support.Fixtures.TWIST;
import static org.rehabit.session.support.Fixtures.assign;
import static org.rehabit.session.support.Fixtures.catalogPublishes;
import static org.rehabit.session.support.Fixtures.invalid;
import static org.rehabit.session.support.Fixtures.itemsBody;
import static org.rehabit.session.support.Fixtures.problem;
import static org.rehabit.session.support.Fixtures.registerPatient;
import static org.rehabit.session.support.Fixtures.transition;

/**
 * Assigning programs (explicit items or a routine template, pinned through the catalog's batch resolve),
 * the one-open-program rule, the program's life (pause, resume, complete, cancel) and the safety check.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class ProgramTest extends ServiceTestBase {

    private static final String STARTER = "upper-back-starter";
    private static final Instant NOW = Instant.parse("2026-03-18T12:00:00Z");

    private final Clinic clinic = Clinic.fresh();
    private String patient;

    @BeforeEach
    void patient() {
        patient = registerPatient(clinic, "Ada Program");
    }

    @Test
    void assigningItemsPinsTheCatalogsVersionsAndDefaultsTheDose() {
        clock.set(NOW);
        // 01:00 on the 19th in Auckland: the start date defaults to the patient's own today
        String kiwi = registerPatient(clinic, "Kiri Auckland", null, "Pacific/Auckland");
        Catalog.resolve(List.of(CIRCLES, TWIST), Map.of(
                CIRCLES, Catalog.Exercise.of(CIRCLES, 3),
                TWIST, Catalog.Exercise.of(TWIST, 7)), Map.of());
        Map<String, Object> body = itemsBody(5, null, CIRCLES, TWIST);
        item(body, 1).put("dose", Map.of("sets", 1, "holdSeconds", 5, "side", "EACH_SIDE"));
        item(body, 1).put("notes", "  gently  ");
        body.put("notes", "Two weeks, then review");

        String physio = clinic.physio();
        ExtractableResponse<Response> created = given().auth().oauth2(physio).contentType(ContentType.JSON)
                .body(body)
                .when().post("/patients/{id}/programs", kiwi)
                .then().statusCode(201)
                .body("patientId", equalTo(kiwi))
                .body("status", equalTo("ACTIVE"))
                .body("template", nullValue())
                .body("sessionsPerWeek", equalTo(5))
                .body("startDate", equalTo("2026-03-19"))
                .body("endDate", nullValue())
                .body("notes", equalTo("Two weeks, then review"))
                .body("safetyConfirmed", equalTo(false))
                .body("assignedBy", equalTo(clinic.physioSubject()))
                .body("createdAt", equalTo("2026-03-18T12:00:00Z"))
                .body("items.position", contains(1, 2))
                .body("items.exerciseSlug", contains(CIRCLES, TWIST))
                .body("items.exerciseVersion", contains(3, 7))
                .body("items[0].exerciseName", equalTo("Exercise shoulder-circles"))
                .body("items[0].dose.sets", equalTo(2))
                .body("items[0].dose.reps", equalTo(10))
                .body("items[0].dose.side", equalTo("BOTH"))
                .body("items[1].dose.sets", equalTo(1))
                .body("items[1].dose.holdSeconds", equalTo(5))
                .body("items[1].dose.reps", nullValue())
                .body("items[1].dose.side", equalTo("EACH_SIDE"))
                .body("items[1].notes", equalTo("gently"))
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location"), endsWith("/patients/" + kiwi + "/programs/" + id));
        // the catalog is asked once, on behalf of the caller (their own token goes along)
        CatalogStub.server().verify(1, postRequestedFor(urlEqualTo("/exercises/resolve"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + physio)));

        // a later catalog edit changes nothing already assigned
        Catalog.resolve(List.of(CIRCLES, TWIST), Map.of(
                CIRCLES, Catalog.Exercise.of(CIRCLES, 4),
                TWIST, Catalog.Exercise.of(TWIST, 8)), Map.of());
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/programs/current", kiwi)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("items.exerciseVersion", contains(3, 7));
        given().auth().oauth2(clinic.patient(kiwi)).when().get("/patients/{id}/programs/{p}", kiwi, id)
                .then().statusCode(200)
                .body("items.exerciseSlug", contains(CIRCLES, TWIST));
    }

    @Test
    void assigningATemplateKeepsItsOrderAndDosesExceptTheOverridden() {
        Catalog.template(STARTER, List.of(
                Map.entry(CIRCLES, "{\"sets\":1,\"reps\":10,\"side\":\"BOTH\"}"),
                Map.entry(TWIST, "{\"sets\":1,\"holdSeconds\":5,\"side\":\"EACH_SIDE\"}"),
                Map.entry(FLEXION, "{\"sets\":1,\"holdSeconds\":20,\"side\":\"BOTH\"}")));
        Catalog.resolve(List.of(CIRCLES, TWIST, FLEXION), Map.of(
                CIRCLES, Catalog.Exercise.of(CIRCLES, 2),
                TWIST, Catalog.Exercise.of(TWIST, 1),
                FLEXION, Catalog.Exercise.of(FLEXION, 5)), Map.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("template", STARTER);
        body.put("sessionsPerWeek", 3);
        body.put("doseOverrides", Map.of(TWIST, Map.of("sets", 3, "holdSeconds", 10, "side", "EACH_SIDE")));

        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body(body)
                .when().post("/patients/{id}/programs", patient)
                .then().statusCode(201)
                .body("template", equalTo(STARTER))
                .body("items.exerciseSlug", contains(CIRCLES, TWIST, FLEXION))
                .body("items.exerciseVersion", contains(2, 1, 5))
                .body("items[0].dose.sets", equalTo(1))
                .body("items[0].dose.reps", equalTo(10))
                .body("items[1].dose.sets", equalTo(3))
                .body("items[1].dose.holdSeconds", equalTo(10))
                .body("items[2].dose.holdSeconds", equalTo(20));
    }

    @Test
    void anOverrideForAnExerciseOutsideTheTemplateIsRefused() {
        Catalog.template(STARTER, List.of(Map.entry(CIRCLES, "{\"sets\":1,\"reps\":10,\"side\":\"BOTH\"}")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("template", STARTER);
        body.put("sessionsPerWeek", 3);
        body.put("doseOverrides", Map.of(FLEXION, Map.of("sets", 1, "holdSeconds", 10, "side", "BOTH")));
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body(body)
                .when().post("/patients/{id}/programs", patient)
                .then().spec(invalid("doseOverrides." + FLEXION));
        assertNothingAssigned();
    }

    @Test
    void unknownRetiredAndUnpublishedExercisesAreRefusedAndNothingIsStored() {
        Catalog.resolve(List.of(CIRCLES, "no-such-move", "old-move", "draft-move"),
                Map.of(CIRCLES, Catalog.Exercise.of(CIRCLES, 1)),
                Map.of("old-move", "RETIRED", "draft-move", "NOT_PUBLISHED"));
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .body(itemsBody(3, null, CIRCLES, "no-such-move", "old-move", "draft-move"))
                .when().post("/patients/{id}/programs", patient)
                .then().spec(invalid("items[1].exercise", "items[2].exercise", "items[3].exercise"))
                .body("errors.find { it.field == 'items[1].exercise' }.message", containsString("no such exercise"))
                .body("errors.find { it.field == 'items[2].exercise' }.message", containsString("retired"))
                .body("errors.find { it.field == 'items[3].exercise' }.message", containsString("not published"));
        assertNothingAssigned();
    }

    @Test
    void aTemplateWithARetiredExerciseIsRefused() {
        Catalog.template(STARTER, List.of(
                Map.entry(CIRCLES, "{\"sets\":1,\"reps\":10,\"side\":\"BOTH\"}"),
                Map.entry("old-move", "{\"sets\":1,\"reps\":5,\"side\":\"BOTH\"}")));
        Catalog.resolve(List.of(CIRCLES, "old-move"), Map.of(CIRCLES, Catalog.Exercise.of(CIRCLES, 1)),
                Map.of("old-move", "RETIRED"));
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .body(Map.of("template", STARTER, "sessionsPerWeek", 3))
                .when().post("/patients/{id}/programs", patient)
                .then().spec(invalid("template"))
                .body("errors[0].message", containsString("old-move"));
        assertNothingAssigned();
    }

    @Test
    void anUnknownTemplateIsBadInput() {
        CatalogStub.server().stubFor(get(urlEqualTo("/routine-templates/no-such-routine"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"urn:rehabit:problem:not-found\",\"status\":404}")));
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .body(Map.of("template", "no-such-routine", "sessionsPerWeek", 3))
                .when().post("/patients/{id}/programs", patient)
                .then().spec(invalid("template"));
        assertNothingAssigned();
    }

    @Test
    void eitherATemplateOrItemsMustBeGiven() {
        catalogPublishes(CIRCLES);
        Map<String, Object> both = itemsBody(3, null, CIRCLES);
        both.put("template", STARTER);
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body(both)
                .when().post("/patients/{id}/programs", patient)
                .then().spec(invalid("items"));
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body(Map.of("sessionsPerWeek", 3))
                .when().post("/patients/{id}/programs", patient)
                .then().spec(invalid("items"));
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .body(Map.of("sessionsPerWeek", 3, "items", List.of()))
                .when().post("/patients/{id}/programs", patient)
                .then().spec(invalid("items"));
        Map<String, Object> overridesWithoutTemplate = itemsBody(3, null, CIRCLES);
        overridesWithoutTemplate.put("doseOverrides", Map.of(CIRCLES, Map.of("sets", 1, "reps", 5, "side", "BOTH")));
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body(overridesWithoutTemplate)
                .when().post("/patients/{id}/programs", patient)
                .then().spec(invalid("doseOverrides"));
        assertNothingAssigned();
    }

    @Test
    void badSchedulesAndDosesAreRefusedBeforeTheCatalogIsAsked() {
        Map<String, Object> backwards = itemsBody(3, LocalDate.parse("2026-03-10"), CIRCLES);
        backwards.put("endDate", "2026-03-09");
        assertRefused(backwards, "endDate");
        assertRefused(itemsBody(0, null, CIRCLES), "sessionsPerWeek");
        assertRefused(itemsBody(15, null, CIRCLES), "sessionsPerWeek");
        Map<String, Object> noSchedule = itemsBody(3, null, CIRCLES);
        noSchedule.remove("sessionsPerWeek");
        assertRefused(noSchedule, "sessionsPerWeek");
        assertRefused(itemsBody(3, null, "Not A Slug"), "items[0].exercise");
        Map<String, Object> noSets = itemsBody(3, null, CIRCLES, TWIST);
        item(noSets, 1).put("dose", Map.of("sets", 0, "reps", 10, "side", "BOTH"));
        assertRefused(noSets, "items[1].dose.sets");
        Map<String, Object> howMuch = itemsBody(3, null, CIRCLES);
        item(howMuch, 0).put("dose", Map.of("sets", 2, "side", "BOTH"));
        assertRefused(howMuch, "items[0].dose");
        Map<String, Object> badSide = itemsBody(3, null, CIRCLES);
        item(badSide, 0).put("dose", Map.of("sets", 2, "reps", 10, "side", "UPSIDE_DOWN"));
        assertRefused(badSide, "items[0].dose.side");

        CatalogStub.server().verify(0, postRequestedFor(urlEqualTo("/exercises/resolve")));
        assertNothingAssigned();
    }

    @Test
    void aPatientHasAtMostOneOpenProgram() {
        Program first = assign(clinic, patient, 3, null, CIRCLES);
        catalogPublishes(TWIST);
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body(itemsBody(3, null, TWIST))
                .when().post("/patients/{id}/programs", patient)
                .then().spec(problem(409, "conflict"));
        transition(clinic.physio(), patient, first.id(), "pause").statusCode(200);
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body(itemsBody(3, null, TWIST))
                .when().post("/patients/{id}/programs", patient)
                .then().spec(problem(409, "conflict"));
        // the refusal comes before the catalog is asked
        CatalogStub.server().verify(1, postRequestedFor(urlEqualTo("/exercises/resolve")));

        transition(clinic.physio(), patient, first.id(), "complete").statusCode(200);
        Program second = assign(clinic, patient, 4, null, TWIST);
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/programs", patient)
                .then().statusCode(200)
                .body("id", contains(second.id(), first.id()))
                .body("status", contains("ACTIVE", "COMPLETED"));
    }

    @Test
    void twoAssignmentsRacingEachOtherStoreOneProgram() throws Exception {
        catalogPublishes(CIRCLES);
        ExecutorService physios = Executors.newFixedThreadPool(2);
        CyclicBarrier together = new CyclicBarrier(2);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                answers.add(physios.submit(() -> {
                    together.await();
                    return given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                            .body(itemsBody(3, null, CIRCLES))
                            .when().post("/patients/{id}/programs", patient)
                            .then().extract().statusCode();
                }));
            }
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
        } finally {
            physios.shutdownNow();
        }
        assertThat(statuses, containsInAnyOrder(201, 409));
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/programs", patient)
                .then().statusCode(200)
                .body("$", hasSize(1));
    }

    @Test
    void aProgramMovesThroughItsLife() {
        clock.set(NOW);
        Program program = assign(clinic, patient, 3, null, CIRCLES);
        transition(clinic.physio(), patient, program.id(), "pause").statusCode(200).body("status", equalTo("PAUSED"));
        transition(clinic.physio(), patient, program.id(), "pause").spec(problem(409, "conflict"));
        transition(clinic.physio(), patient, program.id(), "resume").statusCode(200).body("status", equalTo("ACTIVE"));
        transition(clinic.physio(), patient, program.id(), "resume").spec(problem(409, "conflict"));
        clock.set(NOW.plusSeconds(3600));
        transition(clinic.admin(), patient, program.id(), "complete").statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("endedAt", equalTo("2026-03-18T13:00:00Z"));
        for (String action : List.of("pause", "resume", "complete", "cancel")) {
            transition(clinic.physio(), patient, program.id(), action).spec(problem(409, "conflict"));
        }
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/programs/current", patient)
                .then().spec(problem(404, "not-found"));

        Program next = assign(clinic, patient, 3, null, TWIST);
        transition(clinic.physio(), patient, next.id(), "pause").statusCode(200);
        transition(clinic.physio(), patient, next.id(), "cancel").statusCode(200).body("status", equalTo("CANCELLED"));
        for (String action : List.of("pause", "resume", "complete", "cancel")) {
            transition(clinic.physio(), patient, next.id(), action).spec(problem(409, "conflict"));
        }
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/programs", patient)
                .then().statusCode(200)
                .body("status", contains("CANCELLED", "COMPLETED"));
    }

    @Test
    void onlyStaffOfTheClinicMayChangeAProgram() {
        Program program = assign(clinic, patient, 3, null, CIRCLES);
        transition(clinic.patient(patient), patient, program.id(), "pause").spec(problem(403, "forbidden"));
        transition(clinic.patient(patient), patient, program.id(), "cancel").spec(problem(403, "forbidden"));
        catalogPublishes(TWIST);
        given().auth().oauth2(clinic.patient(patient)).contentType(ContentType.JSON).body(itemsBody(3, null, TWIST))
                .when().post("/patients/{id}/programs", patient)
                .then().spec(problem(403, "forbidden"));

        Clinic other = Clinic.fresh();
        transition(other.physio(), patient, program.id(), "pause").spec(problem(404, "not-found"));
        given().auth().oauth2(other.physio()).contentType(ContentType.JSON).body(itemsBody(3, null, TWIST))
                .when().post("/patients/{id}/programs", patient)
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(other.physio()).when().get("/patients/{id}/programs/{p}", patient, program.id())
                .then().spec(problem(404, "not-found"));

        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/programs/current", patient)
                .then().statusCode(200)
                .body("id", equalTo(program.id()))
                .body("status", equalTo("ACTIVE"));
    }

    @Test
    void unknownProgramsAreNotFound() {
        Program program = assign(clinic, patient, 3, null, CIRCLES);
        String neighbour = registerPatient(clinic, "Ben Neighbour");
        transition(clinic.physio(), patient, UUID.randomUUID().toString(), "pause").spec(problem(404, "not-found"));
        transition(clinic.physio(), neighbour, program.id(), "pause").spec(problem(404, "not-found"));
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/programs/{p}", patient, "nope")
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/programs/current", neighbour)
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/programs", neighbour)
                .then().statusCode(200)
                .body("$", empty());
    }

    @Test
    void theSafetyCheckIsRecordedOnceWithItsTimeAndWho() {
        Program program = assign(clinic, patient, 3, null, CIRCLES);
        clock.set(NOW);
        given().auth().oauth2(clinic.patient(patient))
                .when().post("/patients/{id}/programs/{p}/safety-confirmation", patient, program.id())
                .then().statusCode(200)
                .body("safetyConfirmed", equalTo(true))
                .body("safetyConfirmedAt", equalTo("2026-03-18T12:00:00Z"))
                .body("safetyConfirmedBy", equalTo("patient-" + patient));
        clock.set(NOW.plusSeconds(86_400));
        given().auth().oauth2(clinic.physio())
                .when().post("/patients/{id}/programs/{p}/safety-confirmation", patient, program.id())
                .then().statusCode(200)
                .body("safetyConfirmedAt", equalTo("2026-03-18T12:00:00Z"))
                .body("safetyConfirmedBy", equalTo("patient-" + patient));
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/programs/current", patient)
                .then().statusCode(200)
                .body("safetyConfirmedAt", equalTo("2026-03-18T12:00:00Z"));

        transition(clinic.physio(), patient, program.id(), "complete").statusCode(200);
        Program next = assign(clinic, patient, 3, null, TWIST);
        transition(clinic.physio(), patient, next.id(), "cancel").statusCode(200);
        given().auth().oauth2(clinic.patient(patient))
                .when().post("/patients/{id}/programs/{p}/safety-confirmation", patient, next.id())
                .then().spec(problem(409, "conflict"));
        String neighbour = registerPatient(clinic, "Cy Neighbour");
        given().auth().oauth2(clinic.patient(neighbour))
                .when().post("/patients/{id}/programs/{p}/safety-confirmation", patient, program.id())
                .then().spec(problem(404, "not-found"));
    }

    @Test
    void aPatientWithoutAProgramHasNoCurrentOne() {
        given().auth().oauth2(clinic.patient(patient)).when().get("/patients/{id}/programs/current", patient)
                .then().spec(problem(404, "not-found"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> item(Map<String, Object> body, int index) {
        return ((List<Map<String, Object>>) body.get("items")).get(index);
    }

    private void assertRefused(Map<String, Object> body, String field) {
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body(body)
                .when().post("/patients/{id}/programs", patient)
                .then().spec(invalid(field));
    }

    private void assertNothingAssigned() {
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/programs", patient)
                .then().statusCode(200)
                .body("$", hasSize(0));
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/programs/current", patient)
                .then().spec(problem(404, "not-found"));
    }
}

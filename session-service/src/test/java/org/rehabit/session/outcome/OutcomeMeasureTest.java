package org.rehabit.session.outcome;

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
import org.rehabit.session.support.ServiceTestBase;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.rehabit.session.support.Fixtures.IDEMPOTENCY_KEY;
import static org.rehabit.session.support.Fixtures.invalid;
import static org.rehabit.session.support.Fixtures.problem;
import static org.rehabit.session.support.Fixtures.registerPatient;

/**
 * Outcome measures through the HTTP API: assigning pins the catalog's version (read over HTTP from the catalog stub),
 * answers are checked against the pinned items, scored by the pinned rule with the worked examples below, the trend
 * compares each score with the baseline and the previous one by the MCID, a worsening by the MCID raises an alert,
 * and nothing of it reaches another clinic or another patient.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class OutcomeMeasureTest extends ServiceTestBase {

    private static final Instant NOW = Instant.parse("2026-03-18T12:00:00Z");

    private final Clinic clinic = Clinic.fresh();
    private String patient;

    @BeforeEach
    void patientAndCatalog() {
        clock.set(NOW);
        patient = registerPatient(clinic, "Nora Neck");
        // the catalog publishes NDI versions 1 and 2 (2 the newest), and the PSFS version 1
        catalogInstrument("ndi", 1, ndi(1), true);
        catalogInstrument("ndi", 2, ndi(2), true);
        catalogInstrument("psfs", 1, psfs(), true);
    }

    // --- assigning -----------------------------------------------------------------------------------------------

    @Test
    void assigningPinsTheNewestPublishedVersionOrTheOneNamedAndScoresByItWhenTheCatalogHasMovedOn() {
        String physio = clinic.physio();
        assign(physio, Map.of("instrument", "ndi", "schedule", "INTAKE"))
                .statusCode(201)
                .header("Location", containsString("/patients/" + patient + "/outcome-measures/"))
                .body("instrument", org.hamcrest.Matchers.equalTo("ndi"))
                .body("version", org.hamcrest.Matchers.equalTo(2))
                .body("name", org.hamcrest.Matchers.equalTo("Neck Disability Index"))
                .body("items", org.hamcrest.Matchers.equalTo(10))
                .body("mcid", org.hamcrest.Matchers.equalTo(5.0f))
                .body("direction", org.hamcrest.Matchers.equalTo("HIGHER_IS_WORSE"))
                .body("status", org.hamcrest.Matchers.equalTo("ACTIVE"))
                .body("nextDueAt", org.hamcrest.Matchers.equalTo("2026-03-18T12:00:00Z"))
                .body("due", org.hamcrest.Matchers.equalTo(true));
        clock.set(NOW.plusSeconds(60));
        String v1 = assign(clinic.physio(), Map.of("instrument", "ndi", "version", 1, "schedule", "EVERY_N_WEEKS",
                "everyWeeks", 2)).statusCode(201).body("version", org.hamcrest.Matchers.equalTo(1))
                .extract().path("id");
        // the catalog was asked over HTTP, with the physio's own token
        CatalogStub.server().verify(getRequestedFor(urlEqualTo("/instruments/ndi"))
                .withHeader("Authorization", equalTo("Bearer " + physio)));
        CatalogStub.server().verify(getRequestedFor(urlEqualTo("/instruments/ndi/versions/1")));

        // the catalog now publishes a version 3 with other items, then disappears: the assignment keeps version 1
        catalogInstrument("ndi", 3, ndi(3).replace("\"s10\"", "\"s99\""), true);
        CatalogStub.server().resetAll();
        answer(clinic.physio(), v1, ndiAnswers(3, 2, 1, 4, 2, 3, 1, 2, 0, 2)).statusCode(201)
                .body("score", org.hamcrest.Matchers.equalTo(20.0f));
        // at discharge: not due by date
        clock.set(NOW.plusSeconds(120));
        catalogInstrument("psfs", 1, psfs(), true);
        assign(clinic.physio(), Map.of("instrument", "psfs", "schedule", "DISCHARGE")).statusCode(201)
                .body("nextDueAt", nullValue()).body("due", org.hamcrest.Matchers.equalTo(false));
        given().auth().oauth2(clinic.patient(patient)).when().get(path())
                .then().statusCode(200)
                .body("version", contains(2, 1, 1))
                // answered every two weeks: next due two weeks after the answer
                .body("find { it.id == '" + v1 + "' }.responses", org.hamcrest.Matchers.equalTo(1))
                .body("find { it.id == '" + v1 + "' }.nextDueAt", org.hamcrest.Matchers.equalTo("2026-04-01T12:01:00Z"))
                .body("find { it.id == '" + v1 + "' }.due", org.hamcrest.Matchers.equalTo(false));
    }

    @Test
    void anUnknownInstrumentOrVersionOrScheduleIsRefusedAndAnUnreachableCatalogWritesNothing() {
        CatalogStub.server().stubFor(get(urlMatching("/instruments/nope.*")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":404}")));
        CatalogStub.server().stubFor(get(urlEqualTo("/instruments/ndi/versions/9")).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/problem+json").withBody("{\"status\":404}")));
        assign(clinic.physio(), Map.of("instrument", "nope", "schedule", "INTAKE")).spec(invalid("instrument"));
        assign(clinic.physio(), Map.of("instrument", "ndi", "version", 9, "schedule", "INTAKE"))
                .spec(invalid("version"));
        assign(clinic.physio(), Map.of("instrument", "ndi", "schedule", "EVERY_N_WEEKS")).spec(invalid("everyWeeks"));
        assign(clinic.physio(), Map.of("instrument", "ndi", "schedule", "EVERY_N_WEEKS", "everyWeeks", 53))
                .statusCode(400);
        assign(clinic.physio(), Map.of("instrument", "ndi", "schedule", "INTAKE", "everyWeeks", 4))
                .spec(invalid("everyWeeks"));
        CatalogStub.server().stubFor(get(urlEqualTo("/instruments/psfs")).willReturn(aResponse().withStatus(500)));
        assign(clinic.physio(), Map.of("instrument", "psfs", "schedule", "INTAKE"))
                .spec(problem(503, "unavailable")).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(clinic.physio()).when().get(path()).then().statusCode(200).body("$", empty());
    }

    @Test
    void patientsMayNotAssignOrCancelAndOnlyTheirOwnMeasuresAreThere() {
        String ndi = assignNdi();
        assign(clinic.patient(patient), Map.of("instrument", "ndi", "schedule", "INTAKE"))
                .spec(problem(403, "forbidden"));
        given().auth().oauth2(clinic.patient(patient)).when().post(path() + "/" + ndi + "/cancel")
                .then().spec(problem(403, "forbidden"));
        // another patient of the same clinic: not there
        String other = registerPatient(clinic, "Olga Other");
        String otherToken = clinic.patient(other);
        given().auth().oauth2(otherToken).when().get(path()).then().spec(problem(404, "not-found"));
        answer(otherToken, ndi, ndiAnswers(1, 1, 1, 1, 1, 1, 1, 1, 1, 1)).spec(problem(404, "not-found"));
        given().auth().oauth2(otherToken).when().get(path() + "/" + ndi + "/scores")
                .then().spec(problem(404, "not-found"));
        // the assignment id under the other patient's path: not theirs either
        given().auth().oauth2(clinic.physio()).when().get("/patients/" + other + "/outcome-measures/" + ndi
                + "/scores").then().spec(problem(404, "not-found"));
        // the patient answers their own
        answer(clinic.patient(patient), ndi, ndiAnswers(1, 1, 1, 1, 1, 1, 1, 1, 1, 1)).statusCode(201)
                .body("answeredBy", org.hamcrest.Matchers.equalTo("patient-" + patient));
    }

    @Test
    void anotherClinicGetsNotFoundAndSeesAndChangesNothing() {
        String ndi = assignNdi();
        answer(clinic.physio(), ndi, ndiAnswers(1, 1, 1, 1, 1, 1, 1, 1, 1, 1)).statusCode(201);
        Clinic other = Clinic.fresh();
        CatalogStub.server().resetAll();
        for (String token : List.of(other.physio(), other.admin())) {
            assign(token, Map.of("instrument", "ndi", "schedule", "INTAKE")).spec(problem(404, "not-found"));
            given().auth().oauth2(token).when().get(path()).then().spec(problem(404, "not-found"));
            given().auth().oauth2(token).when().post(path() + "/" + ndi + "/cancel")
                    .then().spec(problem(404, "not-found"));
            answer(token, ndi, ndiAnswers(5, 5, 5, 5, 5, 5, 5, 5, 5, 5)).spec(problem(404, "not-found"));
            given().auth().oauth2(token).when().get(path() + "/" + ndi + "/scores")
                    .then().spec(problem(404, "not-found"));
        }
        // the other clinic's assignment never reached the catalog, and this clinic's measure is as it was
        CatalogStub.server().verify(0, getRequestedFor(urlMatching("/instruments.*")));
        given().auth().oauth2(clinic.physio()).when().get(path() + "/" + ndi + "/scores")
                .then().statusCode(200).body("responses.score", contains(10.0f));
        given().auth().oauth2(clinic.physio()).when().get(path())
                .then().statusCode(200).body("status", contains("ACTIVE"));
    }

    // --- answering and scoring -----------------------------------------------------------------------------------

    @Test
    void answersOutsideTheAllowedValuesAreRefusedNamingTheFieldAndStoreNothing() {
        String ndi = assignNdi();
        answer(clinic.physio(), ndi, ndiAnswers(3, 2, 6, 4, 2, 3, 1, 2, 0, 2)).spec(invalid("answers.s3"));
        answer(clinic.physio(), ndi, ndiAnswers(3, 2, 1, 4, 2, 3, 1, 2, 0, -1)).spec(invalid("answers.s10"));
        Map<String, Object> unknown = new LinkedHashMap<>(ndiAnswers(1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
        unknown.put("s11", 1);
        answer(clinic.physio(), ndi, unknown).spec(invalid("answers.s11"));
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .body("{\"answers\":{\"s1\":\"a lot\"}}").when().post(path() + "/" + ndi + "/responses")
                .then().statusCode(400).contentType(containsString("problem+json"));
        // the PSFS: each rated activity is named, and only the PSFS names activities
        String psfs = assign(clinic.physio(), Map.of("instrument", "psfs", "schedule", "INTAKE")).statusCode(201)
                .extract().path("id");
        given().auth().oauth2(clinic.patient(patient)).contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("activity1", 4, "activity2", 6),
                        "activities", Map.of("activity1", "Reversing the car")))
                .when().post(path() + "/" + psfs + "/responses").then().spec(invalid("activities.activity2"));
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .body(Map.of("answers", ndiAnswers(1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
                        "activities", Map.of("s1", "Reading")))
                .when().post(path() + "/" + ndi + "/responses").then().spec(invalid("activities"));

        for (String id : List.of(ndi, psfs)) {
            given().auth().oauth2(clinic.physio()).when().get(path() + "/" + id + "/scores")
                    .then().statusCode(200).body("responses", empty());
        }
        given().auth().oauth2(clinic.physio()).when().get(path())
                .then().statusCode(200).body("responses", contains(0, 0));
    }

    @Test
    void thePsfsIsTheMeanOfTheRatedActivitiesWithTheirNames() {
        String psfs = assign(clinic.physio(), Map.of("instrument", "psfs", "schedule", "INTAKE")).statusCode(201)
                .extract().path("id");
        // three activities rated 4, 6 and 7 (two left out): mean 17 / 3 = 5.67, one decimal: 5.7
        given().auth().oauth2(clinic.patient(patient)).contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("activity1", 4, "activity2", 6, "activity3", 7),
                        "activities", Map.of("activity1", "Reversing the car", "activity2", "Reading in bed",
                                "activity3", "Hanging washing")))
                .when().post(path() + "/" + psfs + "/responses")
                .then().statusCode(201)
                .body("score", org.hamcrest.Matchers.equalTo(5.7f))
                .body("answered", org.hamcrest.Matchers.equalTo(3))
                .body("missing", org.hamcrest.Matchers.equalTo(2))
                .body("activities.activity1", org.hamcrest.Matchers.equalTo("Reversing the car"));
        // answered at intake: nothing more is due
        given().auth().oauth2(clinic.physio()).when().get(path())
                .then().statusCode(200).body("nextDueAt", contains(nullValue())).body("due", contains(false));
    }

    @Test
    void anNdiWithOneSectionMissingIsProratedAndWithTwoMissingHasNoScore() {
        String ndi = assignNdi();
        // sections 1-9 answered 3, 2, 1, 4, 2, 3, 1, 2, 0: 18 of a possible 45; prorated to ten sections:
        // 18 x 10 / 9 = 20.0 (of 50)
        Map<String, Object> oneMissing = ndiAnswers(3, 2, 1, 4, 2, 3, 1, 2, 0, null);
        answer(clinic.patient(patient), ndi, oneMissing).statusCode(201)
                .body("score", org.hamcrest.Matchers.equalTo(20.0f))
                .body("answered", org.hamcrest.Matchers.equalTo(9))
                .body("missing", org.hamcrest.Matchers.equalTo(1))
                .body("unscoredReason", nullValue());
        // sections 1-8 answered 3, 2, 1, 4, 2, 3, 1, 2 (18), sections 9 and 10 left out: two missing is one more
        // than the NDI allows, so no score, and the reason; stored all the same
        Map<String, Object> twoMissing = new LinkedHashMap<>(ndiAnswers(3, 2, 1, 4, 2, 3, 1, 2, null, null));
        twoMissing.remove("s10");
        answer(clinic.patient(patient), ndi, twoMissing).statusCode(201)
                .body("score", nullValue())
                .body("answered", org.hamcrest.Matchers.equalTo(8))
                .body("missing", org.hamcrest.Matchers.equalTo(2))
                .body("unscoredReason", containsString("2 of 10 items unanswered"));
        // all ten, 3, 2, 1, 4, 2, 3, 1, 2, 0, 1: 19; with a score of 19.0 after the baseline 20.0: -1, no important
        // change
        answer(clinic.patient(patient), ndi, ndiAnswers(3, 2, 1, 4, 2, 3, 1, 2, 0, 1)).statusCode(201)
                .body("score", org.hamcrest.Matchers.equalTo(19.0f))
                .body("changeFromBaseline", org.hamcrest.Matchers.equalTo(-1.0f))
                .body("fromBaseline", org.hamcrest.Matchers.equalTo("NO_IMPORTANT_CHANGE"));
        given().auth().oauth2(clinic.patient(patient)).when().get(path() + "/" + ndi + "/scores")
                .then().statusCode(200)
                .body("responses.score", contains(20.0f, null, 19.0f))
                .body("responses.baseline", contains(true, false, false))
                .body("responses.unscoredReason[1]", containsString("at most 1 may be missing"));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyStoresTheAnswersOnce() {
        String ndi = assignNdi();
        Map<String, Object> body = Map.of("answers", ndiAnswers(1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
        String first = given().auth().oauth2(clinic.patient(patient)).header(IDEMPOTENCY_KEY, "phone-1")
                .contentType(ContentType.JSON).body(body).when().post(path() + "/" + ndi + "/responses")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(clinic.patient(patient)).header(IDEMPOTENCY_KEY, "phone-1")
                .contentType(ContentType.JSON).body(body).when().post(path() + "/" + ndi + "/responses")
                .then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", org.hamcrest.Matchers.equalTo(first));
        given().auth().oauth2(clinic.patient(patient)).when().get(path() + "/" + ndi + "/scores")
                .then().statusCode(200).body("responses", hasSize(1));
    }

    @Test
    void aCancelledMeasureTakesNoAnswersAndCancellingTwiceIsAConflict() {
        String ndi = assignNdi();
        given().auth().oauth2(clinic.physio()).when().post(path() + "/" + ndi + "/cancel")
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("CANCELLED"))
                .body("nextDueAt", nullValue());
        given().auth().oauth2(clinic.admin()).when().post(path() + "/" + ndi + "/cancel")
                .then().spec(problem(409, "conflict"));
        answer(clinic.patient(patient), ndi, ndiAnswers(1, 1, 1, 1, 1, 1, 1, 1, 1, 1))
                .spec(problem(409, "conflict"));
    }

    // --- the trend and the alert ---------------------------------------------------------------------------------

    @Test
    void aScoreWorseThanTheBaselineByTheMcidRaisesOneAlertUntilAcknowledgedAndASmallerChangeDoesNot() {
        String ndi = assignNdi();
        // baseline: 2 in every section, 20 of 50
        answer(clinic.patient(patient), ndi, ndiAnswers(2, 2, 2, 2, 2, 2, 2, 2, 2, 2)).statusCode(201)
                .body("baseline", org.hamcrest.Matchers.equalTo(true));
        // 24: 4 points worse, less than the NDI's MCID of 5: no alert
        clock.set(NOW.plusSeconds(7 * 86400));
        answer(clinic.patient(patient), ndi, ndiAnswers(3, 3, 3, 3, 2, 2, 2, 2, 2, 2)).statusCode(201)
                .body("changeFromBaseline", org.hamcrest.Matchers.equalTo(4.0f))
                .body("fromBaseline", org.hamcrest.Matchers.equalTo("NO_IMPORTANT_CHANGE"));
        openAlerts().body("items", empty());
        // 25: 5 points worse than the baseline (the MCID itself counts), 1 worse than the previous
        clock.set(NOW.plusSeconds(14 * 86400));
        answer(clinic.patient(patient), ndi, ndiAnswers(3, 3, 3, 3, 3, 2, 2, 2, 2, 2)).statusCode(201)
                .body("changeFromBaseline", org.hamcrest.Matchers.equalTo(5.0f))
                .body("fromBaseline", org.hamcrest.Matchers.equalTo("WORSENED"))
                .body("changeFromPrevious", org.hamcrest.Matchers.equalTo(1.0f))
                .body("fromPrevious", org.hamcrest.Matchers.equalTo("NO_IMPORTANT_CHANGE"));
        // like any open alert, it puts the patient at risk on the dashboard
        given().auth().oauth2(clinic.physio()).when().get("/clinics/{id}/summary", clinic.id())
                .then().statusCode(200).body("items.openAlerts", contains(1)).body("items.atRisk", contains(true));
        openAlerts().body("items", hasSize(1))
                .body("items[0].rule", org.hamcrest.Matchers.equalTo("OUTCOME_WORSE"))
                .body("items[0].detail", org.hamcrest.Matchers.equalTo(
                        "NDI score 25 is 5 points worse than the baseline 20 of 2026-03-18 (MCID 5)"));
        // worse again: the same open alert, one more occurrence
        clock.set(NOW.plusSeconds(21 * 86400));
        answer(clinic.patient(patient), ndi, ndiAnswers(4, 4, 3, 3, 3, 2, 2, 2, 2, 2)).statusCode(201);
        String alert = openAlerts().body("items", hasSize(1))
                .body("items[0].occurrenceCount", org.hamcrest.Matchers.equalTo(2))
                .extract().path("items[0].id");
        // acknowledged, the next worse score opens a new one
        given().auth().oauth2(clinic.physio()).when().post("/alerts/" + alert + "/acknowledge")
                .then().statusCode(200);
        openAlerts().body("items", empty());
        clock.set(NOW.plusSeconds(28 * 86400));
        answer(clinic.patient(patient), ndi, ndiAnswers(4, 4, 4, 3, 3, 2, 2, 2, 2, 2)).statusCode(201);
        openAlerts().body("items", hasSize(1)).body("items[0].occurrenceCount", org.hamcrest.Matchers.equalTo(1));
        // an improvement by the MCID is marked as such, and raises nothing
        given().auth().oauth2(clinic.physio()).when().get(path() + "/" + ndi + "/scores")
                .then().statusCode(200)
                .body("mcid", org.hamcrest.Matchers.equalTo(5.0f))
                .body("responses.score", contains(20.0f, 24.0f, 25.0f, 27.0f, 28.0f))
                .body("responses.changeFromBaseline", contains(null, 4.0f, 5.0f, 7.0f, 8.0f))
                .body("responses.fromBaseline", contains(null, "NO_IMPORTANT_CHANGE", "WORSENED", "WORSENED",
                        "WORSENED"))
                .body("responses.changeFromPrevious", contains(null, 4.0f, 1.0f, 2.0f, 1.0f));
    }

    @Test
    void aPsfsGettingLowerIsTheWorseningAndABetterScoreRaisesNothing() {
        String psfs = assign(clinic.physio(), Map.of("instrument", "psfs", "schedule", "INTAKE")).statusCode(201)
                .extract().path("id");
        psfsAnswer(psfs, 6).body("baseline", org.hamcrest.Matchers.equalTo(true));
        // 8: 2 points higher, which for the PSFS is better: IMPROVED, no alert
        psfsAnswer(psfs, 8).body("fromBaseline", org.hamcrest.Matchers.equalTo("IMPROVED"));
        openAlerts().body("items", empty());
        // 4: 2 points lower than the baseline: WORSENED, an alert
        psfsAnswer(psfs, 4).body("fromBaseline", org.hamcrest.Matchers.equalTo("WORSENED"))
                .body("fromPrevious", org.hamcrest.Matchers.equalTo("WORSENED"));
        openAlerts().body("items.rule", contains("OUTCOME_WORSE"));
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private ValidatableResponse psfsAnswer(String psfs, int rating) {
        return given().auth().oauth2(clinic.patient(patient)).contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("activity1", rating), "activities",
                        Map.of("activity1", "Reversing the car")))
                .when().post(path() + "/" + psfs + "/responses").then().statusCode(201);
    }

    private ValidatableResponse openAlerts() {
        return given().auth().oauth2(clinic.physio()).queryParam("status", "OPEN").queryParam("patientId", patient)
                .when().get("/clinics/" + clinic.id() + "/alerts").then().statusCode(200);
    }

    private String path() {
        return "/patients/" + patient + "/outcome-measures";
    }

    private String assignNdi() {
        return assign(clinic.physio(), Map.of("instrument", "ndi", "schedule", "INTAKE")).statusCode(201)
                .extract().path("id");
    }

    private ValidatableResponse assign(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(path()).then();
    }

    private ValidatableResponse answer(String token, String assignment, Map<String, Object> answers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("answers", answers);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(path() + "/" + assignment + "/responses").then();
    }

    /** NDI answers for sections s1..s10 in order; a null is sent as null (unanswered). */
    private static Map<String, Object> ndiAnswers(Integer... sections) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int i = 0; i < sections.length; i++) {
            answers.put("s" + (i + 1), sections[i]);
        }
        return answers;
    }

    /** The NDI as the catalog-service answers a version of it (no text: its terms keep it out). */
    private static String ndi(int version) {
        return CatalogStub.ndi(version);
    }

    private static String psfs() {
        List<String> items = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            items.add("{\"id\":\"activity" + i + "\",\"min\":0,\"max\":10,\"text\":\"Activity " + i
                    + "\",\"labels\":[{\"value\":0,\"label\":\"Cannot\"}]}");
        }
        return """
                {"slug":"psfs","version":1,"currentVersion":1,"name":"Patient-Specific Functional Scale",
                 "abbreviation":"PSFS","measures":"x","instructions":"x","items":[%s],
                 "scoring":{"method":"MEAN","maxMissing":4,"min":0,"max":10,"direction":"LOWER_IS_WORSE","decimals":1},
                 "mcid":{"value":2,"source":"Stratford 1995"},"citation":"x","terms":"x","text":"SHIPPED",
                 "textSource":null,"publishedAt":"2026-01-01T00:00:00Z"}""".formatted(String.join(",", items));
    }

    /** Stubs the catalog's GET of one version and, when {@code current}, of the instrument (its current version). */
    private static void catalogInstrument(String slug, int version, String json, boolean current) {
        CatalogStub.instrument(slug, version, json, current);
    }
}

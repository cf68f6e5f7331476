package org.rehabit.session.alert;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.Fixtures.Clinic;
import org.rehabit.session.support.Fixtures.Program;
import org.rehabit.session.support.ServiceTestBase;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rehabit.session.support.Fixtures.CIRCLES;
import static org.rehabit.session.support.Fixtures.TWIST;
import static org.rehabit.session.support.Fixtures.catalogPublishes;
import static org.rehabit.session.support.Fixtures.confirmSafety;
import static org.rehabit.session.support.Fixtures.done;
import static org.rehabit.session.support.Fixtures.itemsBody;
import static org.rehabit.session.support.Fixtures.invalid;
import static org.rehabit.session.support.Fixtures.logSession;
import static org.rehabit.session.support.Fixtures.postSession;
import static org.rehabit.session.support.Fixtures.problem;
import static org.rehabit.session.support.Fixtures.registerPatient;
import static org.rehabit.session.support.Fixtures.session;
import static org.rehabit.session.support.Fixtures.skipped;
import static org.rehabit.session.support.Fixtures.startProgram;
import static org.rehabit.session.support.Fixtures.transition;

/**
 * Alert rules as data: pain after a session, pain rising within one, and inactivity while a program is active,
 * each raised once per cause with the clinic's thresholds; listing by status and acknowledging.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class AlertTest extends ServiceTestBase {

    /** Wednesday 18 March 2026, noon UTC. */
    private static final Instant NOW = Instant.parse("2026-03-18T12:00:00Z");
    private static final String MORNING = "2026-03-18T08:00:00Z";
    private static final LocalDate FIRST_OF_MARCH = LocalDate.parse("2026-03-01");

    @Inject
    AlertService alertService;

    private final Clinic clinic = Clinic.fresh();
    private final Map<String, Program> programs = new HashMap<>();

    @BeforeEach
    void now() {
        clock.set(NOW);
    }

    @Test
    void painAfterAtTheThresholdRaisesOneAlertEvenWhenTheLogIsRetried() {
        String patient = registerPatient(clinic, "Ann Pain");
        Program program = startProgram(clinic, patient, 3, null, CIRCLES);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = session(MORNING, 6, 7, done(program.item(0)));
        String sessionId = postSession(clinic.patient(patient), patient, key, body).statusCode(201)
                .extract().path("id");
        postSession(clinic.patient(patient), patient, key, body).statusCode(201)
                .header("Idempotent-Replayed", "true");
        // below the threshold, nothing
        logSession(clinic.patient(patient), patient, session(MORNING, 6, 6, done(program.item(0))));

        alerts(null)
                .body("total", equalTo(1))
                .body("items[0].rule", equalTo("PAIN_HIGH"))
                .body("items[0].clinicId", equalTo(clinic.id().toString()))
                .body("items[0].patientId", equalTo(patient))
                .body("items[0].sessionId", equalTo(sessionId))
                .body("items[0].programId", equalTo(program.id()))
                .body("items[0].status", equalTo("OPEN"))
                .body("items[0].raisedAt", equalTo("2026-03-18T12:00:00Z"))
                .body("items[0].detail", containsString("7/10"))
                .body("items[0].acknowledgedAt", nullValue());
    }

    @Test
    void aRiseOfTwoWithinASessionRaisesPainRise() {
        String patient = registerPatient(clinic, "Ben Rise");
        Program program = startProgram(clinic, patient, 3, null, CIRCLES);
        logSession(clinic.patient(patient), patient, session(MORNING, 2, 3, done(program.item(0))));
        String rising = logSession(clinic.patient(patient), patient, session(MORNING, 2, 4, done(program.item(0))));
        alerts(null)
                .body("total", equalTo(1))
                .body("items[0].rule", equalTo("PAIN_RISE"))
                .body("items[0].sessionId", equalTo(rising))
                .body("items[0].detail", containsString("from 2 to 4"))
                .body("items[0].patientName", equalTo("Ben Rise"));
    }

    @Test
    void anAlertSaysWhoseItIsWhenListedAndWhenAcknowledged() {
        String ann = registerPatient(clinic, "Ann Named");
        String bob = registerPatient(clinic, "Bob Named");
        Program annProgram = startProgram(clinic, ann, 3, null, CIRCLES);
        Program bobProgram = startProgram(clinic, bob, 3, null, CIRCLES);
        logSession(clinic.patient(ann), ann, session(MORNING, 5, 7, done(annProgram.item(0))));
        logSession(clinic.patient(bob), bob, session(MORNING, 5, 7, done(bobProgram.item(0))));
        String annAlert = alerts(null)
                .body("total", equalTo(4))
                .body("items.findAll { it.patientId == '" + ann + "' }.patientName", everyItem(equalTo("Ann Named")))
                .body("items.findAll { it.patientId == '" + bob + "' }.patientName", everyItem(equalTo("Bob Named")))
                .extract().path("items.find { it.patientId == '" + ann + "' }.id");
        given().auth().oauth2(clinic.physio()).when().post("/alerts/{id}/acknowledge", annAlert)
                .then().statusCode(200).body("patientName", equalTo("Ann Named"));
    }

    @Test
    void aPatientsAlertsAreListedOnTheirOwnAndABadIdIsRefused() {
        String ann = registerPatient(clinic, "Ann Filtered");
        String bob = registerPatient(clinic, "Bob Filtered");
        Program annProgram = startProgram(clinic, ann, 3, null, CIRCLES);
        Program bobProgram = startProgram(clinic, bob, 3, null, CIRCLES);
        logSession(clinic.patient(ann), ann, session(MORNING, 5, 7, done(annProgram.item(0))));
        logSession(clinic.patient(bob), bob, session(MORNING, 5, 7, done(bobProgram.item(0))));
        int all = alerts(null).extract().path("total");
        given().auth().oauth2(clinic.physio()).queryParam("patientId", ann).queryParam("status", "OPEN")
                .when().get("/clinics/{id}/alerts", clinic.id())
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.patientId", everyItem(equalTo(ann)));
        assertTrue(all > 2, "the clinic has other alerts than Ann's: " + all);
        given().auth().oauth2(clinic.physio()).queryParam("patientId", "ann")
                .when().get("/clinics/{id}/alerts", clinic.id())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("patientId"));
        // another clinic's physio naming Ann learns nothing of her
        Clinic other = Clinic.fresh();
        given().auth().oauth2(other.physio()).queryParam("patientId", ann)
                .when().get("/clinics/{id}/alerts", other.id())
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void oneSessionCanRaiseBothPainAlerts() {
        String patient = registerPatient(clinic, "Cas Both");
        Program program = startProgram(clinic, patient, 3, null, CIRCLES);
        String sessionId = logSession(clinic.patient(patient), patient,
                session(MORNING, 3, 8, done(program.item(0))));
        alerts(null)
                .body("total", equalTo(2))
                .body("items.rule", containsInAnyOrder("PAIN_HIGH", "PAIN_RISE"))
                .body("items.sessionId", everyItem(equalTo(sessionId)));
    }

    @Test
    void aCorrectionDoesNotRaiseTheSameCauseAgain() {
        String patient = registerPatient(clinic, "Dan Corrected");
        Program program = startProgram(clinic, patient, 3, null, CIRCLES);
        String original = logSession(clinic.patient(patient), patient, session(MORNING, 7, 8, done(program.item(0))));
        Map<String, Object> correction = session(MORNING, 8, 9, done(program.item(0)));
        correction.put("correctsId", original);
        logSession(clinic.patient(patient), patient, correction);
        alerts(null)
                .body("total", equalTo(1))
                .body("items[0].rule", equalTo("PAIN_HIGH"))
                .body("items[0].sessionId", equalTo(original));
    }

    @Test
    void aCorrectionOfACorrectionDoesNotRaiseTheSameCauseAgain() {
        String patient = registerPatient(clinic, "Dot Chain");
        Program program = startProgram(clinic, patient, 3, null, CIRCLES);
        String original = logSession(clinic.patient(patient), patient, session(MORNING, 3, 8, done(program.item(0))));
        Map<String, Object> correction = session(MORNING, 3, 9, done(program.item(0)));
        correction.put("correctsId", original);
        String first = logSession(clinic.patient(patient), patient, correction);
        Map<String, Object> again = session(MORNING, 2, 9, done(program.item(0)));
        again.put("correctsId", first);
        logSession(clinic.patient(patient), patient, again);
        alerts(null)
                .body("total", equalTo(2))
                .body("items.rule", containsInAnyOrder("PAIN_HIGH", "PAIN_RISE"))
                .body("items.sessionId", everyItem(equalTo(original)));
    }

    @Test
    void aClinicAdminSetsTheThresholdsAndTheyChangeWhatRaises() {
        String patient = registerPatient(clinic, "Eli Threshold");
        Program program = startProgram(clinic, patient, 3, null, CIRCLES);
        given().auth().oauth2(clinic.physio()).when().get("/clinics/{id}/alert-settings", clinic.id())
                .then().statusCode(200)
                .body("painAfterThreshold", equalTo(7))
                .body("painRiseThreshold", equalTo(2))
                .body("inactivityDays", equalTo(7));
        // defaults: pain 5 after is not high, a rise of 2 is
        logSession(clinic.patient(patient), patient, session(MORNING, 3, 5, done(program.item(0))));
        alerts(null).body("items.rule", contains("PAIN_RISE"));

        putSettings(clinic.admin(), clinic.id(), Map.of("painAfterThreshold", 5, "painRiseThreshold", 3,
                "inactivityDays", 3))
                .statusCode(200)
                .body("painAfterThreshold", equalTo(5))
                .body("painRiseThreshold", equalTo(3))
                .body("inactivityDays", equalTo(3));
        given().auth().oauth2(clinic.physio()).when().get("/clinics/{id}/alert-settings", clinic.id())
                .then().statusCode(200)
                .body("painAfterThreshold", equalTo(5))
                .body("painRiseThreshold", equalTo(3));

        // the same session now: pain 5 after is high, a rise of 2 is not
        String second = logSession(clinic.patient(patient), patient, session(MORNING, 3, 5, done(program.item(0))));
        alerts(null)
                .body("total", equalTo(2))
                .body("items.find { it.sessionId == '" + second + "' }.rule", equalTo("PAIN_HIGH"));

        // another clinic keeps the defaults
        Clinic other = Clinic.fresh();
        given().auth().oauth2(other.physio()).when().get("/clinics/{id}/alert-settings", other.id())
                .then().statusCode(200)
                .body("painAfterThreshold", equalTo(7));
    }

    /**
     * Pain during an exercise at or above the clinic's threshold (default 7) raises PAIN_DURING, grouped like the
     * other rules: one open alert per patient, an occurrence per session (the worst item named), once per session
     * however often it is retried; the threshold is the clinic's setting, kept when a write leaves it out.
     */
    @Test
    void painDuringAnExerciseAtTheClinicsThresholdRaisesAGroupedAlert() {
        String patient = registerPatient(clinic, "Pia During");
        List<String> items = startProgram(clinic, patient, 3, null, CIRCLES, TWIST).itemIds();
        String token = clinic.patient(patient);
        given().auth().oauth2(clinic.physio()).when().get("/clinics/{id}/alert-settings", clinic.id())
                .then().statusCode(200)
                .body("painDuringThreshold", equalTo(7));

        // 6 during, pain after 3 from 3: nothing
        logSession(token, patient, session(MORNING, 3, 3, during(done(items.get(0)), 6)));
        alerts(null).body("total", equalTo(0));
        // 7 on the right side of the twist (the worst of the session), 4 on the circles
        String key = UUID.randomUUID().toString();
        Map<String, Object> painful = session(MORNING, 3, 3, during(done(items.get(0)), 4),
                side(during(done(items.get(1)), 2), "LEFT"), side(during(done(items.get(1)), 7), "RIGHT"));
        String first = postSession(token, patient, key, painful).statusCode(201).extract().path("id");
        postSession(token, patient, key, painful).statusCode(201).header("Idempotent-Replayed", "true");
        clock.set(NOW.plusSeconds(60));
        String second = logSession(token, patient, session(MORNING, 3, 3, during(done(items.get(0)), 9)));
        alerts("OPEN")
                .body("total", equalTo(1))
                .body("items[0].rule", equalTo("PAIN_DURING"))
                .body("items[0].patientId", equalTo(patient))
                .body("items[0].occurrenceCount", equalTo(2))
                .body("items[0].occurrences.sessionId", contains(second, first))
                .body("items[0].occurrences[0].detail", containsString("9/10"))
                .body("items[0].occurrences[1].detail", containsString(TWIST + " (right)"))
                .body("items[0].occurrences[1].detail", containsString("7/10"));

        // the clinic lowers it to 5 (other fields as before): 6 during now raises, into the same group
        putSettings(clinic.admin(), clinic.id(), Map.of("painAfterThreshold", 7, "painRiseThreshold", 2,
                "inactivityDays", 7, "painDuringThreshold", 5))
                .statusCode(200)
                .body("painDuringThreshold", equalTo(5));
        putSettings(clinic.admin(), clinic.id(), Map.of("painAfterThreshold", 7, "painRiseThreshold", 2,
                "inactivityDays", 7))
                .statusCode(200)
                .body("painDuringThreshold", equalTo(5));
        clock.set(NOW.plusSeconds(120));
        logSession(token, patient, session(MORNING, 3, 3, during(done(items.get(0)), 6)));
        alerts("OPEN")
                .body("total", equalTo(1))
                .body("items[0].occurrenceCount", equalTo(3))
                .body("items[0].detail", containsString("threshold 5"));
    }

    private static Map<String, Object> during(Map<String, Object> item, int pain) {
        item.put("painDuring", pain);
        return item;
    }

    private static Map<String, Object> side(Map<String, Object> item, String side) {
        item.put("side", side);
        return item;
    }

    @Test
    void onlyAClinicAdminMaySetValidThresholdsForTheirOwnClinic() {
        Map<String, Object> valid = Map.of("painAfterThreshold", 6, "painRiseThreshold", 2, "inactivityDays", 5);
        putSettings(clinic.physio(), clinic.id(), valid).spec(problem(403, "forbidden"));
        putSettings(Clinic.fresh().admin(), clinic.id(), valid).spec(problem(404, "not-found"));
        given().auth().oauth2(Clinic.fresh().physio()).when().get("/clinics/{id}/alert-settings", clinic.id())
                .then().spec(problem(404, "not-found"));

        putSettings(clinic.admin(), clinic.id(), with(valid, "painAfterThreshold", 0))
                .spec(invalid("painAfterThreshold"));
        putSettings(clinic.admin(), clinic.id(), with(valid, "painAfterThreshold", 11))
                .spec(invalid("painAfterThreshold"));
        putSettings(clinic.admin(), clinic.id(), with(valid, "painRiseThreshold", 0))
                .spec(invalid("painRiseThreshold"));
        putSettings(clinic.admin(), clinic.id(), with(valid, "inactivityDays", 91))
                .spec(invalid("inactivityDays"));
        putSettings(clinic.admin(), clinic.id(), with(valid, "atRiskAdherencePercent", 0))
                .spec(invalid("atRiskAdherencePercent"));
        putSettings(clinic.admin(), clinic.id(), with(valid, "atRiskAdherencePercent", 101))
                .spec(invalid("atRiskAdherencePercent"));
        putSettings(clinic.admin(), clinic.id(), with(valid, "atRiskPainTrend", 0.05))
                .spec(invalid("atRiskPainTrend"));
        putSettings(clinic.admin(), clinic.id(), with(valid, "atRiskPainTrend", 5.5))
                .spec(invalid("atRiskPainTrend"));
        putSettings(clinic.admin(), clinic.id(), with(valid, "atRiskPainTrend", 0.125))
                .spec(invalid("atRiskPainTrend"));
        putSettings(clinic.admin(), clinic.id(), with(valid, "painDuringThreshold", 0))
                .spec(invalid("painDuringThreshold"));
        putSettings(clinic.admin(), clinic.id(), with(valid, "painDuringThreshold", 11))
                .spec(invalid("painDuringThreshold"));
        putSettings(clinic.admin(), clinic.id(), with(valid, "atRiskPainTrend", "steep"))
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(clinic.physio()).when().get("/clinics/{id}/alert-settings", clinic.id())
                .then().statusCode(200)
                .body("atRiskAdherencePercent", equalTo(50))
                .body("atRiskPainTrend", equalTo(0.5f));
        Map<String, Object> missing = new HashMap<>(valid);
        missing.remove("inactivityDays");
        putSettings(clinic.admin(), clinic.id(), missing).spec(invalid("inactivityDays"));
        putSettings(clinic.admin(), clinic.id(), with(valid, "painRiseThreshold", "two"))
                .spec(invalid("painRiseThreshold"));

        given().auth().oauth2(clinic.physio()).when().get("/clinics/{id}/alert-settings", clinic.id())
                .then().statusCode(200)
                .body("painAfterThreshold", equalTo(7))
                .body("inactivityDays", equalTo(7));
    }

    /**
     * Now Wednesday 18 March; 7 days without a session (counted in the patient's own days) means the last
     * activity was on or before 11 March. Activity = the start date, the last session or the last resume.
     */
    @Test
    void inactivityRaisesOncePerQuietStretchForActiveProgramsOnly() {
        String lapsed = patientWithProgram("Fay Lapsed", FIRST_OF_MARCH);
        logSession(clinic.patient(lapsed), lapsed, session("2026-03-10T18:00:00Z", 2, 2, done(itemOf(lapsed))));
        String recent = patientWithProgram("Gil Recent", FIRST_OF_MARCH);
        logSession(clinic.patient(recent), recent, session("2026-03-12T18:00:00Z", 2, 2, done(itemOf(recent))));
        String paused = patientWithProgram("Hal Paused", FIRST_OF_MARCH);
        clock.set(Instant.parse("2026-03-05T10:00:00Z"));
        transition(clinic.physio(), paused, programOf(paused), "pause").statusCode(200);
        String resumed = patientWithProgram("Ida Resumed", FIRST_OF_MARCH);
        clock.set(Instant.parse("2026-03-02T10:00:00Z"));
        transition(clinic.physio(), resumed, programOf(resumed), "pause").statusCode(200);
        clock.set(Instant.parse("2026-03-13T10:00:00Z"));
        transition(clinic.physio(), resumed, programOf(resumed), "resume").statusCode(200);
        clock.set(NOW);
        String sevenDays = patientWithProgram("Jon Seven", LocalDate.parse("2026-03-11"));
        patientWithProgram("Kim Six", LocalDate.parse("2026-03-12"));
        registerPatient(clinic, "Lou Without");
        String completed = patientWithProgram("Max Completed", FIRST_OF_MARCH);
        transition(clinic.physio(), completed, programOf(completed), "complete").statusCode(200);

        assertThat(alertService.raiseInactivity(), greaterThanOrEqualTo(2));
        alerts(null)
                .body("total", equalTo(2))
                .body("items.rule", everyItem(equalTo("INACTIVE")))
                .body("items.patientId", containsInAnyOrder(lapsed, sevenDays))
                .body("items.find { it.patientId == '" + lapsed + "' }.programId", equalTo(programOf(lapsed)))
                .body("items.find { it.patientId == '" + lapsed + "' }.detail", containsString("2026-03-10"))
                .body("items.find { it.patientId == '" + sevenDays + "' }.detail", containsString("2026-03-11"));

        assertEquals(0, alertService.raiseInactivity(), "the same quiet stretches raise nothing new");
        alerts(null).body("total", equalTo(2));

        // a session ends the quiet stretch; a new one a week later is a new cause
        logSession(clinic.patient(lapsed), lapsed, session(MORNING, 2, 2, done(itemOf(lapsed))));
        clock.set(Instant.parse("2026-03-25T12:00:00Z"));
        alertService.raiseInactivity();
        // ... and joins the patient's open inactivity alert as its second occurrence
        alerts(null)
                .body("items.findAll { it.patientId == '" + lapsed + "' }", hasSize(1))
                .body("items.find { it.patientId == '" + lapsed + "' }.occurrenceCount", equalTo(2))
                .body("items.find { it.patientId == '" + lapsed + "' }.occurrences.detail",
                        contains(containsString("2026-03-18"), containsString("2026-03-10")))
                .body("items.findAll { it.patientId == '" + sevenDays + "' }", hasSize(1));
    }

    /** A session whose items were all skipped is no work done: it does not end a quiet stretch. */
    @Test
    void anAllSkippedSessionDoesNotResetInactivity() {
        String skipper = patientWithProgram("Rae Skipper", FIRST_OF_MARCH);
        logSession(clinic.patient(skipper), skipper, session("2026-03-10T18:00:00Z", 2, 2, done(itemOf(skipper))));
        logSession(clinic.patient(skipper), skipper, session("2026-03-16T18:00:00Z", 2, 2,
                skipped(itemOf(skipper), null)));

        alertService.raiseInactivity();
        alerts(null)
                .body("items.patientId", contains(skipper))
                .body("items[0].rule", equalTo("INACTIVE"))
                .body("items[0].detail", containsString("2026-03-10"));
    }

    /**
     * A program is over after its end date: quiet since 2 March, the one that ended on 12 March raises nothing on
     * the 18th (though still ACTIVE), the one ending on the 31st does.
     */
    @Test
    void anEndedProgramRaisesNoInactivityAlert() {
        String ended = patientWithProgramUntil("Uma Ended", LocalDate.parse("2026-03-12"));
        logSession(clinic.patient(ended), ended, session("2026-03-02T18:00:00Z", 2, 2, done(itemOf(ended))));
        String running = patientWithProgramUntil("Val Running", LocalDate.parse("2026-03-31"));
        logSession(clinic.patient(running), running, session("2026-03-02T18:00:00Z", 2, 2, done(itemOf(running))));

        alertService.raiseInactivity();
        alerts(null)
                .body("items.patientId", contains(running))
                .body("items[0].rule", equalTo("INACTIVE"));
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/programs/current", ended)
                .then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("endDate", equalTo("2026-03-12"));
    }

    @Test
    void theInactivityThresholdIsTheClinics() {
        putSettings(clinic.admin(), clinic.id(), Map.of("painAfterThreshold", 7, "painRiseThreshold", 2,
                "inactivityDays", 3)).statusCode(200);
        String quiet = patientWithProgram("Ned Quiet", FIRST_OF_MARCH);
        logSession(clinic.patient(quiet), quiet, session("2026-03-14T18:00:00Z", 2, 2, done(itemOf(quiet))));
        Clinic relaxed = Clinic.fresh();
        String same = registerPatient(relaxed, "Oli Same");
        Program program = startProgram(relaxed, same, 3, FIRST_OF_MARCH, CIRCLES);
        logSession(relaxed.patient(same), same, session("2026-03-14T18:00:00Z", 2, 2, done(program.item(0))));

        alertService.raiseInactivity();
        alerts(null)
                .body("items.patientId", contains(quiet))
                .body("items[0].detail", containsString("3 days"));
        given().auth().oauth2(relaxed.physio()).when().get("/clinics/{id}/alerts", relaxed.id())
                .then().statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void twoInstancesCheckingAtOnceRaiseOneAlert() throws Exception {
        String quiet = patientWithProgram("Pam Race", FIRST_OF_MARCH);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        CyclicBarrier together = new CyclicBarrier(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(instances.submit(() -> {
                    together.await();
                    return alertService.raiseInactivity();
                }));
            }
            for (Future<Integer> run : runs) {
                run.get();
            }
        } finally {
            instances.shutdownNow();
        }
        alerts(null)
                .body("total", equalTo(1))
                .body("items[0].rule", equalTo("INACTIVE"))
                .body("items[0].patientId", equalTo(quiet));
    }

    @Test
    void aPhysioAcknowledgesAnAlertOnce() {
        String patient = registerPatient(clinic, "Quin Ack");
        Program program = startProgram(clinic, patient, 3, null, CIRCLES);
        logSession(clinic.patient(patient), patient, session(MORNING, 8, 9, done(program.item(0))));
        String alert = alerts("OPEN").extract().path("items[0].id");

        given().auth().oauth2(clinic.patient(patient)).when().post("/alerts/{id}/acknowledge", alert)
                .then().spec(problem(403, "forbidden"));
        given().auth().oauth2(Clinic.fresh().physio()).when().post("/alerts/{id}/acknowledge", alert)
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(clinic.physio()).when().post("/alerts/{id}/acknowledge", UUID.randomUUID())
                .then().spec(problem(404, "not-found"));

        clock.set(NOW.plusSeconds(3600));
        given().auth().oauth2(clinic.physio()).when().post("/alerts/{id}/acknowledge", alert)
                .then().statusCode(200)
                .body("id", equalTo(alert))
                .body("status", equalTo("ACKNOWLEDGED"))
                .body("acknowledgedBy", equalTo(clinic.physioSubject()))
                .body("acknowledgedAt", equalTo("2026-03-18T13:00:00Z"));
        clock.set(NOW.plusSeconds(7200));
        given().auth().oauth2(clinic.admin()).when().post("/alerts/{id}/acknowledge", alert)
                .then().spec(problem(409, "conflict"));
        alerts(null)
                .body("items[0].acknowledgedBy", equalTo(clinic.physioSubject()))
                .body("items[0].acknowledgedAt", equalTo("2026-03-18T13:00:00Z"));
    }

    @Test
    void alertsAreListedByStatusNewestFirst() {
        String first = painHighFor("Rae List");
        clock.set(NOW.plusSeconds(60));
        String second = painHighFor("Sam List");
        clock.set(NOW.plusSeconds(120));
        String third = painHighFor("Tea List");
        alerts(null).body("items.sessionId", contains(third, second, first));
        String acknowledged = alerts(null).extract().path("items[1].id");
        given().auth().oauth2(clinic.physio()).when().post("/alerts/{id}/acknowledge", acknowledged)
                .then().statusCode(200);

        alerts("OPEN")
                .body("total", equalTo(2))
                .body("items.sessionId", contains(third, first));
        alerts("ACKNOWLEDGED")
                .body("total", equalTo(1))
                .body("items.sessionId", contains(second));
        alerts("acknowledged").body("total", equalTo(1));
        given().auth().oauth2(clinic.physio()).queryParam("size", 2).when().get("/clinics/{id}/alerts", clinic.id())
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("items", hasSize(2));

        given().auth().oauth2(clinic.physio()).queryParam("status", "CLOSED")
                .when().get("/clinics/{id}/alerts", clinic.id())
                .then().spec(invalid("status"));
        given().auth().oauth2(Clinic.fresh().physio()).when().get("/clinics/{id}/alerts", clinic.id())
                .then().spec(problem(404, "not-found"));
        String patient = registerPatient(clinic, "Zed Patient");
        given().auth().oauth2(clinic.patient(patient)).when().get("/clinics/{id}/alerts", clinic.id())
                .then().spec(problem(403, "forbidden"));
    }

    /**
     * Grouping: a second pain rise of a patient is an occurrence of their open PAIN_RISE alert, newest first, and
     * the group comes to the top of the list; acknowledging (with a note) closes it, and the next rise opens a new one.
     */
    @Test
    void aSecondRiseAddsAnOccurrenceUntilTheGroupIsAcknowledgedWithANote() {
        String patient = registerPatient(clinic, "Uma Group");
        Program program = startProgram(clinic, patient, 3, null, CIRCLES);
        String first = logSession(clinic.patient(patient), patient, session(MORNING, 1, 3, done(program.item(0))));
        clock.set(NOW.plusSeconds(60));
        painHighFor("Vic Other");
        clock.set(NOW.plusSeconds(120));
        String second = logSession(clinic.patient(patient), patient, session(MORNING, 2, 5, done(program.item(0))));

        String group = alerts("OPEN")
                .body("total", equalTo(2))
                .body("items[0].patientId", equalTo(patient))
                .body("items[0].rule", equalTo("PAIN_RISE"))
                .body("items[0].occurrenceCount", equalTo(2))
                .body("items[0].raisedAt", equalTo("2026-03-18T12:00:00Z"))
                .body("items[0].lastRaisedAt", equalTo("2026-03-18T12:02:00Z"))
                .body("items[0].sessionId", equalTo(second))
                .body("items[0].detail", containsString("from 2 to 5"))
                .body("items[0].occurrences.sessionId", contains(second, first))
                .body("items[0].occurrences.raisedAt", contains("2026-03-18T12:02:00Z", "2026-03-18T12:00:00Z"))
                .body("items[0].occurrences[1].detail", containsString("from 1 to 3"))
                .body("items[0].acknowledgedNote", nullValue())
                .extract().path("items[0].id");

        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .body(Map.of("note", "x".repeat(501)))
                .when().post("/alerts/{id}/acknowledge", group)
                .then().spec(invalid("note"));
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body("{\"note\": ")
                .when().post("/alerts/{id}/acknowledge", group)
                .then().statusCode(400);
        given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON)
                .body(Map.of("note", "Called her: a new mattress, not the exercises."))
                .when().post("/alerts/{id}/acknowledge", group)
                .then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"))
                .body("acknowledgedNote", equalTo("Called her: a new mattress, not the exercises."))
                .body("occurrenceCount", equalTo(2))
                .body("occurrences", hasSize(2));

        clock.set(NOW.plusSeconds(180));
        String third = logSession(clinic.patient(patient), patient, session(MORNING, 2, 4, done(program.item(0))));
        alerts("OPEN")
                .body("total", equalTo(2))
                .body("items[0].id", not(equalTo(group)))
                .body("items[0].occurrenceCount", equalTo(1))
                .body("items[0].occurrences.sessionId", contains(third));
        alerts("ACKNOWLEDGED")
                .body("items[0].id", equalTo(group))
                .body("items[0].acknowledgedNote", equalTo("Called her: a new mattress, not the exercises."))
                .body("items[0].occurrenceCount", equalTo(2));
    }

    /** Rises of one patient logged at the same moment on several connections leave one open alert. */
    @Test
    void concurrentRisesForOnePatientLeaveOneOpenAlert() throws Exception {
        String patient = registerPatient(clinic, "Wes Race");
        Program program = startProgram(clinic, patient, 3, null, CIRCLES);
        String token = clinic.patient(patient);
        int n = 6;
        ExecutorService phones = Executors.newFixedThreadPool(n);
        CyclicBarrier together = new CyclicBarrier(n);
        try {
            List<Future<String>> logs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                logs.add(phones.submit(() -> {
                    together.await();
                    return logSession(token, patient, session(MORNING, 1, 4, done(program.item(0))));
                }));
            }
            for (Future<String> log : logs) {
                log.get();
            }
        } finally {
            phones.shutdownNow();
        }
        alerts("OPEN")
                .body("total", equalTo(1))
                .body("items[0].occurrenceCount", equalTo(n))
                .body("items[0].occurrences", hasSize(n));
    }

    private String painHighFor(String name) {
        String patient = registerPatient(clinic, name);
        Program program = startProgram(clinic, patient, 3, null, CIRCLES);
        return logSession(clinic.patient(patient), patient, session(MORNING, 7, 8, done(program.item(0))));
    }

    private ValidatableResponse alerts(String status) {
        var request = given().auth().oauth2(clinic.physio());
        if (status != null) {
            request.queryParam("status", status);
        }
        return request.when().get("/clinics/{id}/alerts", clinic.id()).then().statusCode(200);
    }

    private static ValidatableResponse putSettings(String token, UUID clinicId, Map<String, Object> settings) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(settings)
                .when().put("/clinics/{id}/alert-settings", clinicId)
                .then();
    }

    private static Map<String, Object> with(Map<String, Object> settings, String key, Object value) {
        Map<String, Object> changed = new HashMap<>(settings);
        changed.put(key, value);
        return changed;
    }

    /** A UTC patient with a started program of one exercise (assigned at the clock's current time). */
    private String patientWithProgram(String name, LocalDate start) {
        String patient = registerPatient(clinic, name);
        programs.put(patient, startProgram(clinic, patient, 3, start, CIRCLES));
        return patient;
    }

    private String patientWithProgramUntil(String name, LocalDate end) {
        String patient = registerPatient(clinic, name);
        catalogPublishes(CIRCLES);
        Map<String, Object> assignment = itemsBody(3, FIRST_OF_MARCH, CIRCLES);
        assignment.put("endDate", end.toString());
        var assigned = given().auth().oauth2(clinic.physio()).contentType(ContentType.JSON).body(assignment)
                .when().post("/patients/{id}/programs", patient)
                .then().statusCode(201)
                .extract().jsonPath();
        Program program = new Program(assigned.getString("id"), assigned.getList("items.id", String.class));
        confirmSafety(clinic, patient, program);
        programs.put(patient, program);
        return patient;
    }

    private String programOf(String patient) {
        return programs.get(patient).id();
    }

    private String itemOf(String patient) {
        return programs.get(patient).item(0);
    }
}

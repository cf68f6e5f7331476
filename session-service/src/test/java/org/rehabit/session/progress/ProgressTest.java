package org.rehabit.session.progress;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.Fixtures.Clinic;
import org.rehabit.session.support.Fixtures.Program;
import org.rehabit.session.support.ServiceTestBase;
import org.rehabit.session.support.Tokens;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.rehabit.session.support.Fixtures.CIRCLES;
import static org.rehabit.session.support.Fixtures.FLEXION;
import static org.rehabit.session.support.Fixtures.TWIST;
import static org.rehabit.session.support.Fixtures.done;
import static org.rehabit.session.support.Fixtures.held;
import static org.rehabit.session.support.Fixtures.invalid;
import static org.rehabit.session.support.Fixtures.logSession;
import static org.rehabit.session.support.Fixtures.problem;
import static org.rehabit.session.support.Fixtures.registerPatient;
import static org.rehabit.session.support.Fixtures.session;
import static org.rehabit.session.support.Fixtures.skipped;
import static org.rehabit.session.support.Fixtures.startProgram;
import static org.rehabit.session.support.Fixtures.transition;

/**
 * A patient's progress checked against fixtures computed by hand: weekly prescribed/done/adherence (with an
 * empty week and a paused stretch), overall adherence, pain trend, streak, last session, per-exercise rates
 * and left/right hold differences.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class ProgressTest extends ServiceTestBase {

    /** Wednesday 18 March 2026, noon UTC. Its ISO week starts on Monday 16 March. */
    private static final Instant NOW = Instant.parse("2026-03-18T12:00:00Z");

    private final Clinic clinic = Clinic.fresh();

    /**
     * 3 sessions a week from Wednesday 25 Feb, paused Monday 9 to Thursday 12 March; four weeks to Wednesday
     * 18 March (weeks start 23 Feb, 2 Mar, 9 Mar, 16 Mar), patient in UTC.
     *
     * <pre>
     * week    active days                 prescribed      done  min(done,presc)  adherence  pain after
     * 23 Feb  25 Feb - 1 Mar   = 5        3*5/7 = 15/7    2     2                2/(15/7) = 0.93   (3+5)/2 = 4.0
     * 2 Mar   all 7                       3               0     0                0.00              -
     * 9 Mar   12-15 (9-11 paused) = 4     3*4/7 = 12/7    3     12/7             1.00              (4+5+6)/3 = 5.0
     * 16 Mar  16-18 (to today) = 3        3*3/7 = 9/7     1     1                7/9 = 0.78        6.0
     * overall: (2 + 0 + 12/7 + 1) / (57/7) = 33/57 = 0.5789 -> 0.58
     * pain trend over (week index, pain): (0,4) (2,5) (3,6): n=3 Sx=5 Sy=15 Sxx=13 Sxy=28
     *            slope = (3*28 - 5*15) / (3*13 - 5*5) = 9/14 = 0.64
     * streak: this week 1 of ceil(9/7)=2 (under way, no break); 9 Mar met (3 >= 2) = 1; 2 Mar missed: stop -> 1
     * </pre>
     */
    @Test
    void progressMatchesTheHandComputedFixture() {
        clock.set(Instant.parse("2026-02-25T09:00:00Z"));
        String patient = registerPatient(clinic, "Ada Progress");
        String token = clinic.patient(patient);
        Program program = startProgram(clinic, patient, 3, LocalDate.parse("2026-02-25"), CIRCLES, TWIST);
        String circles = program.item(0);
        String twist = program.item(1);

        logAt(token, patient, session("2026-02-25T18:00:00Z", 3, 3,
                done(circles), held(twist, "LEFT", 30), held(twist, "RIGHT", 20)));
        logAt(token, patient, session("2026-02-27T18:00:00Z", 4, 5,
                skipped(circles, null), held(twist, "LEFT", 28), held(twist, "RIGHT", 22)));
        clock.set(Instant.parse("2026-03-09T10:00:00Z"));
        transition(clinic.physio(), patient, program.id(), "pause").statusCode(200);
        clock.set(Instant.parse("2026-03-12T10:00:00Z"));
        transition(clinic.physio(), patient, program.id(), "resume").statusCode(200);
        logAt(token, patient, session("2026-03-12T18:00:00Z", 4, 4,
                done(circles), skipped(twist, null)));
        logAt(token, patient, session("2026-03-13T18:00:00Z", 5, 5,
                done(circles), held(twist, "LEFT", 26), skipped(twist, "RIGHT")));
        logAt(token, patient, session("2026-03-14T18:00:00Z", 5, 6,
                done(circles), held(twist, "LEFT", 30), held(twist, "RIGHT", 24)));
        logAt(token, patient, session("2026-03-16T13:00:00-05:00", 5, 6,
                skipped(circles, null), held(twist, "LEFT", 32), held(twist, "RIGHT", 26)));
        clock.set(NOW);

        given().auth().oauth2(token).queryParam("weeks", 4).when().get("/patients/{id}/progress", patient)
                .then().statusCode(200)
                .body("patientId", equalTo(patient))
                .body("from", equalTo("2026-02-23"))
                .body("to", equalTo("2026-03-18"))
                .body("weeks", equalTo(4))
                .body("byWeek.weekStart", contains("2026-02-23", "2026-03-02", "2026-03-09", "2026-03-16"))
                .body("byWeek.prescribed", contains(2.14f, 3.0f, 1.71f, 1.29f))
                .body("byWeek.done", contains(2, 0, 3, 1))
                .body("byWeek.adherence", contains(0.93f, 0.0f, 1.0f, 0.78f))
                .body("byWeek.painAfter", contains(4.0f, null, 5.0f, 6.0f))
                // pain before: (3+4)/2, -, (4+5+5)/3 = 4.67, 5
                .body("byWeek.painBefore", contains(3.5f, null, 4.67f, 5.0f))
                .body("adherence", equalTo(0.58f))
                .body("painTrend", equalTo(0.64f))
                .body("streakWeeks", equalTo(1))
                .body("sessionsDone", equalTo(6))
                .body("lastSessionAt", equalTo("2026-03-16T13:00:00-05:00"))
                // by slug: seated-spinal-twist, then shoulder-circles; per prescribed item and session
                .body("byExercise.exerciseSlug", contains(TWIST, CIRCLES))
                // shoulder circles: done in sessions 1, 3, 4, 5; skipped in 2 and 6 -> 4/6, 2/6
                .body("byExercise[1].prescribed", equalTo(6))
                .body("byExercise[1].done", equalTo(4))
                .body("byExercise[1].skipped", equalTo(2))
                .body("byExercise[1].omitted", equalTo(0))
                .body("byExercise[1].completionRate", equalTo(0.67f))
                .body("byExercise[1].skipRate", equalTo(0.33f))
                .body("byExercise[1].holdDifferenceSeconds", nullValue())
                // twist (each side): done in sessions 1, 2, 4 (left only), 5, 6, skipped in 3 -> 5/6, 1/6
                .body("byExercise[0].prescribed", equalTo(6))
                .body("byExercise[0].done", equalTo(5))
                .body("byExercise[0].skipped", equalTo(1))
                .body("byExercise[0].completionRate", equalTo(0.83f))
                .body("byExercise[0].skipRate", equalTo(0.17f))
                // left (30+28+26+30+32)/5 = 29.2; right (20+22+24+26)/4 = 23.0; difference 6.2
                .body("byExercise[0].averageHoldLeftSeconds", equalTo(29.2f))
                .body("byExercise[0].averageHoldRightSeconds", equalTo(23.0f))
                .body("byExercise[0].holdDifferenceSeconds", equalTo(6.2f))
                // dose: circles 2 x 10 done in full (1) or skipped (0): 4/6; twist 1 set of 3 held 30 s a side,
                // logged as 1 set with the hold: (30/30 + 20/30)/2, (28+22)/60, 0, (26/30 + 0)/2, (30+24)/60,
                // (1 + 26/30)/2 = 0.83, 0.83, 0, 0.43, 0.9, 0.93: 3.93/6 = 0.66; all twelve: 7.93/12 = 0.66
                .body("byExercise[1].doseCompletion", equalTo(0.67f))
                .body("byExercise[0].doseCompletion", equalTo(0.66f))
                .body("doseCompletion", equalTo(0.66f))
                .body("doseItemsUnmeasured", equalTo(0));

        // the default window is 12 weeks; the weeks before the start prescribe nothing, so nothing changes
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/progress", patient)
                .then().statusCode(200)
                .body("weeks", equalTo(12))
                .body("from", equalTo("2025-12-29"))
                .body("byWeek", hasSize(12))
                .body("byWeek[0].prescribed", equalTo(0.0f))
                .body("byWeek[0].adherence", nullValue())
                .body("adherence", equalTo(0.58f))
                .body("painTrend", equalTo(0.64f))
                .body("sessionsDone", equalTo(6));
    }

    /**
     * One session a week for four weeks, 1 a week prescribed: 1, 1, 1 and 3/7 for the current week (met by its
     * session). Adherence (1+1+1+3/7)/(3+3/7) = 1.0; streak 4; pain flat at 2, so the trend is 0.
     */
    @Test
    void aStreakCountsEveryConsecutiveWeekThatMetThePrescription() {
        clock.set(NOW);
        String patient = registerPatient(clinic, "Bo Streak");
        Program program = startProgram(clinic, patient, 1, LocalDate.parse("2026-02-23"), CIRCLES);
        for (String day : new String[] {"2026-02-24", "2026-03-03", "2026-03-10", "2026-03-17"}) {
            logSession(clinic.patient(patient), patient, session(day + "T07:00:00Z", 2, 2, done(program.item(0))));
        }
        given().auth().oauth2(clinic.physio()).queryParam("weeks", 4).when().get("/patients/{id}/progress", patient)
                .then().statusCode(200)
                .body("byWeek.prescribed", contains(1.0f, 1.0f, 1.0f, 0.43f))
                .body("byWeek.done", contains(1, 1, 1, 1))
                .body("adherence", equalTo(1.0f))
                .body("streakWeeks", equalTo(4))
                .body("painTrend", equalTo(0.0f))
                .body("lastSessionAt", equalTo("2026-03-17T07:00:00Z"));
    }

    /**
     * Weeks are the patient's own: at 20:00 UTC on Sunday 22 March it is already Monday 23 March in Tokyo,
     * so the current week (and the default start date) is Tokyo's. 7 a week from that Monday: 7 × 1/7 = 1
     * prescribed so far, and one session done.
     */
    @Test
    void weeksAreCountedInThePatientsTimeZone() {
        clock.set(Instant.parse("2026-03-22T20:00:00Z"));
        String patient = registerPatient(clinic, "Yui Tokyo", null, "Asia/Tokyo");
        Program program = startProgram(clinic, patient, 7, null, CIRCLES);
        given().auth().oauth2(clinic.physio()).when().get("/patients/{id}/programs/current", patient)
                .then().statusCode(200)
                .body("startDate", equalTo("2026-03-23"));
        logSession(clinic.patient(patient), patient,
                session("2026-03-23T04:30:00+09:00", 2, 2, done(program.item(0))));
        given().auth().oauth2(clinic.patient(patient)).queryParam("weeks", 1)
                .when().get("/patients/{id}/progress", patient)
                .then().statusCode(200)
                .body("from", equalTo("2026-03-23"))
                .body("to", equalTo("2026-03-23"))
                .body("byWeek.weekStart", contains("2026-03-23"))
                .body("byWeek.prescribed", contains(1.0f))
                .body("byWeek.done", contains(1))
                .body("adherence", equalTo(1.0f))
                .body("streakWeeks", equalTo(1));
    }

    /**
     * 7 a week from Monday 16 March, completed on Tuesday 17: only those two days are prescribed (7 × 2/7 = 2),
     * one session done, so adherence is 0.5 even though it is Wednesday now.
     */
    @Test
    void anEndedProgramPrescribesNothingAfterItEnded() {
        clock.set(Instant.parse("2026-03-16T08:00:00Z"));
        String patient = registerPatient(clinic, "Cy Completed");
        Program program = startProgram(clinic, patient, 7, LocalDate.parse("2026-03-16"), CIRCLES);
        logAt(clinic.patient(patient), patient, session("2026-03-16T18:00:00Z", 2, 2, done(program.item(0))));
        clock.set(Instant.parse("2026-03-17T20:00:00Z"));
        transition(clinic.physio(), patient, program.id(), "complete").statusCode(200);
        clock.set(NOW);
        given().auth().oauth2(clinic.physio()).queryParam("weeks", 1).when().get("/patients/{id}/progress", patient)
                .then().statusCode(200)
                .body("byWeek.prescribed", contains(2.0f))
                .body("byWeek.done", contains(1))
                .body("adherence", equalTo(0.5f));
    }

    /**
     * A session counts as done only when an item was DONE. 1 a week from Monday 9 March: last week's only session
     * skipped everything (done 0 of 1), this week's did one of two items (done 1 of 3/7). Adherence
     * (0 + 3/7) ÷ (1 + 3/7) = 0.3 and a streak of 1, on the patient's page and on the dashboard alike; the
     * skipped session's pain still counts. Counted as rows, it would have been 1.0 and 2.
     */
    @Test
    void anAllSkippedSessionIsNotASessionDone() {
        clock.set(NOW);
        String patient = registerPatient(clinic, "Gus Skipper");
        Program program = startProgram(clinic, patient, 1, LocalDate.parse("2026-03-09"), CIRCLES, TWIST);
        logSession(clinic.patient(patient), patient, session("2026-03-10T18:00:00Z", 5, 5,
                skipped(program.item(0), null), skipped(program.item(1), null)));
        logSession(clinic.patient(patient), patient, session("2026-03-17T18:00:00Z", 3, 3,
                skipped(program.item(0), null), done(program.item(1))));
        given().auth().oauth2(clinic.patient(patient)).queryParam("weeks", 2)
                .when().get("/patients/{id}/progress", patient)
                .then().statusCode(200)
                .body("byWeek.done", contains(0, 1))
                .body("byWeek.adherence", contains(0.0f, 1.0f))
                .body("byWeek.painAfter", contains(5.0f, 3.0f))
                .body("adherence", equalTo(0.3f))
                .body("streakWeeks", equalTo(1))
                .body("sessionsDone", equalTo(1));
        given().auth().oauth2(clinic.physio()).queryParam("weeks", 2).queryParam("q", "Gus Skipper")
                .when().get("/clinics/{id}/summary", clinic.id())
                .then().statusCode(200)
                .body("items.patientId", contains(patient))
                .body("items[0].adherence", equalTo(0.3f))
                .body("items[0].weeklyPainAfter", contains(5.0f, 3.0f));
    }

    /**
     * Dose completion and per-exercise completion from what the player logs. Circles 2 × 10, twist 1 × 3 held 30 s
     * on each side, flexion 2 × 10 (the stub's defaults).
     *
     * <pre>
     * session  circles              twist (left, right)                      flexion
     * 1        2 sets, 20 reps: 1   3 reps held 15 s: 0.5; 3 held 30 s: 1    left out: 0
     *                               -> (0.5 + 1) / 2 = 0.75
     * 2        1 set, 10 reps: 0.5  3 held 30 s: 1; skipped: 0 -> 0.5        DONE, no count: unmeasured
     * 3        skipped              skipped, skipped                         skipped   (no work done: no dose)
     * dose completion: (1 + 0.75 + 0 + 0.5 + 0.5) / 5 = 0.55, one item unmeasured
     * per exercise (prescribed in 3 sessions each; twist once per session, not per side):
     *   flexion done 1 (session 2), skipped 1, omitted 1: 1/3; dose: session 1's 0 (session 2's unmeasured)
     *   twist   done 2, skipped 1: 2/3; dose (0.75 + 0.5) / 2 = 0.625; holds left (15 + 30) / 2, right 30
     *   circles done 2, skipped 1: 2/3; dose (1 + 0.5) / 2 = 0.75
     * </pre>
     */
    @Test
    void doseAndPerExerciseCompletionCountPrescribedItemsPerSession() {
        clock.set(NOW);
        String patient = registerPatient(clinic, "Hal Dose");
        Program program = startProgram(clinic, patient, 3, LocalDate.parse("2026-03-16"), CIRCLES, TWIST, FLEXION);
        String circles = program.item(0);
        String twist = program.item(1);
        String flexion = program.item(2);
        String token = clinic.patient(patient);
        logSession(token, patient, session("2026-03-16T18:00:00Z", 2, 2, done(circles),
                reps(held(twist, "LEFT", 15), 3), reps(held(twist, "RIGHT", 30), 3)));
        Map<String, Object> halfCircles = done(circles);
        halfCircles.put("setsDone", 1);
        halfCircles.put("repsDone", 10);
        Map<String, Object> flexionNoCount = new java.util.LinkedHashMap<>(Map.of("programItemId", flexion,
                "status", "DONE"));
        logSession(token, patient, session("2026-03-17T18:00:00Z", 2, 2, halfCircles,
                reps(held(twist, "LEFT", 30), 3), skipped(twist, "RIGHT"), flexionNoCount));
        logSession(token, patient, session("2026-03-18T08:00:00Z", 2, 2, skipped(circles, null),
                skipped(twist, "LEFT"), skipped(twist, "RIGHT"), skipped(flexion, null)));

        given().auth().oauth2(clinic.physio()).queryParam("weeks", 1).when().get("/patients/{id}/progress", patient)
                .then().statusCode(200)
                .body("sessionsDone", equalTo(2))
                .body("doseCompletion", equalTo(0.55f))
                .body("doseItemsUnmeasured", equalTo(1))
                .body("byExercise.exerciseSlug", contains(FLEXION, TWIST, CIRCLES))
                .body("byExercise.prescribed", contains(3, 3, 3))
                .body("byExercise.done", contains(1, 2, 2))
                .body("byExercise.skipped", contains(1, 1, 1))
                .body("byExercise.omitted", contains(1, 0, 0))
                .body("byExercise.completionRate", contains(0.33f, 0.67f, 0.67f))
                .body("byExercise.skipRate", contains(0.33f, 0.33f, 0.33f))
                .body("byExercise.doseCompletion", contains(0.0f, 0.63f, 0.75f))
                .body("byExercise[1].averageHoldLeftSeconds", equalTo(22.5f))
                .body("byExercise[1].averageHoldRightSeconds", equalTo(30.0f))
                .body("byExercise[1].holdDifferenceSeconds", equalTo(-7.5f));
    }

    /**
     * The streak runs over the program's whole life, not the window: 1 a week from Monday 2 February, a session
     * every week but the week of 9 February. Five weeks in a row met it (16 February to this week), whatever the
     * window; the window's own figures stay the window's.
     */
    @Test
    void theStreakRunsBackBeyondTheWindow() {
        clock.set(NOW);
        String patient = registerPatient(clinic, "Ivy Long");
        Program program = startProgram(clinic, patient, 1, LocalDate.parse("2026-02-02"), CIRCLES);
        for (String day : new String[] {"2026-02-03", "2026-02-17", "2026-02-24", "2026-03-03", "2026-03-10",
                "2026-03-17"}) {
            logSession(clinic.patient(patient), patient, session(day + "T07:00:00Z", 2, 2, done(program.item(0))));
        }
        for (int weeks : new int[] {1, 2, 12}) {
            given().auth().oauth2(clinic.physio()).queryParam("weeks", weeks)
                    .when().get("/patients/{id}/progress", patient)
                    .then().statusCode(200)
                    .body("streakWeeks", equalTo(5))
                    .body("byWeek", hasSize(weeks));
        }
        given().auth().oauth2(clinic.physio()).queryParam("weeks", 2).when().get("/patients/{id}/progress", patient)
                .then().statusCode(200)
                .body("byWeek.weekStart", contains("2026-03-09", "2026-03-16"))
                .body("sessionsDone", equalTo(2))
                .body("adherence", equalTo(1.0f));
    }

    private static Map<String, Object> reps(Map<String, Object> item, int reps) {
        item.put("repsDone", reps);
        return item;
    }

    @Test
    void aPatientWithoutAProgramHasNoAdherence() {
        clock.set(NOW);
        String patient = registerPatient(clinic, "Di Nothing");
        given().auth().oauth2(clinic.physio()).queryParam("weeks", 3).when().get("/patients/{id}/progress", patient)
                .then().statusCode(200)
                .body("adherence", nullValue())
                .body("painTrend", nullValue())
                .body("streakWeeks", equalTo(0))
                .body("lastSessionAt", nullValue())
                .body("sessionsDone", equalTo(0))
                .body("byWeek.weekStart", contains("2026-03-02", "2026-03-09", "2026-03-16"))
                .body("byWeek.prescribed", everyItem(equalTo(0.0f)))
                .body("byWeek.adherence", everyItem(nullValue()))
                .body("byExercise", empty());
    }

    @Test
    void progressIsForThePatientAndTheirClinicOnly() {
        String patient = registerPatient(clinic, "Ed Private");
        String neighbour = registerPatient(clinic, "Flo Neighbour");
        given().auth().oauth2(clinic.patient(neighbour)).when().get("/patients/{id}/progress", patient)
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(Clinic.fresh().physio()).when().get("/patients/{id}/progress", patient)
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(Tokens.editor(clinic.id())).when().get("/patients/{id}/progress", patient)
                .then().spec(problem(403, "forbidden"));
        given().auth().oauth2(clinic.physio()).queryParam("weeks", 0).when().get("/patients/{id}/progress", patient)
                .then().spec(invalid("weeks"));
        given().auth().oauth2(clinic.physio()).queryParam("weeks", 53).when().get("/patients/{id}/progress", patient)
                .then().spec(invalid("weeks"));
        given().auth().oauth2(clinic.patient(patient)).when().get("/patients/{id}/progress", patient)
                .then().statusCode(200)
                .body("patientId", equalTo(patient));
    }

    /** Logs with the clock at half an hour after the session, as a phone that synced right away would. */
    private void logAt(String token, String patient, Map<String, Object> body) {
        clock.set(OffsetDateTime.parse((String) body.get("performedAt")).toInstant().plusSeconds(1800));
        logSession(token, patient, body);
    }
}

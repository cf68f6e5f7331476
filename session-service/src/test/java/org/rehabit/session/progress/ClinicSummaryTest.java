package org.rehabit.session.progress;

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
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;
import static org.rehabit.session.support.Fixtures.CIRCLES;
import static org.rehabit.session.support.Fixtures.done;
import static org.rehabit.session.support.Fixtures.invalid;
import static org.rehabit.session.support.Fixtures.logSession;
import static org.rehabit.session.support.Fixtures.problem;
import static org.rehabit.session.support.Fixtures.registerPatient;
import static org.rehabit.session.support.Fixtures.session;
import static org.rehabit.session.support.Fixtures.skipped;
import static org.rehabit.session.support.Fixtures.startProgram;
import static org.rehabit.session.support.Fixtures.transition;

/**
 * The clinic dashboard's data against a hand-computed clinic of five patients: every patient appears (even
 * without a program), with adherence, pain trend, last session and open alerts; sorted, filtered, paged.
 *
 * <pre>
 * now Wednesday 18 March 2026 noon UTC; window 4 weeks: 23 Feb, 2 Mar, 9 Mar, 16 Mar (3 days so far)
 * patient    program                    sessions (pain after)              prescribed        done     adherence
 * Bea Adams  2/wk from 23 Feb           24,26 Feb; 3,5,10 Mar (all 2)      2,2,2,6/7=48/7    2,2,1,0  5/(48/7) = 0.73
 * Cal Brown  2/wk from 23 Feb           25 Feb (3); 11 Mar (5)             48/7              1,0,1,0  2/(48/7) = 0.29
 * Dee Clark  none                       -                                  0                 -        null
 * Eve Dunn   3/wk from 16 Mar           17 Mar (8, before 7): PAIN_HIGH    0,0,0,9/7         0,0,0,1  7/9 = 0.78
 * Fay Evans  2/wk from 23 Feb, paused   24, 26 Feb (4)                     2,0,0,0           2        1.00
 *            since Monday 2 Mar
 * pain trend: Bea flat = 0.0; Cal (0,3) (2,5) = 1.0; the others have fewer than two weeks with sessions = null
 * adherence over the complete weeks (all but 16 Mar): Bea 5/6 = 0.83, Cal 2/6 = 0.33, Eve and Dee none, Fay 1.00
 * at risk: Cal (complete weeks' adherence < 0.5, trend >= 0.5), Eve (an open alert)
 * </pre>
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class ClinicSummaryTest extends ServiceTestBase {

    private static final Instant NOW = Instant.parse("2026-03-18T12:00:00Z");
    private static final LocalDate WINDOW_START = LocalDate.parse("2026-02-23");

    private final Clinic clinic = Clinic.fresh();
    private String eve;

    @BeforeEach
    void fiveHandComputedPatients() {
        clock.set(Instant.parse("2026-02-23T08:00:00Z"));
        String bea = registerPatient(clinic, "Bea Adams", "C-1", "UTC");
        String cal = registerPatient(clinic, "Cal Brown", "C-2", "UTC");
        registerPatient(clinic, "Dee Clark", "C-3", "UTC");
        eve = registerPatient(clinic, "Eve Dunn", "C-4", "UTC");
        String fay = registerPatient(clinic, "Fay Evans", "C-5", "UTC");
        Program beaProgram = startProgram(clinic, bea, 2, WINDOW_START, CIRCLES);
        Program calProgram = startProgram(clinic, cal, 2, WINDOW_START, CIRCLES);
        Program eveProgram = startProgram(clinic, eve, 3, LocalDate.parse("2026-03-16"), CIRCLES);
        Program fayProgram = startProgram(clinic, fay, 2, WINDOW_START, CIRCLES);
        clock.set(Instant.parse("2026-03-02T10:00:00Z"));
        transition(clinic.physio(), fay, fayProgram.id(), "pause").statusCode(200);

        clock.set(NOW);
        for (String day : new String[] {"2026-02-24", "2026-02-26", "2026-03-03", "2026-03-05", "2026-03-10"}) {
            log(bea, beaProgram, day, 2, 2);
        }
        log(cal, calProgram, "2026-02-25", 3, 3);
        log(cal, calProgram, "2026-03-11", 5, 5);
        log(eve, eveProgram, "2026-03-17", 7, 8);
        log(fay, fayProgram, "2026-02-24", 4, 4);
        log(fay, fayProgram, "2026-02-26", 4, 4);
    }

    @Test
    void everyPatientAppearsWithTheHandComputedNumbers() {
        summary(Map.of())
                .body("total", equalTo(5))
                .body("items.displayName", contains("Bea Adams", "Cal Brown", "Dee Clark", "Eve Dunn", "Fay Evans"))
                .body("items.externalRef", contains("C-1", "C-2", "C-3", "C-4", "C-5"))
                .body("items.programStatus", contains("ACTIVE", "ACTIVE", null, "ACTIVE", "PAUSED"))
                .body("items.adherence", contains(0.73f, 0.29f, null, 0.78f, 1.0f))
                .body("items.adherenceCompleteWeeks", contains(0.83f, 0.33f, null, null, 1.0f))
                .body("items.painTrend", contains(0.0f, 1.0f, null, null, null))
                .body("items.lastSessionAt", contains("2026-03-10T18:00:00Z", "2026-03-11T18:00:00Z", null,
                        "2026-03-17T18:00:00Z", "2026-02-26T18:00:00Z"))
                .body("items.openAlerts", contains(0, 0, 0, 1, 0))
                .body("items.atRisk", contains(false, true, false, true, false))
                .body("items[1].weeklyPainAfter", contains(3.0f, null, 5.0f, null))
                .body("items[2].weeklyPainAfter", contains(null, null, null, null))
                .body("items[4].weeklyPainAfter", contains(4.0f, null, null, null));
    }

    @Test
    void sortsByEveryColumnBothWays() {
        summary(Map.of("sort", "name"))
                .body("items.displayName", contains("Bea Adams", "Cal Brown", "Dee Clark", "Eve Dunn", "Fay Evans"));
        summary(Map.of("sort", "-name"))
                .body("items.displayName", contains("Fay Evans", "Eve Dunn", "Dee Clark", "Cal Brown", "Bea Adams"));
        // no adherence (no program) first when ascending, last when descending
        summary(Map.of("sort", "adherence"))
                .body("items.displayName", contains("Dee Clark", "Cal Brown", "Bea Adams", "Eve Dunn", "Fay Evans"));
        summary(Map.of("sort", "-adherence"))
                .body("items.displayName", contains("Fay Evans", "Eve Dunn", "Bea Adams", "Cal Brown", "Dee Clark"));
        summary(Map.of("sort", "-painTrend"))
                .body("items[0].displayName", equalTo("Cal Brown"))
                .body("items[1].displayName", equalTo("Bea Adams"))
                .body("items.painTrend", contains(1.0f, 0.0f, null, null, null));
        summary(Map.of("sort", "painTrend"))
                .body("items[3].displayName", equalTo("Bea Adams"))
                .body("items[4].displayName", equalTo("Cal Brown"));
        summary(Map.of("sort", "lastSession"))
                .body("items.displayName", contains("Dee Clark", "Fay Evans", "Bea Adams", "Cal Brown", "Eve Dunn"));
        summary(Map.of("sort", "-lastSession"))
                .body("items.displayName", contains("Eve Dunn", "Cal Brown", "Bea Adams", "Fay Evans", "Dee Clark"));
        summary(Map.of("sort", "-openAlerts"))
                .body("items[0].displayName", equalTo("Eve Dunn"))
                .body("items.openAlerts", contains(1, 0, 0, 0, 0));
        summary(Map.of("sort", "openAlerts"))
                .body("items[4].displayName", equalTo("Eve Dunn"));
    }

    @Test
    void filtersToThePatientsAtRiskAndByText() {
        summary(Map.of("atRisk", true))
                .body("total", equalTo(2))
                .body("items.displayName", contains("Cal Brown", "Eve Dunn"));
        summary(Map.of("atRisk", true, "sort", "-adherence"))
                .body("items.displayName", contains("Eve Dunn", "Cal Brown"));
        summary(Map.of("q", "c-3"))
                .body("total", equalTo(1))
                .body("items.displayName", contains("Dee Clark"));
        summary(Map.of("q", "EVANS"))
                .body("items.displayName", contains("Fay Evans"));
        summary(Map.of("q", "zzz"))
                .body("total", equalTo(0));
    }

    @Test
    void acknowledgingTheAlertTakesThePatientOffTheRiskList() {
        String alert = given().auth().oauth2(clinic.physio()).queryParam("status", "OPEN")
                .when().get("/clinics/{id}/alerts", clinic.id())
                .then().statusCode(200)
                .body("items.patientId", contains(eve))
                .extract().path("items[0].id");
        given().auth().oauth2(clinic.physio()).when().post("/alerts/{id}/acknowledge", alert)
                .then().statusCode(200);
        summary(Map.of("atRisk", true))
                .body("items.displayName", contains("Cal Brown"));
        summary(Map.of("q", "Eve"))
                .body("items[0].openAlerts", equalTo(0))
                .body("items[0].atRisk", equalTo(false));
    }

    /**
     * The current week is not over: a patient assigned today, or one who has done nothing by Wednesday of their
     * first week, shows 0 % so far but is not at risk. From the next Monday on, the missed week counts.
     */
    @Test
    void theCurrentUnfinishedWeekMakesNoOneAtRisk() {
        Clinic fresh = Clinic.fresh();
        String today = registerPatient(fresh, "Ida Today", "N-1", "UTC");
        String monday = registerPatient(fresh, "Jon Monday", "N-2", "UTC");
        startProgram(fresh, today, 3, LocalDate.parse("2026-03-18"), CIRCLES);
        startProgram(fresh, monday, 3, LocalDate.parse("2026-03-16"), CIRCLES);
        summary(fresh, Map.of())
                .body("items.displayName", contains("Ida Today", "Jon Monday"))
                .body("items.adherence", contains(0.0f, 0.0f))
                .body("items.adherenceCompleteWeeks", contains(nullValue(), nullValue()))
                .body("items.atRisk", contains(false, false));
        summary(fresh, Map.of("atRisk", true)).body("total", equalTo(0));
        given().auth().oauth2(fresh.physio()).queryParam("weeks", 4)
                .when().get("/patients/{id}/progress", monday)
                .then().statusCode(200)
                .body("adherence", equalTo(0.0f))
                .body("adherenceCompleteWeeks", nullValue());

        // next Tuesday: the first week is complete, with none of its sessions done
        clock.set(Instant.parse("2026-03-24T12:00:00Z"));
        summary(fresh, Map.of())
                .body("items.adherenceCompleteWeeks", contains(0.0f, 0.0f))
                .body("items.atRisk", contains(true, true));
    }

    /** A clinic-admin's at-risk thresholds change who the dashboard shows at risk; other clinics keep theirs. */
    @Test
    void atRiskFollowsTheClinicsThresholds() {
        putSettings(Map.of("painAfterThreshold", 7, "painRiseThreshold", 2, "inactivityDays", 7,
                "atRiskAdherencePercent", 90))
                .statusCode(200)
                .body("atRiskAdherencePercent", equalTo(90))
                .body("atRiskPainTrend", equalTo(0.5f));
        // Bea's 0.83 is now below 90 %
        summary(Map.of("atRisk", true))
                .body("items.displayName", contains("Bea Adams", "Cal Brown", "Eve Dunn"));

        // Cal's 0.33 is above 30 %, his trend of 1.0 below 2 points a week
        putSettings(Map.of("painAfterThreshold", 7, "painRiseThreshold", 2, "inactivityDays", 7,
                "atRiskAdherencePercent", 30, "atRiskPainTrend", 2))
                .statusCode(200)
                .body("atRiskPainTrend", equalTo(2));
        summary(Map.of("atRisk", true))
                .body("items.displayName", contains("Eve Dunn"));
        // a trend of exactly the threshold is at risk
        putSettings(Map.of("painAfterThreshold", 7, "painRiseThreshold", 2, "inactivityDays", 7,
                "atRiskPainTrend", 1.0))
                .statusCode(200)
                .body("atRiskAdherencePercent", equalTo(30));
        summary(Map.of("atRisk", true))
                .body("items.displayName", contains("Cal Brown", "Eve Dunn"));
    }

    /**
     * The per-patient progress and the dashboard compute adherence and trend in two places (Java over the weekly
     * counts; SQL for the whole clinic): on generated histories they give the same figures for every patient.
     */
    @Test
    void theDashboardAgreesWithEveryPatientsProgressOnGeneratedHistories() {
        Clinic generated = Clinic.fresh();
        java.util.Random random = new java.util.Random(14);
        LocalDate today = LocalDate.parse("2026-03-18");
        List<String> patients = new java.util.ArrayList<>();
        for (int n = 0; n < 8; n++) {
            String patient = registerPatient(generated, "Gen " + (char) ('A' + n), "G-" + n, "UTC");
            patients.add(patient);
            LocalDate start = today.minusDays(random.nextInt(40));
            Program program = startProgram(generated, patient, 1 + random.nextInt(5), start, CIRCLES);
            for (LocalDate day = start; !day.isAfter(today); day = day.plusDays(1)) {
                if (random.nextInt(7) < 3) {
                    int before = random.nextInt(6);
                    // now and then everything skipped: listed, its pains counted, no session done
                    Map<String, Object> body = session(day + "T07:00:00Z", before,
                            Math.min(10, before + random.nextInt(3)), random.nextInt(6) == 0
                                    ? skipped(program.item(0), null) : done(program.item(0)));
                    logSession(generated.patient(patient), patient, body);
                }
            }
        }
        for (int weeks : new int[] {1, 4, 6}) {
            List<Map<String, Object>> rows = given().auth().oauth2(generated.physio())
                    .queryParams(Map.of("weeks", weeks, "size", 50))
                    .when().get("/clinics/{id}/summary", generated.id())
                    .then().statusCode(200).extract().path("items");
            assertEquals(patients.size(), rows.size());
            for (Map<String, Object> row : rows) {
                Map<String, Object> progress = given().auth().oauth2(generated.physio()).queryParam("weeks", weeks)
                        .when().get("/patients/{id}/progress", row.get("patientId"))
                        .then().statusCode(200).extract().path("");
                for (String figure : List.of("adherence", "adherenceCompleteWeeks", "painTrend")) {
                    assertEquals(progress.get(figure), row.get(figure),
                            figure + " of " + row.get("displayName") + " over " + weeks + " weeks");
                }
            }
        }
    }

    @Test
    void pagesCountEveryMatchingPatient() {
        summary(Map.of("size", 2, "page", 1))
                .body("total", equalTo(5))
                .body("page", equalTo(1))
                .body("size", equalTo(2))
                .body("items.displayName", contains("Dee Clark", "Eve Dunn"));
        summary(Map.of("size", 2, "page", 2))
                .body("items.displayName", contains("Fay Evans"));
        summary(Map.of("size", 2, "page", 7))
                .body("total", equalTo(5))
                .body("items", empty());
    }

    @Test
    void aShorterWindowCountsOnlyItsWeeks() {
        // this week only: Bea 6/7 prescribed, none done -> 0.0; Eve 7/9 -> 0.78; Fay paused -> nothing prescribed
        summary(Map.of("weeks", 1))
                .body("items.adherence", contains(0.0f, 0.0f, null, 0.78f, null))
                .body("items.painTrend", everyItem(nullValue()))
                .body("items[0].weeklyPainAfter", contains(nullValue()))
                .body("items[3].weeklyPainAfter", contains(8.0f));
    }

    @Test
    void badRequestsAndOtherClinicsAreRefused() {
        given().auth().oauth2(clinic.physio()).queryParam("sort", "colour")
                .when().get("/clinics/{id}/summary", clinic.id())
                .then().spec(invalid("sort"));
        given().auth().oauth2(clinic.physio()).queryParam("sort", "-")
                .when().get("/clinics/{id}/summary", clinic.id())
                .then().spec(invalid("sort"));
        given().auth().oauth2(clinic.physio()).queryParam("size", 0)
                .when().get("/clinics/{id}/summary", clinic.id())
                .then().spec(invalid("size"));
        given().auth().oauth2(clinic.physio()).queryParam("weeks", 53)
                .when().get("/clinics/{id}/summary", clinic.id())
                .then().spec(invalid("weeks"));
        given().auth().oauth2(Clinic.fresh().admin())
                .when().get("/clinics/{id}/summary", clinic.id())
                .then().spec(problem(404, "not-found"));
        given().auth().oauth2(clinic.patient(eve))
                .when().get("/clinics/{id}/summary", clinic.id())
                .then().spec(problem(403, "forbidden"));
        given().auth().oauth2(clinic.admin())
                .when().get("/clinics/{id}/summary", clinic.id())
                .then().statusCode(200)
                .body("total", equalTo(5))
                .body("items[2].adherence", nullValue());
    }

    @Test
    void namesSortAndMatchAsInThePatientListWhateverTheirCaseAccentsOrSharpS() {
        Clinic other = Clinic.fresh();
        registerPatient(other, "Zoë Brandt", "Z-1", "UTC");
        registerPatient(other, "émile Roux", "E-2", "UTC");
        registerPatient(other, "Emil Straße", "E-3", "UTC");
        registerPatient(other, "Ådne Berg", "A-4", "UTC");
        registerPatient(other, "ada Strasser", null, "UTC");

        summary(other, Map.of("sort", "name"))
                .body("items.displayName", contains("ada Strasser", "Ådne Berg", "Emil Straße", "émile Roux",
                        "Zoë Brandt"));
        summary(other, Map.of("sort", "-name"))
                .body("items.displayName", contains("Zoë Brandt", "émile Roux", "Emil Straße", "Ådne Berg",
                        "ada Strasser"));
        summary(other, Map.of("q", "STRASSE"))
                .body("items.displayName", contains("ada Strasser", "Emil Straße"));
        summary(other, Map.of("q", "ÉMILE"))
                .body("items.displayName", contains("émile Roux"));
        summary(other, Map.of("q", "e-2"))
                .body("items.displayName", contains("émile Roux"));
    }

    private ValidatableResponse summary(Map<String, ?> query) {
        return summary(clinic, query);
    }

    private static ValidatableResponse summary(Clinic clinic, Map<String, ?> query) {
        return given().auth().oauth2(clinic.physio()).queryParams(query)
                .when().get("/clinics/{id}/summary", clinic.id())
                .then().statusCode(200);
    }

    private ValidatableResponse putSettings(Map<String, Object> settings) {
        return given().auth().oauth2(clinic.admin()).contentType(ContentType.JSON).body(settings)
                .when().put("/clinics/{id}/alert-settings", clinic.id())
                .then();
    }

    private void log(String patient, Program program, String day, int painBefore, int painAfter) {
        logSession(clinic.patient(patient), patient,
                session(day + "T18:00:00Z", painBefore, painAfter, done(program.item(0))));
    }
}

package org.rehabit.session.progress;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.common.PageView;
import org.rehabit.session.identity.Caller;
import org.rehabit.session.identity.Role;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.Fixtures.Clinic;
import org.rehabit.session.support.Fixtures.Program;
import org.rehabit.session.support.ServiceTestBase;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rehabit.session.support.Fixtures.CIRCLES;
import static org.rehabit.session.support.Fixtures.done;
import static org.rehabit.session.support.Fixtures.postSession;
import static org.rehabit.session.support.Fixtures.registerPatient;
import static org.rehabit.session.support.Fixtures.session;
import static org.rehabit.session.support.Fixtures.skipped;
import static org.rehabit.session.support.Fixtures.startProgram;
import static org.rehabit.session.support.Fixtures.transition;

/**
 * The dashboard's stored figures (the rollup kept in the log's transaction, the figures refreshed when something
 * changes or a patient's day ends) against the same figures computed from the raw logs for the request, on
 * generated histories: patients in time zones from UTC-10 to UTC+13, sessions logged with the patient's offset or
 * another one (a phone abroad), all-skipped sessions, corrections (to another day too), pauses and resumptions,
 * sessions voided, patients discharged and reactivated, programs completed and replaced, alerts raised and
 * acknowledged, day after day across week boundaries. Every sort both ways, all patients and those at risk, the
 * stored windows: the same rows in the same order.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class DashboardFiguresTest extends ServiceTestBase {

    private static final List<String> ZONES = List.of("UTC", "Pacific/Auckland", "America/Los_Angeles",
            "Asia/Kolkata", "Europe/Berlin", "Pacific/Honolulu");
    private static final List<String> SORTS = List.of("name", "-name", "adherence", "-adherence", "painTrend",
            "-painTrend", "lastSession", "-lastSession", "openAlerts", "-openAlerts");

    @Inject
    ClinicSummaryService summaries;

    @Inject
    FiguresRefresh refresh;

    @Inject
    EntityManager em;

    /** What the generated history held, so that the comparison is known not to be vacuous. */
    private int logged;
    private int corrected;
    private int voided;
    private int discharged;
    private int atRiskRows;
    private int trendRows;

    /** One generated patient: their zone, open program and the logs no later log corrects. */
    private static final class Patient {
        final String id;
        final ZoneId zone;
        Program program;
        boolean paused;
        boolean discharged;
        final List<String> current = new ArrayList<>();

        Patient(String id, ZoneId zone) {
            this.id = id;
            this.zone = zone;
        }
    }

    @Inject
    FiguresRepository figures;

    @Test
    void theScheduledRefreshTakesEveryDuePatientOverSeveralPacedBatches() {
        Clinic clinic = Clinic.fresh();
        int patients = 2 * FiguresRefresh.BATCH + 7;
        for (int n = 0; n < patients; n++) {
            registerPatient(clinic, "Due " + n, "D-" + n, ZONES.get(n % ZONES.size()));
        }
        Instant now = clock.instant();
        assertTrue(QuarkusTransaction.requiringNew().call(() -> figures.anyStale(clinic.id(), now)),
                "new patients' figures are due");
        int refreshed = refresh.refreshDue();
        assertTrue(refreshed >= patients, refreshed + " refreshed of " + patients + " due in this clinic");
        assertTrue(!QuarkusTransaction.requiringNew().call(() -> figures.anyStale(clinic.id(), now)),
                "after one run no figure of the clinic is due: every batch was taken, not only the first");
        Caller physio = new Caller("physio", Set.of(Role.PHYSIO), clinic.id(), Optional.empty());
        PageView<ClinicSummaryView> page = summaries.summary(physio, clinic.id(), 4, "name", false, null, null, 0, 50);
        assertEquals(patients, page.total(), "the dashboard counts every patient");
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 1216, 20261205})
    void storedFiguresEqualFiguresRecomputedFromTheRawLogs(long seed) {
        Random random = new Random(seed);
        Clinic clinic = Clinic.fresh();
        Instant start = Instant.parse("2026-01-05T00:00:00Z").plus(Duration.ofHours(random.nextInt(24)));
        clock.set(start);
        List<Patient> patients = new ArrayList<>();
        for (int n = 0; n < ZONES.size(); n++) {
            ZoneId zone = ZoneId.of(ZONES.get(n));
            Patient p = new Patient(registerPatient(clinic, "Gen " + (char) ('A' + n), "G-" + n, zone.getId()), zone);
            if (n > 0) { // the first has no program for a while
                p.program = startProgram(clinic, p.id, 1 + random.nextInt(5),
                        LocalDate.ofInstant(start, zone).minusDays(random.nextInt(30)), CIRCLES);
            }
            patients.add(p);
        }
        int compared = 0;
        for (int day = 0; day < 70; day++) {
            Instant now = start.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(random.nextInt(24 * 60)));
            clock.set(now);
            for (Patient p : patients) {
                act(clinic, p, now, random);
            }
            if (random.nextInt(10) == 0) {
                acknowledgeOne(clinic, random);
            }
            if (day % 5 == 4 || random.nextInt(8) == 0) {
                if (random.nextBoolean()) {
                    refresh.refreshDue(); // the scheduled refresh, as well as the reader's
                }
                compare(clinic, random);
                compared++;
            }
        }
        assertTrue(compared > 10);
        assertTrue(logged > 100 && corrected > 5 && voided > 3 && discharged > 0 && atRiskRows > 0
                        && trendRows > 0,
                logged + " logs, " + corrected + " corrections, " + voided + " voided, " + discharged
                        + " discharges, " + atRiskRows
                        + " rows at risk, " + trendRows
                        + " with a trend");
        assertRollupEqualsTheRawLogs(clinic);
    }

    private void act(Clinic clinic, Patient p, Instant now, Random random) {
        String token = clinic.patient(p.id);
        if (p.discharged) {
            if (random.nextInt(4) == 0) { // reactivated: back on the dashboard, without a program yet
                lifecycle(clinic, p, "reactivation", null);
                p.discharged = false;
            }
            return;
        }
        if (random.nextInt(120) == 0) { // discharged (V17): the program completed, the patient off the dashboard
            lifecycle(clinic, p, "discharge", Map.of("reason", "goals met"));
            p.discharged = true;
            p.program = null;
            p.paused = false;
            discharged++;
            return;
        }
        if (p.program == null) {
            if (random.nextInt(20) == 0) {
                p.program = startProgram(clinic, p.id, 1 + random.nextInt(5), LocalDate.ofInstant(now, p.zone),
                        CIRCLES);
            }
            return;
        }
        if (random.nextInt(10) < 4) {
            String id = log(p, token, body(p, now, random), random);
            if (id != null) {
                p.current.add(id);
                logged++;
            }
        }
        if (!p.current.isEmpty() && random.nextInt(14) == 0) {
            String corrected = p.current.get(random.nextInt(p.current.size()));
            Map<String, Object> body = body(p, now, random);
            body.put("correctsId", corrected);
            String id = log(p, token, body, random);
            if (id != null) {
                p.current.remove(corrected);
                p.current.add(id);
                this.corrected++;
            }
        }
        if (!p.current.isEmpty() && random.nextInt(18) == 0) {
            // a session logged in error, voided by the physio (V17): out of every figure from now on
            String id = p.current.remove(random.nextInt(p.current.size()));
            given().auth().oauth2(clinic.physio()).contentType("application/json")
                    .body(Map.of("reason", "logged in error"))
                    .when().post("/patients/{id}/sessions/{s}/void", p.id, id)
                    .then().statusCode(200);
            voided++;
        }
        int change = random.nextInt(40);
        if (change == 0 && !p.paused) {
            transition(clinic.physio(), p.id, p.program.id(), "pause").statusCode(200);
            p.paused = true;
        } else if (p.paused && change < 10) {
            transition(clinic.physio(), p.id, p.program.id(), "resume").statusCode(200);
            p.paused = false;
        } else if (change == 1) {
            // the program ends (completed or cancelled) and another follows, with another weekly count
            transition(clinic.physio(), p.id, p.program.id(), random.nextBoolean() ? "complete" : "cancel")
                    .statusCode(200);
            p.paused = false;
            p.program = random.nextBoolean() ? null : startProgram(clinic, p.id, 1 + random.nextInt(7),
                    LocalDate.ofInstant(now, p.zone), CIRCLES);
        }
    }

    /**
     * A session up to a day and a half before now, with the patient's offset or, now and then, another one (its
     * local day may then be after the patient's today); now and then everything skipped.
     */
    private static Map<String, Object> body(Patient p, Instant now, Random random) {
        Instant at = now.minus(Duration.ofMinutes(random.nextInt(36 * 60)));
        ZoneOffset offset = random.nextInt(7) == 0 ? ZoneOffset.ofHours(random.nextInt(27) - 12)
                : p.zone.getRules().getOffset(at);
        int before = random.nextInt(8);
        int after = Math.max(0, Math.min(10, before + random.nextInt(4) - 1));
        return session(at.atOffset(offset).toString(), before, after, random.nextInt(6) == 0 ? skipped(p.program.item(0), null) : done(p.program.item(0)));
    }

    /** Logs a session; a refusal (before the program started, say) is fine, a failure is not. */
    private static String log(Patient p, String token, Map<String, Object> body, Random random) {
        var answer = postSession(token, p.id, UUID.randomUUID().toString(), body).extract();
        assertTrue(answer.statusCode() < 500, () -> "logging answered " + answer.statusCode() + ": "
                + answer.body().asString());
        return answer.statusCode() == 201 ? answer.path("id") : null;
    }

    private static void lifecycle(Clinic clinic, Patient p, String step, Map<String, Object> body) {
        String etag = given().auth().oauth2(clinic.physio()).when().get("/patients/{id}", p.id)
                .then().statusCode(200).extract().header("ETag");
        var request = given().auth().oauth2(clinic.physio()).header("If-Match", etag);
        if (body != null) {
            request.contentType("application/json").body(body);
        }
        request.when().post("/patients/{id}/" + step, p.id).then().statusCode(200);
    }

    private static void acknowledgeOne(Clinic clinic, Random random) {
        List<String> open = given().auth().oauth2(clinic.physio()).queryParam("status", "OPEN")
                .when().get("/clinics/{id}/alerts", clinic.id())
                .then().statusCode(200).extract().path("items.id");
        if (!open.isEmpty()) {
            given().auth().oauth2(clinic.physio())
                    .when().post("/alerts/{id}/acknowledge", open.get(random.nextInt(open.size())))
                    .then().statusCode(200);
        }
    }

    private void compare(Clinic clinic, Random random) {
        Caller physio = new Caller("physio", Set.of(Role.PHYSIO), clinic.id(), Optional.empty());
        for (int weeks : FiguresRepository.STORED_WINDOWS) {
            for (String sort : SORTS) {
                boolean atRisk = random.nextInt(3) == 0;
                PageView<ClinicSummaryView> stored = summaries.summary(physio, clinic.id(), weeks, sort, atRisk,
                        null, null, 0, 50);
                PageView<ClinicSummaryView> recomputed = summaries.recomputed(clinic.id(), weeks,
                        ClinicSummaryService.order(sort), null, null, atRisk, 0, 50);
                assertEquals(recomputed, stored, "weeks=" + weeks + " sort=" + sort + " atRisk=" + atRisk
                        + " at " + clock.instant());
                atRiskRows += (int) stored.items().stream().filter(ClinicSummaryView::atRisk).count();
                trendRows += (int) stored.items().stream().filter(v -> v.painTrend() != null).count();
            }
        }
    }

    /** Every day's rollup equals the sums over the raw logs that no later log corrects and nobody voided. */
    private void assertRollupEqualsTheRawLogs(Clinic clinic) {
        Map<String, String> differences = QuarkusTransaction.requiringNew().call(() -> {
            Map<String, String> found = new HashMap<>();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    WITH raw AS (
                        SELECT s.patient_id, s.local_date, count(*) FILTER (WHERE s.work_done) AS done,
                               coalesce(sum(s.pain_after), 0) AS pain_after_sum, count(s.pain_after) AS pain_after_count,
                               coalesce(sum(s.pain_before), 0) AS pain_before_sum,
                               count(s.pain_before) AS pain_before_count
                        FROM session_log s
                        WHERE s.clinic_id = :clinic
                          AND NOT EXISTS (SELECT 1 FROM session_log c WHERE c.corrects_id = s.id)
                          AND NOT EXISTS (SELECT 1 FROM session_void v WHERE v.session_id = s.id)
                        GROUP BY s.patient_id, s.local_date
                    ),
                    rollup AS (
                        SELECT d.patient_id, d.local_date, d.done::bigint, d.pain_after_sum::bigint,
                               d.pain_after_count::bigint, d.pain_before_sum::bigint, d.pain_before_count::bigint
                        FROM patient_day d JOIN patient pt ON pt.id = d.patient_id
                        WHERE pt.clinic_id = :clinic
                          AND (d.done, d.pain_after_count, d.pain_before_count) <> (0, 0, 0)
                    )
                    SELECT 'raw only', r.patient_id::text, r.local_date::text FROM (TABLE raw EXCEPT TABLE rollup) r
                    UNION ALL
                    SELECT 'rollup only', r.patient_id::text, r.local_date::text FROM (TABLE rollup EXCEPT TABLE raw) r
                    """).setParameter("clinic", clinic.id()).getResultList();
            for (Object[] row : rows) {
                found.put(row[0] + " " + row[1] + " " + row[2], "");
            }
            return found;
        });
        assertEquals(Map.of(), differences);
    }
}

package org.rehabit.session;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.Fixtures.Clinic;
import org.rehabit.session.support.Fixtures.Program;
import org.rehabit.session.support.Management;
import org.rehabit.session.support.ServiceTestBase;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rehabit.session.support.Fixtures.CIRCLES;
import static org.rehabit.session.support.Fixtures.done;
import static org.rehabit.session.support.Fixtures.postSession;
import static org.rehabit.session.support.Fixtures.registerPatient;
import static org.rehabit.session.support.Fixtures.session;
import static org.rehabit.session.support.Fixtures.startProgram;

/** Operators see sessions logged and alerts raised on /q/metrics, counted once per stored session or alert. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class MetricsTest extends ServiceTestBase {

    private static final String SESSIONS = "rehabit_sessions_logged_total";
    private static final String ALERTS = "rehabit_alerts_raised_total";
    private static final String COMMITS = "rehabit_sessions_logs_per_commit_count";
    private static final String COMMITTED_LOGS = "rehabit_sessions_logs_per_commit_sum";

    @Test
    void sessionsLoggedAndAlertsRaisedAreCounted() {
        Metrics metrics = aLogSentTwice("Mo Metrics", 7, 8);
        assertEquals(metrics.before(SESSIONS, null) + 1, metrics.after(SESSIONS, null), "one session stored");
        assertEquals(metrics.before(ALERTS, "PAIN_HIGH") + 1, metrics.after(ALERTS, "PAIN_HIGH"), "one PAIN_HIGH");
        assertEquals(metrics.before(ALERTS, "PAIN_RISE"), metrics.after(ALERTS, "PAIN_RISE"), "a rise of 1 is not");
    }

    /** A plain new log is stored by the group commit: one commit of one log; its replay stores nothing. */
    @Test
    void aPlainLogIsOneCommitOfTheGroupCommit() {
        Metrics metrics = aLogSentTwice("Gus Group", 2, 1);
        assertEquals(metrics.before(COMMITTED_LOGS, null) + 1, metrics.after(COMMITTED_LOGS, null), "one log stored");
        assertEquals(metrics.before(COMMITS, null) + 1, metrics.after(COMMITS, null), "by one commit");
    }

    /** The metrics before and after a new patient's log (with these pains) is sent, then sent again (a replay). */
    private Metrics aLogSentTwice(String name, int painBefore, int painAfter) {
        clock.set(Instant.parse("2026-03-18T12:00:00Z"));
        Clinic clinic = Clinic.fresh();
        String patient = registerPatient(clinic, name);
        Program program = startProgram(clinic, patient, 3, null, CIRCLES);
        String before = metrics();

        String key = UUID.randomUUID().toString();
        Map<String, Object> log = session("2026-03-18T08:00:00Z", painBefore, painAfter, done(program.item(0)));
        postSession(clinic.patient(patient), patient, key, log).statusCode(201);
        postSession(clinic.patient(patient), patient, key, log).statusCode(201)
                .header("Idempotent-Replayed", "true");
        return new Metrics(before, metrics());
    }

    private record Metrics(String beforeText, String afterText) {
        double before(String name, String rule) {
            return value(beforeText, name, rule);
        }

        double after(String name, String rule) {
            return value(afterText, name, rule);
        }
    }

    private static String metrics() {
        return Management.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of a counter (with the given rule tag, if any) in Prometheus text; 0 when not yet there. */
    private static double value(String metrics, String name, String rule) {
        String labels = rule == null ? "(\\{[^}]*})?" : "\\{[^}]*rule=\"" + rule + "\"[^}]*}";
        Matcher line = Pattern.compile("(?m)^" + name + labels + " (\\S+)$").matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(line.groupCount())) : 0;
    }
}

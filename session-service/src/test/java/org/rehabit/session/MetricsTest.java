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
        clock.set(Instant.parse("2026-03-18T12:00:00Z"));
        Clinic clinic = Clinic.fresh();
        String patient = registerPatient(clinic, "Mo Metrics");
        Program program = startProgram(clinic, patient, 3, null, CIRCLES);
        String before = metrics();

        String key = UUID.randomUUID().toString();
        Map<String, Object> painful = session("2026-03-18T08:00:00Z", 7, 8, done(program.item(0)));
        postSession(clinic.patient(patient), patient, key, painful).statusCode(201);
        postSession(clinic.patient(patient), patient, key, painful).statusCode(201)
                .header("Idempotent-Replayed", "true");

        String after = metrics();
        assertEquals(value(before, SESSIONS, null) + 1, value(after, SESSIONS, null), "one session stored");
        assertEquals(value(before, ALERTS, "PAIN_HIGH") + 1, value(after, ALERTS, "PAIN_HIGH"), "one PAIN_HIGH");
        assertEquals(value(before, ALERTS, "PAIN_RISE"), value(after, ALERTS, "PAIN_RISE"), "a rise of 1 is not");
    }

    /** A plain new log is stored by the group commit: one commit of one log; its replay stores nothing. */
    @Test
    void aPlainLogIsOneCommitOfTheGroupCommit() {
        clock.set(Instant.parse("2026-03-18T12:00:00Z"));
        Clinic clinic = Clinic.fresh();
        String patient = registerPatient(clinic, "Gus Group");
        Program program = startProgram(clinic, patient, 3, null, CIRCLES);
        String before = metrics();

        String key = UUID.randomUUID().toString();
        Map<String, Object> plain = session("2026-03-18T08:00:00Z", 2, 1, done(program.item(0)));
        postSession(clinic.patient(patient), patient, key, plain).statusCode(201);
        postSession(clinic.patient(patient), patient, key, plain).statusCode(201)
                .header("Idempotent-Replayed", "true");

        String after = metrics();
        assertEquals(value(before, COMMITTED_LOGS, null) + 1, value(after, COMMITTED_LOGS, null), "one log stored");
        assertEquals(value(before, COMMITS, null) + 1, value(after, COMMITS, null), "by one commit");
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

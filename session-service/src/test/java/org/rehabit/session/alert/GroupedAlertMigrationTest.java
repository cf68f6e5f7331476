package org.rehabit.session.alert;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Alerts raised before grouping: the open alerts of a patient and rule merge into one carrying each as an
 * occurrence (the latest one's detail on top); acknowledged alerts stay as they were, one occurrence each.
 */
class GroupedAlertMigrationTest {

    private static final String PATIENT = "00000000-0000-0000-0000-000000000001";
    private static final String CLINIC = "00000000-0000-0000-0000-0000000000c1";

    @Test
    void openAlertsOfAPatientAndRuleMergeIntoOne() throws SQLException {
        PostgresTestResource resource = new PostgresTestResource();
        resource.init(Map.of("database", "session_alert_migration"));
        Map<String, String> db = resource.start();
        String url = db.get("quarkus.datasource.jdbc.url");
        String user = db.get("quarkus.datasource.username");
        String password = db.get("quarkus.datasource.password");
        Flyway.configure().dataSource(url, user, password).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(url, user, password).target("9").load().migrate();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.createStatement().execute("INSERT INTO patient (id, clinic_id, display_name, timezone, revision, "
                    + "created_at, updated_at, name_key) VALUES ('" + PATIENT + "', '" + CLINIC + "', 'Ben K.', 'UTC', "
                    + "0, now(), now(), 'ben k.')");
            c.createStatement().execute("""
                    INSERT INTO alert (id, clinic_id, patient_id, rule, cause_key, detail, status, raised_at,
                                       acknowledged_at, acknowledged_by, revision)
                    VALUES ('00000000-0000-0000-0000-0000000000a1', '%2$s', '%1$s', 'PAIN_RISE', 'session:1',
                            'rise one', 'OPEN', '2026-03-01T10:00:00Z', NULL, NULL, 0),
                           ('00000000-0000-0000-0000-0000000000a2', '%2$s', '%1$s', 'PAIN_RISE', 'session:2',
                            'rise two', 'OPEN', '2026-03-03T10:00:00Z', NULL, NULL, 0),
                           ('00000000-0000-0000-0000-0000000000a3', '%2$s', '%1$s', 'PAIN_RISE', 'session:3',
                            'rise three', 'OPEN', '2026-03-02T10:00:00Z', NULL, NULL, 0),
                           ('00000000-0000-0000-0000-0000000000a4', '%2$s', '%1$s', 'PAIN_RISE', 'session:0',
                            'rise acknowledged', 'ACKNOWLEDGED', '2026-02-20T10:00:00Z', '2026-02-21T10:00:00Z',
                            'physio', 1),
                           ('00000000-0000-0000-0000-0000000000a5', '%2$s', '%1$s', 'PAIN_HIGH', 'session:3',
                            'high', 'OPEN', '2026-03-02T10:00:00Z', NULL, NULL, 0)
                    """.formatted(PATIENT, CLINIC));
        }

        Flyway.configure().dataSource(url, user, password).load().migrate();

        List<String> alerts = new ArrayList<>();
        List<String> occurrences = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            try (ResultSet rs = c.createStatement().executeQuery("""
                    SELECT right(id::text, 2), rule, status, occurrences, raised_at::date, last_raised_at::date, detail
                    FROM alert ORDER BY id""")) {
                while (rs.next()) {
                    alerts.add(String.join(" ", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("""
                    SELECT right(alert_id::text, 2), cause_key FROM alert_occurrence ORDER BY alert_id, raised_at DESC
                    """)) {
                while (rs.next()) {
                    occurrences.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        assertEquals(List.of(
                "a1 PAIN_RISE OPEN 3 2026-03-01 2026-03-03 rise two",
                "a4 PAIN_RISE ACKNOWLEDGED 1 2026-02-20 2026-02-20 rise acknowledged",
                "a5 PAIN_HIGH OPEN 1 2026-03-02 2026-03-02 high"), alerts);
        assertEquals(List.of("a1 session:2", "a1 session:3", "a1 session:1", "a4 session:0", "a5 session:3"),
                occurrences);
    }
}

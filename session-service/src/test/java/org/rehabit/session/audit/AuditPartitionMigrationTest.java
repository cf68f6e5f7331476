package org.rehabit.session.audit;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rows of the unpartitioned audit table (before V13) are all in the partitioned one afterwards, with their ids,
 * each month in its partition; new rows get later ids; the table is still append-only.
 */
class AuditPartitionMigrationTest {

    @Test
    void earlierRowsMoveToTheirMonthsWithTheirIds() throws SQLException {
        PostgresTestResource resource = new PostgresTestResource();
        resource.init(Map.of("database", "session_audit_migration"));
        Map<String, String> db = resource.start();
        String url = db.get("quarkus.datasource.jdbc.url");
        String user = db.get("quarkus.datasource.username");
        String password = db.get("quarkus.datasource.password");
        Flyway.configure().dataSource(url, user, password).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(url, user, password).target("11.1").load().migrate();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO audit_event (at, request_id, subject, action, http_method, status, outcome, decided_by)
                    VALUES ('2025-06-30T23:59:59.5Z', 'r1', 'physio-a', 'Patient.get', 'GET', 200, 'OK',
                            'session-service'),
                           ('2025-07-01T00:00:00Z', 'r2', NULL, '/api/v1/me', 'GET', 401, 'UNAUTHENTICATED',
                            'gateway'),
                           (now(), 'r3', 'physio-a', 'Patient.register', 'POST', NULL, 'COMMITTED',
                            'session-service')""");
        }

        Flyway.configure().dataSource(url, user, password).load().migrate();

        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT id, request_id, tableoid::regclass, occurrences FROM "
                    + "audit_event ORDER BY id")) {
                while (rs.next()) {
                    rows.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getInt(4));
                }
            }
            assertEquals("1 r1 audit_event_2025_06 1", rows.get(0));
            assertEquals("2 r2 audit_event_2025_07 1", rows.get(1));
            assertTrue(rows.get(2).startsWith("3 r3 audit_event_"), rows.get(2));
            s.execute("INSERT INTO audit_event (request_id, action, http_method, outcome) "
                    + "VALUES ('r4', 'Patient.get', 'GET', 'OK')");
            try (ResultSet rs = s.executeQuery("SELECT id FROM audit_event WHERE request_id = 'r4'")) {
                rs.next();
                assertEquals(4, rs.getLong(1));
            }
            assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE audit_event SET outcome = 'FAILED'"));
            assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM audit_event"));
        }
    }
}

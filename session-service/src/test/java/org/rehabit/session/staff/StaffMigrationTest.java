package org.rehabit.session.staff;

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
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * V15 keeps every pre-existing free-text physio as the patient's legacy note (no staff is known yet to match it),
 * changes the patient's ETag, and from then on the database refuses a physio who is not staff of the patient's
 * clinic.
 */
class StaffMigrationTest {

    @Test
    void freeTextPhysiosBecomeLegacyNotesAndAssignmentsMustBeStaffOfTheClinic() throws SQLException {
        PostgresTestResource resource = new PostgresTestResource();
        resource.init(Map.of("database", "session_staff_migration"));
        Map<String, String> db = resource.start();
        String url = db.get("quarkus.datasource.jdbc.url");
        String user = db.get("quarkus.datasource.username");
        String password = db.get("quarkus.datasource.password");
        Flyway.configure().dataSource(url, user, password).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(url, user, password).target("14").load().migrate();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.createStatement().execute("""
                    INSERT INTO patient (id, clinic_id, display_name, name_key, timezone, physio_id, revision,
                                         created_at, updated_at)
                    VALUES ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000c1', 'A', 'a',
                            'UTC', 'physio-subject', 3, now(), now()),
                           ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-0000000000c1', 'B', 'b',
                            'UTC', 'Dr. Typed Name', 0, now(), now()),
                           ('00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-0000000000c1', 'C', 'c',
                            'UTC', NULL, 5, now(), now())""");
        }

        Flyway.configure().dataSource(url, user, password).load().migrate();

        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, password);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT display_name, physio_id, physio_legacy, revision FROM patient ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getLong(4));
            }
        }
        assertEquals(List.of("A|null|physio-subject|4", "B|null|Dr. Typed Name|1", "C|null|null|5"), rows);

        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.createStatement().execute("""
                    INSERT INTO clinic_staff (clinic_id, subject, display_name, role, recorded_at)
                    VALUES ('00000000-0000-0000-0000-0000000000c2', 'elsewhere', 'Elsewhere', 'physio', now())""");
            assertThrows(SQLException.class, () -> c.createStatement().executeUpdate(
                    "UPDATE patient SET physio_id = 'elsewhere' WHERE display_name = 'C'"));
        }
    }
}

package org.rehabit.session.patient;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Patients registered before the name keys existed get the keys the service writes (the Java rule, not a SQL
 * copy of it) when the migration adds them, and keep their revision (their ETag does not change).
 */
class NameKeyMigrationTest {

    @Test
    void existingPatientsGetTheServicesKeys() throws SQLException {
        PostgresTestResource resource = new PostgresTestResource();
        resource.init(Map.of("database", "session_migration"));
        Map<String, String> db = resource.start();
        String url = db.get("quarkus.datasource.jdbc.url");
        String user = db.get("quarkus.datasource.username");
        String password = db.get("quarkus.datasource.password");
        Flyway.configure().dataSource(url, user, password).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(url, user, password).target("6").load().migrate();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.createStatement().execute("""
                    INSERT INTO patient (id, clinic_id, display_name, external_ref, timezone, revision, created_at,
                                         updated_at)
                    VALUES ('00000000-0000-0000-0000-000000000001', gen_random_uuid(), 'Jürgen Weiß', 'ÄB-1', 'UTC',
                            3, now(), now()),
                           ('00000000-0000-0000-0000-000000000002', gen_random_uuid(), 'ＺＯＥ', NULL, 'UTC',
                            0, now(), now())""");
        }

        Flyway.configure().dataSource(url, user, password).load().migrate();

        Map<String, String[]> keys = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, user, password);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT display_name, name_key, ref_key, revision FROM patient ORDER BY id")) {
            while (rs.next()) {
                keys.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
            }
        }
        assertEquals(NameKey.of("Jürgen Weiß"), keys.get("Jürgen Weiß")[0]);
        assertEquals("jurgen weiss", keys.get("Jürgen Weiß")[0]);
        assertEquals(NameKey.of("ÄB-1"), keys.get("Jürgen Weiß")[1]);
        assertEquals("3", keys.get("Jürgen Weiß")[2]);
        assertEquals("zoe", keys.get("ＺＯＥ")[0]);
        assertNull(keys.get("ＺＯＥ")[1]);
    }
}

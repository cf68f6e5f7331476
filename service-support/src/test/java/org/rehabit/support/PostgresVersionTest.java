package org.rehabit.support;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The version rule with server version numbers as PostgreSQL reports them (no PostgreSQL 14 needed); the services'
 * own tests run the check against their real server.
 */
class PostgresVersionTest {

    @Test
    void refusesAServerOlderThan15WithBothVersionsInOneLine() {
        var refused = assertThrows(IllegalStateException.class,
                () -> PostgresVersion.check(140011, "14.11 (Debian 14.11-1)"));
        assertEquals("PostgreSQL 14.11 (Debian 14.11-1) found, but Rehabit needs PostgreSQL 15 or newer: "
                + "upgrade the database server", refused.getMessage());
        assertThrows(IllegalStateException.class, () -> PostgresVersion.check(90624, "9.6.24"));
    }

    @Test
    void acceptsEverySupportedMajor() {
        assertEquals("15.0", PostgresVersion.check(150000, "15.0"));
        assertEquals("16.4", PostgresVersion.check(160004, "16.4"));
        assertEquals("17.2", PostgresVersion.check(170002, "17.2"));
        assertEquals("18.1", PostgresVersion.check(180001, "18.1"));
    }
}

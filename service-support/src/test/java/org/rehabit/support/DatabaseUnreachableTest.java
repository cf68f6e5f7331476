package org.rehabit.support;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A database outage is answered 503 (wait and retry), a fault in the request 500 (see ProblemMapper). */
class DatabaseUnreachableTest {

    @Test
    void connectionFailuresAndShutdownsAreOutages() {
        assertTrue(ProblemMapper.databaseUnreachable(new RuntimeException(new SQLException("refused", "08001"))));
        assertTrue(ProblemMapper.databaseUnreachable(new SQLException("terminating connection", "57P01")));
        assertTrue(ProblemMapper.databaseUnreachable(new IllegalStateException(
                new SQLException("Acquisition timeout while waiting for new connection"))));
        assertTrue(ProblemMapper.databaseUnreachable(new SQLTransientConnectionException("gone")));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(ProblemMapper.databaseUnreachable(new NullPointerException()));
        assertFalse(ProblemMapper.databaseUnreachable(new SQLException("syntax", "42601")));
        assertFalse(ProblemMapper.databaseUnreachable(new SQLException("unique", "23505")));
    }
}

package org.rehabit.session.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.session.support.CatalogStub;
import org.rehabit.session.support.ServiceTestBase;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit trail is partitioned by month; months past the retention (24 in tests, the default) are exported to the
 * export folder (gzipped CSV) and only then dropped; this month and the next ones are there before any row is.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "session"))
@WithTestResource(CatalogStub.class)
class AuditRetentionTest extends ServiceTestBase {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditRetention retention;

    @Test
    void anExpiredMonthIsExportedThenDroppedAndRecentMonthsStay() throws Exception {
        String requestId = "old-" + UUID.randomUUID();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT audit_event_partition('2020-01-01')");
            statement.execute("INSERT INTO audit_event (at, request_id, subject, clinic_id, action, http_method, "
                    + "status, outcome) VALUES ('2020-01-15T10:00:00Z', '" + requestId + "', 'physio-old', '"
                    + UUID.randomUUID() + "', 'Patient.get', 'GET', 200, 'OK')");
        }

        assertThat(retention.dropExpired(), hasItem("audit_event_2020_01"));

        Path export = Path.of("target/audit-exports/audit_event_2020_01.csv.gz");
        assertTrue(Files.isRegularFile(export), "the month is exported before it is dropped");
        String csv;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(export))) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(csv, startsWith("id,at,request_id,subject,roles,clinic_id,patient_id,action,http_method,status,"));
        assertThat(csv, containsString(requestId));
        assertFalse(exists("audit_event_2020_01"), "the expired month is gone");
        assertTrue(exists(partitionOf(LocalDate.now(ZoneOffset.UTC))), "this month stays");
        assertTrue(exists(partitionOf(LocalDate.now(ZoneOffset.UTC).plusMonths(3))), "months ahead are ready");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM audit_event WHERE request_id = '"
                     + requestId + "'")) {
            rs.next();
            assertThat(rs.getLong(1), equalTo(0L));
        }
    }

    @Test
    void whileAnotherInstanceExportsNothingIsDroppedAndTheLockEndsWithItsTransaction() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT audit_event_partition('2019-06-01')");
        }
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (Statement statement = other.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + AuditRetention.LOCK + ")");
            }
            assertThat(retention.dropExpired(), equalTo(java.util.List.of()));
            assertTrue(exists("audit_event_2019_06"), "kept while another instance holds the lock");
            other.rollback();
        }
        assertThat(retention.dropExpired(), hasItem("audit_event_2019_06"));
        assertFalse(exists("audit_event_2019_06"));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")) {
            rs.next();
            assertThat("no session keeps an advisory lock after the run", rs.getLong(1), equalTo(0L));
        }
    }

    @Test
    void theMonthsAheadAreCreatedAsTheClockMovesOn() throws Exception {
        // further on than the months the migration created, so that only createAhead can have made them
        LocalDate later = LocalDate.now(ZoneOffset.UTC).plusMonths(6);
        clock.set(later.atStartOfDay(ZoneOffset.UTC).toInstant());

        retention.createAhead();
        retention.createAhead(); // again, as another instance would: nothing to do, no error

        for (int i = 0; i <= 3; i++) {
            assertTrue(exists(partitionOf(later.plusMonths(i))), "month +" + (6 + i) + " is ready");
        }
    }

    private static String partitionOf(LocalDate day) {
        return String.format("audit_event_%04d_%02d", day.getYear(), day.getMonthValue());
    }

    private boolean exists(String table) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}

package org.rehabit.session.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * Keeps the audit trail's monthly partitions: creates this month's and the next three (at start and daily), and drops
 * the months older than {@code rehabit.audit.retention-months} (REHABIT_AUDIT_RETENTION_MONTHS) — each only after it
 * is exported, as gzipped CSV with a header ({@code audit_event_YYYY_MM.csv.gz}), to
 * {@code rehabit.audit.export-dir} (REHABIT_AUDIT_EXPORT_DIR). Without an export folder nothing is dropped. One
 * instance at a time does it (PostgreSQL advisory locks held by the transaction, never by the session); a month already
 * exported is exported again (overwritten) if the drop did not happen.
 */
@ApplicationScoped
public class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class);
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'audit_event_'yyyy_MM");
    /** The advisory lock that keeps two instances from exporting and dropping at once. */
    static final long LOCK = 0x5245484142415544L;
    /** The advisory lock that keeps two instances from creating the same month's partition at once. */
    private static final long CREATE_LOCK = LOCK + 1;
    private static final int MONTHS_AHEAD = 3;

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final int retentionMonths;
    private final Optional<Path> exportDir;

    @Inject
    public AuditRetention(AgroalDataSource dataSource, Clock clock, AuditConfig config) {
        this(dataSource, clock, config.retentionMonths(), config.exportDir());
    }

    AuditRetention(AgroalDataSource dataSource, Clock clock, int retentionMonths, Optional<String> exportDir) {
        if (retentionMonths < 1) {
            throw new IllegalArgumentException("REHABIT_AUDIT_RETENTION_MONTHS must be at least 1 (was "
                    + retentionMonths + ")");
        }
        this.dataSource = dataSource;
        this.clock = clock;
        this.retentionMonths = retentionMonths;
        this.exportDir = exportDir.filter(d -> !d.isBlank()).map(Path::of);
    }

    void atStart(@Observes StartupEvent started) throws SQLException {
        createAhead();
    }

    @Scheduled(cron = "0 17 3 * * ?", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() throws SQLException, IOException {
        createAhead();
        dropExpired();
    }

    /**
     * This month's partition and the next ones', where missing. Every instance does it at start, so one at a time
     * (a transaction-scoped advisory lock): two creating the same month at once would have one fail (42P07, or a
     * unique violation in the catalog). Not {@link #LOCK}: that one is held through exports, which start-up must not
     * wait for.
     */
    void createAhead() throws SQLException {
        LocalDate month = LocalDate.now(clock.withZone(ZoneOffset.UTC)).withDayOfMonth(1);
        try (Connection connection = dataSource.getConnection()) {
            inTransaction(connection, () -> {
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)");
                     PreparedStatement create = connection.prepareStatement("SELECT audit_event_partition(?)")) {
                    lock.setLong(1, CREATE_LOCK);
                    lock.executeQuery().close();
                    for (int i = 0; i <= MONTHS_AHEAD; i++) {
                        create.setObject(1, month.plusMonths(i));
                        create.executeQuery().close();
                    }
                }
            });
        }
    }

    /**
     * Exports and drops the months older than the retention; returns the partitions dropped. Each month in one
     * transaction that holds {@link #LOCK} (a transaction lock, as every lock here: behind a pooler in transaction
     * mode a session lock would stay on whichever server connection took it): export, detach, drop; a month whose drop
     * fails is exported again next time. An instance that finds the lock taken leaves the rest to the other.
     */
    List<String> dropExpired() throws SQLException, IOException {
        YearMonth oldestKept = YearMonth.now(clock.withZone(ZoneOffset.UTC)).minusMonths(retentionMonths - 1L);
        List<String> dropped = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            for (YearMonth month : months(connection)) {
                if (!month.isBefore(oldestKept)) {
                    continue;
                }
                String partition = NAME.format(month.atDay(1));
                if (exportDir.isEmpty()) {
                    LOG.warnf("Audit partition %s is older than %d months but is kept: no export folder "
                            + "(REHABIT_AUDIT_EXPORT_DIR) is set", partition, retentionMonths);
                    continue;
                }
                List<Path> exported = new ArrayList<>(1);
                try {
                    inTransaction(connection, () -> {
                        if (!lock(connection)) {
                            return; // another instance is at it
                        }
                        try {
                            exported.add(export(connection, partition, exportDir.get()));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e); // rolls the transaction back
                        }
                        drop(connection, partition);
                    });
                } catch (java.io.UncheckedIOException e) {
                    throw e.getCause();
                }
                if (exported.isEmpty()) {
                    return dropped;
                }
                LOG.infof("Audit partition %s exported to %s and dropped", partition, exported.get(0));
                dropped.add(partition);
            }
        }
        return dropped;
    }

    private static List<YearMonth> months(Connection connection) throws SQLException {
        List<YearMonth> months = new ArrayList<>();
        try (Statement query = connection.createStatement();
             ResultSet rs = query.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = "
                     + "i.inhrelid WHERE i.inhparent = 'audit_event'::regclass ORDER BY c.relname")) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (name.matches("audit_event_\\d{4}_\\d{2}")) {
                    months.add(YearMonth.of(Integer.parseInt(name.substring(12, 16)),
                            Integer.parseInt(name.substring(17, 19))));
                }
            }
        }
        return months;
    }

    /** Writes the partition's rows to {@code dir}, durably (a temporary file, synced, then renamed). */
    private static Path export(Connection connection, String partition, Path dir) throws SQLException, IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(partition + ".csv.gz");
        Path partial = dir.resolve(partition + ".csv.gz.partial");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial))) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT * FROM " + partition
                    + " ORDER BY at, id) TO STDOUT WITH (FORMAT csv, HEADER true)", out);
        }
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private static void drop(Connection connection, String partition) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE audit_event DETACH PARTITION " + partition);
            statement.execute("DROP TABLE " + partition);
        }
    }

    /** A piece of work on one connection. */
    private interface Work {
        void run() throws SQLException;
    }

    /** Runs {@code work} in one transaction of {@code connection}: committed whole or rolled back. */
    private static void inTransaction(Connection connection, Work work) throws SQLException {
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    /** {@link #LOCK} until the transaction ends, if no other instance holds it. */
    private static boolean lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}

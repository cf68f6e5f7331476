package org.rehabit.session.log;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.rehabit.session.audit.AuditEntry;
import org.rehabit.support.Unavailable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Group commit of new session logs. Each request reads and checks its log on its own thread, then hands the log's
 * one INSERT (the log, its items, its audit row; the rollup by trigger) here and waits until it has committed: a
 * writer thread takes every log waiting when it comes free and stores them in one transaction, the INSERTs sent
 * together ({@code executeBatch}) and one COMMIT (one WAL flush) for them all. One writer by default: at saturation
 * on two cores it stored about 5 logs a commit and cost less a log than two writers at about 2 a commit
 * (docs/performance.md); {@code rehabit.sessions.log-writers} adds more where commits are slow. A log alone is
 * written in autocommit, as before there was a queue, so a quiet service adds no round trip; under load the logs that arrive
 * while a commit is in flight share the next one, which is what takes PostgreSQL's cost per log down (measured in
 * docs/performance.md). A request is answered only after its log's transaction has committed: nothing is
 * acknowledged before it is durable.
 * <p>
 * A batch is all or nothing, so a log that fails in it (a key taken by a racing copy, a correction that lost its
 * race, an unwritable audit table) fails only itself: the batch is rolled back and each of its logs written again
 * alone, each answered with its own outcome. Logs are written in patient order, so two batches that touch the same
 * patients' rollup rows take their locks in the same order and do not deadlock.
 */
@ApplicationScoped
public class SessionLogWriter {

    private static final Logger LOG = Logger.getLogger(SessionLogWriter.class);
    private static final Comparator<Pending> PATIENT_ORDER = Comparator
            .comparing((Pending p) -> p.log.patientId).thenComparing(p -> p.log.localDate);

    private final AgroalDataSource dataSource;
    private final int largestBatch;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private final DistributionSummary batches;
    private volatile boolean stopped;

    public SessionLogWriter(AgroalDataSource dataSource, MeterRegistry registry,
                            @ConfigProperty(name = "rehabit.sessions.log-writers", defaultValue = "1") int writers,
                            @ConfigProperty(name = "rehabit.sessions.largest-commit", defaultValue = "32")
                            int largestBatch) {
        if (writers < 1 || largestBatch < 1) {
            throw new IllegalArgumentException("rehabit.sessions.log-writers and rehabit.sessions.largest-commit "
                    + "must be at least 1");
        }
        this.dataSource = dataSource;
        this.largestBatch = largestBatch;
        // one value a commit that stored logs: a batch rolled back and written again alone counts as its single commits
        this.batches = DistributionSummary.builder("rehabit.sessions.logs.per.commit")
                .description("New session logs stored by one commit").register(registry);
        for (int i = 0; i < writers; i++) {
            Thread writer = new Thread(this::writeWhileRunning, "session-log-writer-" + i);
            writer.setDaemon(true);
            this.writers.add(writer);
            writer.start();
        }
    }

    /**
     * Stores the log (and the request's audit row, when given) and returns once it has committed. Throws the
     * {@link SQLException} PostgreSQL answered for this log alone (e.g. a unique key a racing copy took); 503 when
     * the service is stopping or the wait is interrupted (the log may or may not be stored: a retry with the same
     * Idempotency-Key answers which).
     */
    void write(SessionLog log, AuditEntry audit) throws SQLException {
        Pending pending = new Pending(log, audit);
        waiting.add(pending);
        if (stopped && waiting.remove(pending)) {
            // stop() may have drained the queue before this log was added: nothing would ever take it
            pending.done.completeExceptionally(stopping());
        }
        try {
            pending.done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("The session could not be confirmed stored; send it again.", 1, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Session log not stored", e.getCause());
        }
    }

    private void writeWhileRunning() {
        List<Pending> batch = new ArrayList<>(largestBatch);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(waiting.take());
            } catch (InterruptedException e) {
                return;
            }
            waiting.drainTo(batch, largestBatch - 1);
            try {
                writeAll(batch);
            } catch (RuntimeException | Error e) {
                LOG.error("Session logs not stored", e);
                batch.forEach(p -> p.done.completeExceptionally(e));
            }
            batch.clear();
        }
    }

    /** Stores these logs in one transaction, else each alone; every one of them is answered. */
    void writeAll(List<Pending> batch) {
        if (batch.size() == 1) {
            writeAlone(batch.get(0));
            return;
        }
        batch.sort(PATIENT_ORDER);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(SessionLogRepository.INSERT)) {
                for (Pending pending : batch) {
                    SessionLogRepository.bind(insert, connection, pending.log, pending.audit);
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                rollBack(connection);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // one log (or the connection) failed the batch: each is written alone and gets its own answer
            batch.forEach(this::writeAlone);
            return;
        }
        batches.record(batch.size());
        batch.forEach(p -> p.done.complete(null));
    }

    private void writeAlone(Pending pending) {
        try (Connection connection = dataSource.getConnection()) {
            SessionLogRepository.insert(connection, pending.log, pending.audit);
            batches.record(1);
            pending.done.complete(null);
        } catch (SQLException | RuntimeException e) {
            pending.done.completeExceptionally(e);
        }
    }

    private static void rollBack(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback of a failed batch of session logs failed", e);
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
        writers.forEach(Thread::interrupt);
        List<Pending> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(p -> p.done.completeExceptionally(stopping()));
    }

    private static Unavailable stopping() {
        return new Unavailable("The service is stopping; send the session again.", 1, null);
    }

    /** A log waiting to be stored, and its outcome. */
    record Pending(SessionLog log, AuditEntry audit, CompletableFuture<Void> done) {
        Pending(SessionLog log, AuditEntry audit) {
            this(log, audit, new CompletableFuture<>());
        }
    }
}

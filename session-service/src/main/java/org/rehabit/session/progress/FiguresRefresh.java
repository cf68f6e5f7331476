package org.rehabit.session.progress;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the dashboard's stored figures true without a reader paying for it: every minute, the figures of the
 * patients whose local day ended (a week boundary included) or that something changed are computed again, one
 * clinic and one batch per transaction. Several instances may run it: a clinic being refreshed elsewhere is
 * skipped. A dashboard read refreshes what is still due in its clinic before reading.
 * <p>
 * Paced, so that it never takes a core from the requests for long: batches of {@link #BATCH} patients (about
 * 30-50 ms of PostgreSQL's time on two cores), each followed by a pause as long as the batch took. Without it, the
 * patients of a zone whose week ended at once (or 500 patients who each logged in the last minute) were refreshed
 * in back-to-back batches of 200, 0.3 s of one core and more, and session logs arriving meanwhile queued behind it.
 */
@ApplicationScoped
public class FiguresRefresh {

    private static final Logger LOG = Logger.getLogger(FiguresRefresh.class);
    /** Patients a background batch: smaller than a reader's ({@link FiguresRepository#BATCH}), which waits for it. */
    static final int BATCH = 50;

    private final FiguresRepository figures;
    private final Clock clock;

    public FiguresRefresh(FiguresRepository figures, Clock clock) {
        this.figures = figures;
        this.clock = clock;
    }

    @Scheduled(every = "1m", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        int refreshed = refreshDue();
        if (refreshed > 0) {
            LOG.debugf("Refreshed the dashboard figures of %d patients", refreshed);
        }
    }

    /** Refreshes every patient whose figures are due now; returns how many. */
    public int refreshDue() {
        Instant now = clock.instant();
        int refreshed = 0;
        for (UUID clinic : QuarkusTransaction.requiringNew().call(() -> figures.dueClinics(now))) {
            int batch;
            do {
                long started = System.nanoTime();
                try {
                    batch = QuarkusTransaction.requiringNew().call(() -> figures.tryLockClinic(clinic)
                            ? figures.refreshBatch(clinic, now, BATCH) : 0);
                } catch (RuntimeException e) {
                    // e.g. a deadlock broken by PostgreSQL: the figures stay due, the next run takes them
                    LOG.warnf("Refreshing the dashboard figures of clinic %s failed: %s", clinic, e);
                    batch = 0;
                }
                refreshed += batch;
                if (batch == BATCH && !pause(System.nanoTime() - started)) {
                    return refreshed; // shutting down: the rest stays due for the next run or a reader
                }
            } while (batch == BATCH);
        }
        return refreshed;
    }

    /** Waits {@code nanos} (what the last batch took); false when interrupted. */
    private static boolean pause(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

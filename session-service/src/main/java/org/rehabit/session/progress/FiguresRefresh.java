package org.rehabit.session.progress;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Keeps the dashboard's stored figures true without a reader paying for it: every minute, the figures of the
 * patients whose local day ended (a week boundary included) or that something changed are computed again, one
 * clinic and one batch per transaction. Several instances may run it: a clinic being refreshed elsewhere is
 * skipped. A dashboard read refreshes what is still due in its clinic before reading.
 */
@ApplicationScoped
public class FiguresRefresh {

    private static final Logger LOG = Logger.getLogger(FiguresRefresh.class);

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
                try {
                    batch = QuarkusTransaction.requiringNew().call(() -> figures.tryLockClinic(clinic)
                            ? figures.refreshBatch(clinic, now) : 0);
                } catch (RuntimeException e) {
                    // e.g. a deadlock broken by PostgreSQL: the figures stay due, the next run takes them
                    LOG.warnf("Refreshing the dashboard figures of clinic %s failed: %s", clinic, e);
                    batch = 0;
                }
                refreshed += batch;
            } while (batch == FiguresRepository.BATCH);
        }
        return refreshed;
    }
}

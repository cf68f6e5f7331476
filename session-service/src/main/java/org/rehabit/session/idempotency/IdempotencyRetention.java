package org.rehabit.session.idempotency;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Forgets the first answers of creating requests ({@code idempotent_request}) once they are older than
 * {@link #KEPT}: a retry within that time is answered as the first answer; later the key is free again. Deleted
 * hourly in batches of {@link #BATCH} along the {@code created_at} index, each batch its own short transaction. Session
 * logs keep their key on their own row and are not touched.
 */
@ApplicationScoped
public class IdempotencyRetention {

    private static final Logger LOG = Logger.getLogger(IdempotencyRetention.class);
    /** How long a key's first answer is kept: far beyond any client's retries (a phone offline for weeks included). */
    public static final Duration KEPT = Duration.ofDays(30);
    static final int BATCH = 1_000;

    private final IdempotentRequestRepository requests;
    private final Clock clock;

    public IdempotencyRetention(IdempotentRequestRepository requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void hourly() {
        long forgotten = forgetOlderThan(clock.instant().minus(KEPT));
        if (forgotten > 0) {
            LOG.infof("Forgot %d idempotency keys older than %d days", forgotten, KEPT.toDays());
        }
    }

    /** Deletes every stored first answer created before {@code cutoff}; how many. */
    long forgetOlderThan(Instant cutoff) {
        long total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> requests.getEntityManager().createNativeQuery(
                            "DELETE FROM idempotent_request WHERE id IN (SELECT id FROM idempotent_request "
                                    + "WHERE created_at < :cutoff ORDER BY created_at LIMIT :batch)")
                    .setParameter("cutoff", cutoff)
                    .setParameter("batch", BATCH)
                    .executeUpdate());
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}

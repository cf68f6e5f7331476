package org.rehabit.session.audit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Anonymous attempts (401: no token or a bad one), counted per client address, route, method and minute instead of
 * a row each: a flood of them makes one row per minute with a count ({@code occurrences}), filed under no clinic
 * (anyone can send them, naming any patient). A minute's counts are written once it has passed (tried again the
 * next minute if the database cannot take them), and at shutdown. Counts not yet written are lost if the process
 * dies (they acknowledged nothing).
 */
@ApplicationScoped
public class AnonymousAttempts {

    private static final Logger LOG = Logger.getLogger(AnonymousAttempts.class);

    private record Key(Instant minute, String address, String action, String method, String decidedBy) {
    }

    private final Map<Key, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AuditLog log;
    private final Clock clock;

    public AnonymousAttempts(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** Counts one anonymous attempt. */
    void count(Instant at, String address, String action, String method, String decidedBy) {
        Key key = new Key((at == null ? clock.instant() : at).truncatedTo(ChronoUnit.MINUTES),
                address == null ? null : address.length() > 45 ? address.substring(0, 45) : address,
                action, method, decidedBy);
        add(key, 1);
    }

    private void add(Key key, int count) {
        counts.computeIfAbsent(key, k -> new AtomicInteger()).addAndGet(count);
    }

    @Scheduled(cron = "5 * * * * ?", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void writePastMinutes() {
        write(clock.instant().truncatedTo(ChronoUnit.MINUTES));
    }

    void writeAll(@Observes ShutdownEvent stopping) {
        write(Instant.MAX);
    }

    /** Writes (one row each) and forgets the counts of the minutes before {@code before}. */
    void write(Instant before) {
        List<AuditEntry> rows = new ArrayList<>();
        for (Key key : List.copyOf(counts.keySet())) {
            if (key.minute().isBefore(before)) {
                AtomicInteger count = counts.remove(key);
                if (count != null && count.get() > 0) {
                    rows.add(new AuditEntry(key.minute(), null, null, null, null, null, key.action(), key.method(),
                            401, "UNAUTHENTICATED", key.decidedBy(), key.address(), count.get()));
                }
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        try {
            log.appendAll(rows);
        } catch (SQLException | RuntimeException e) {
            // kept for the next run (at a stop, they are lost)
            rows.forEach(r -> add(new Key(r.at(), r.clientAddress(), r.action(), r.httpMethod(), r.decidedBy()),
                    r.occurrences()));
            LOG.errorf(e, "Could not write the counts of %d kinds of anonymous attempts; tried again in a minute",
                    rows.size());
        }
    }
}

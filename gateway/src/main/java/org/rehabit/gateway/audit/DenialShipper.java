package org.rehabit.gateway.audit;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Delivers the gateway's denials to the session-service's audit trail from a thread of its own, in small batches:
 * a request never waits for a delivery or fails because of one. While the session-service cannot take them (down,
 * overloaded, a key that does not match yet) the batch is tried again, waiting longer each time up to
 * {@code rehabit.audit.retry-max}; meanwhile new denials queue up to {@code rehabit.audit.queue-capacity} and
 * beyond that are dropped and counted. Only a batch the session-service refuses as invalid (400, 413, 422) is
 * given up, and counted. When the gateway stops (after its in-flight requests have finished), the denials still
 * queued are delivered for up to {@code rehabit.audit.drain-timeout}; any left then are counted as dropped
 * ({@code rehabit_audit_denials_dropped_total{reason="shutdown"}}).
 */
@ApplicationScoped
public class DenialShipper {

    private static final Logger LOG = Logger.getLogger(DenialShipper.class);

    private final DenialQueue queue;
    private final AuditIngestApi ingest;
    private final AuditConfig config;
    private volatile boolean running;
    /** The batch being delivered, until it is taken or given up: at shutdown it is delivered or counted. */
    private volatile List<Denial> inHand = List.of();
    private Thread thread;

    public DenialShipper(@RestClient AuditIngestApi ingest, AuditConfig config, MeterRegistry registry) {
        this.ingest = ingest;
        this.config = config;
        this.queue = new DenialQueue(config.queueCapacity(), registry);
    }

    /** Hands a denial over for delivery; returns at once, whatever happens to it. */
    public void record(Denial denial) {
        if (config.ingestKey().isEmpty()) {
            queue.droppedForNoKey();
            return;
        }
        queue.offer(denial);
    }

    void start(@Observes StartupEvent started) {
        if (config.ingestKey().isEmpty()) {
            LOG.warn("No audit ingest key (REHABIT_AUDIT_INGEST_KEY): the gateway's denials are not recorded in the "
                    + "audit trail, only counted (rehabit_audit_denials_dropped_total{reason=\"no-key\"})");
            return;
        }
        running = true;
        thread = new Thread(this::run, "audit-denials");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        if (thread == null) {
            return;
        }
        long deadline = System.nanoTime() + config.drainTimeout().toNanos();
        thread.interrupt();
        thread.join(config.drainTimeout().toMillis());
        drain(sendingKey(config.ingestKey().orElseThrow()), deadline);
    }

    /** Delivers what is queued until {@code deadline} (no waiting between tries); counts what is left as dropped. */
    void drain(String key, long deadline) {
        List<Denial> batch = inHand;
        try {
            while (System.nanoTime() < deadline) {
                if (batch.isEmpty()) {
                    batch = queue.next(config.batchSize(), 0, TimeUnit.MILLISECONDS);
                    if (batch.isEmpty()) {
                        return;
                    }
                }
                int status = send(key, batch);
                if (status >= 200 && status < 300) {
                    queue.delivered(batch.size());
                    batch = List.of();
                } else if (status == 400 || status == 413 || status == 422) {
                    queue.droppedAsRefused(batch.size());
                    batch = List.of();
                } else {
                    TimeUnit.MILLISECONDS.sleep(100);
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
        inHand = List.of();
        int left = batch.size() + queue.size();
        if (left > 0) {
            queue.droppedAtShutdown(left);
            LOG.warnf("%d audit denials could not be delivered before the gateway stopped; they are counted as "
                    + "dropped (rehabit_audit_denials_dropped_total{reason=\"shutdown\"})", left);
        }
    }

    /**
     * The key to send: the first of the comma-separated list in REHABIT_AUDIT_INGEST_KEY. The session-service accepts
     * every key listed, so during a rotation ("new,old" or "old,new" in both) no delivery is refused.
     */
    static String sendingKey(String configured) {
        return java.util.Arrays.stream(configured.split(",")).map(String::strip).filter(k -> !k.isEmpty())
                .findFirst().orElse("");
    }

    private void run() {
        String key = sendingKey(config.ingestKey().orElseThrow());
        while (running) {
            try {
                List<Denial> batch = queue.next(config.batchSize(), 1, TimeUnit.SECONDS);
                if (!batch.isEmpty()) {
                    inHand = batch;
                    deliver(key, batch);
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException unexpected) {
                LOG.errorf(unexpected, "The audit denial delivery failed unexpectedly; it goes on");
            }
        }
    }

    /** Delivers one batch, trying again until it is taken, refused as invalid, or the gateway stops. */
    private void deliver(String key, List<Denial> batch) throws InterruptedException {
        Duration wait = config.retryMin();
        boolean warned = false;
        while (running) {
            int status = send(key, batch);
            if (status >= 200 && status < 300) {
                queue.delivered(batch.size());
                inHand = List.of();
                if (warned) {
                    LOG.infof("Audit denials are delivered again (%d waiting)", queue.size());
                }
                return;
            }
            if (status == 400 || status == 413 || status == 422) {
                LOG.errorf("The session-service refused %d gateway denials as invalid (%d); they are dropped",
                        batch.size(), status);
                queue.droppedAsRefused(batch.size());
                inHand = List.of();
                return;
            }
            if (!warned) {
                LOG.warnf("Audit denials cannot be delivered (%s); trying again, %d waiting",
                        status < 0 ? "session-service unreachable" : "status " + status, queue.size());
                warned = true;
            }
            TimeUnit.MILLISECONDS.sleep(wait.toMillis());
            wait = wait.multipliedBy(2).compareTo(config.retryMax()) > 0 ? config.retryMax() : wait.multipliedBy(2);
        }
    }

    /** The session-service's status, or -1 when it could not be reached. */
    private int send(String key, List<Denial> batch) {
        try (Response answer = ingest.deliver(key, Map.of("denials", batch))) {
            return answer.getStatus();
        } catch (RuntimeException unreachable) {
            return -1;
        }
    }
}

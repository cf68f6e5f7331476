package org.rehabit.gateway.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The denials waiting for delivery, bounded: a request thread only ever offers (never waits), and when the queue is
 * full the denial is dropped and counted ({@value #DROPPED}, by reason) — an operator sees that the trail has gaps.
 */
public class DenialQueue {

    static final String DROPPED = "rehabit.audit.denials.dropped";
    static final String DELIVERED = "rehabit.audit.denials.delivered";

    private final BlockingQueue<Denial> queue;
    private final Counter full;
    private final Counter refused;
    private final Counter noKey;
    private final Counter shutdown;
    private final Counter delivered;

    public DenialQueue(int capacity, MeterRegistry registry) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.full = dropped(registry, "queue-full");
        this.refused = dropped(registry, "refused");
        this.noKey = dropped(registry, "no-key");
        this.shutdown = dropped(registry, "shutdown");
        this.delivered = Counter.builder(DELIVERED).description("Gateway denials recorded in the audit trail")
                .register(registry);
        registry.gaugeCollectionSize("rehabit.audit.denials.queued", List.of(), queue);
    }

    private static Counter dropped(MeterRegistry registry, String reason) {
        return Counter.builder(DROPPED).tag("reason", reason)
                .description("Gateway denials that never reached the audit trail").register(registry);
    }

    /** Queues a denial for delivery; false (and counted) when the queue is full. Never blocks. */
    public boolean offer(Denial denial) {
        if (queue.offer(denial)) {
            return true;
        }
        full.increment();
        return false;
    }

    /** Counts a denial that cannot be delivered because no ingest key is configured. */
    void droppedForNoKey() {
        noKey.increment();
    }

    /** Counts a batch the session-service refused as invalid (it will never take it). */
    void droppedAsRefused(int count) {
        refused.increment(count);
    }

    /** Counts the denials still undelivered when the gateway stops (the session-service could not take them). */
    void droppedAtShutdown(int count) {
        shutdown.increment(count);
    }

    void delivered(int count) {
        delivered.increment(count);
    }

    /** The next batch: waits up to {@code wait} for the first denial, then takes what else is queued, up to {@code max}. */
    List<Denial> next(int max, long wait, TimeUnit unit) throws InterruptedException {
        Denial first = queue.poll(wait, unit);
        if (first == null) {
            return List.of();
        }
        List<Denial> batch = new ArrayList<>(max);
        batch.add(first);
        queue.drainTo(batch, max - 1);
        return batch;
    }

    int size() {
        return queue.size();
    }
}

package org.rehabit.gateway.audit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bounded queue of denials: a full queue drops and counts instead of waiting; batches keep the order. */
class DenialQueueTest {

    private static Denial denial(String requestId) {
        return new Denial("2026-11-24T08:00:00Z", requestId, null, null, null, null, "/api/v1/me", "GET", 401,
                "UNAUTHENTICATED", "192.0.2.1");
    }

    @Test
    void aFullQueueDropsTheNewDenialAndCountsIt() throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DenialQueue queue = new DenialQueue(2, registry);
        assertTrue(queue.offer(denial("a")));
        assertTrue(queue.offer(denial("b")));
        assertFalse(queue.offer(denial("c")));
        assertFalse(queue.offer(denial("d")));
        assertEquals(2.0, registry.get(DenialQueue.DROPPED).tag("reason", "queue-full").counter().count());
        assertEquals(2.0, registry.get("rehabit.audit.denials.queued").gauge().value());

        assertEquals(List.of("a", "b"), queue.next(50, 0, TimeUnit.MILLISECONDS).stream().map(Denial::requestId)
                .toList());
        assertTrue(queue.offer(denial("e")), "room again once delivered");
    }

    @Test
    void batchesAreCappedAndInOrder() throws InterruptedException {
        DenialQueue queue = new DenialQueue(10, new SimpleMeterRegistry());
        for (String id : List.of("1", "2", "3", "4", "5")) {
            queue.offer(denial(id));
        }
        assertEquals(List.of("1", "2", "3"), queue.next(3, 0, TimeUnit.MILLISECONDS).stream()
                .map(Denial::requestId).toList());
        assertEquals(List.of("4", "5"), queue.next(3, 0, TimeUnit.MILLISECONDS).stream()
                .map(Denial::requestId).toList());
        assertEquals(List.of(), queue.next(3, 0, TimeUnit.MILLISECONDS));
    }
}

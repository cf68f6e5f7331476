package org.rehabit.support;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestIdsTest {

    @Test
    void madeIdsAreDistinctAndKeptByTheServicesTheyArePassedTo() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = RequestIds.newId();
            assertTrue(ids.add(id), "a request id made twice: " + id);
            // another service keeps a sane id it is sent rather than making its own
            assertEquals(id, RequestIds.saneOrNew(id));
        }
        UUID shaped = UUID.fromString(RequestIds.newId());
        assertEquals(4, shaped.version());
        assertEquals(2, shaped.variant());
    }

    @Test
    void aMissingOrInsaneIdIsReplacedByAMadeOne() {
        String made = RequestIds.saneOrNew("no spaces or slashes/");
        assertTrue(made.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), made);
        assertTrue(RequestIds.saneOrNew(null).length() == 36);
    }
}

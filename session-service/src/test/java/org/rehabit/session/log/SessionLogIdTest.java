package org.rehabit.session.log;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** New session logs' ids grow with time, in the order PostgreSQL sorts uuid values (byte by byte). */
class SessionLogIdTest {

    @Test
    void idsMadeOneAfterAnotherAreVersion7AndAscendInPostgresOrder() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(SessionLog.newId());
        }
        for (int i = 1; i < ids.size(); i++) {
            UUID before = ids.get(i - 1);
            UUID after = ids.get(i);
            assertEquals(7, after.version(), after::toString);
            assertEquals(2, after.variant(), after::toString);
            // PostgreSQL compares uuids as 16 unsigned bytes: their lowercase text sorts the same way
            assertTrue(before.toString().compareTo(after.toString()) < 0, before + " then " + after);
        }
    }

    @Test
    void anIdStartsWithTheTimeItWasMade() {
        long before = System.currentTimeMillis();
        UUID id = SessionLog.newId();
        long after = System.currentTimeMillis();
        long millis = id.getMostSignificantBits() >>> 16;
        assertTrue(millis >= before && millis <= after, () -> id + " holds " + millis);
    }
}

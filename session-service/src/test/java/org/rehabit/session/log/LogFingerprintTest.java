package org.rehabit.session.log;

import org.junit.jupiter.api.Test;
import org.rehabit.session.common.RequestFingerprint;
import org.rehabit.session.program.Side;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A session log's fingerprint as {@link LogFingerprint} writes it is the one {@link RequestFingerprint} gave (the
 * value stored with every log so far): a retry of a log stored before this writer existed still replays.
 */
class LogFingerprintTest {

    @Test
    void sameFingerprintAsTheCanonicalJson() {
        Random random = new Random(16);
        List<LogSessionRequest> requests = new ArrayList<>();
        requests.add(new LogSessionRequest(null, null, null, null, null, null, null, null, null));
        requests.add(new LogSessionRequest(UUID.randomUUID(),
                OffsetDateTime.of(2026, 3, 18, 8, 30, 0, 0, ZoneOffset.ofHoursMinutes(5, 45)), 0, 10, 1, 0,
                "Knee \"felt\" fine\n\u00fcber \u2603 \\ \t \u0001", UUID.randomUUID(),
                Arrays.asList(new LogSessionRequest.Item(UUID.randomUUID(), ItemStatus.SKIPPED, null, null, null,
                        null, null), null, new LogSessionRequest.Item(null, null, 0, 0, 0, Side.LEFT, 0))));
        requests.add(new LogSessionRequest(null, OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 1000, ZoneOffset.UTC), 3, 2,
                4, 900, null, null, List.of()));
        requests.add(new LogSessionRequest(null, OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), 3, 2,
                null, null, "", null, null));
        for (int i = 0; i < 300; i++) {
            List<LogSessionRequest.Item> items = new ArrayList<>();
            for (int k = random.nextInt(6); k > 0; k--) {
                items.add(new LogSessionRequest.Item(UUID.randomUUID(), ItemStatus.values()[random.nextInt(2)],
                        random.nextBoolean() ? null : random.nextInt(101),
                        random.nextBoolean() ? null : random.nextInt(1001),
                        random.nextBoolean() ? null : random.nextInt(3601),
                        random.nextBoolean() ? null : Side.values()[random.nextInt(Side.values().length)],
                        random.nextBoolean() ? null : random.nextInt(11)));
            }
            requests.add(new LogSessionRequest(random.nextBoolean() ? null : UUID.randomUUID(),
                    OffsetDateTime.of(2026, 1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24),
                            random.nextInt(60), random.nextInt(3) == 0 ? 0 : random.nextInt(60),
                            random.nextInt(3) == 0 ? 0 : random.nextInt(1_000_000) * 1000,
                            ZoneOffset.ofTotalSeconds((random.nextInt(57) - 24) * 900)),
                    random.nextInt(11), random.nextInt(11), random.nextBoolean() ? null : 1 + random.nextInt(10),
                    random.nextBoolean() ? null : random.nextInt(86_401),
                    random.nextBoolean() ? null : "note " + i + " \u00e9",
                    random.nextBoolean() ? null : UUID.randomUUID(), items));
        }
        for (LogSessionRequest request : requests) {
            assertEquals(RequestFingerprint.of(request), LogFingerprint.of(request), request.toString());
        }
    }

    @Test
    void anotherSessionAnotherFingerprint() {
        OffsetDateTime at = OffsetDateTime.of(2026, 3, 18, 8, 30, 0, 0, ZoneOffset.ofHours(1));
        UUID item = UUID.randomUUID();
        LogSessionRequest first = new LogSessionRequest(null, at, 3, 2, null, null, null, null,
                List.of(new LogSessionRequest.Item(item, ItemStatus.DONE, 2, 10, null, null, null)));
        LogSessionRequest painLater = new LogSessionRequest(null, at, 3, 3, null, null, null, null,
                List.of(new LogSessionRequest.Item(item, ItemStatus.DONE, 2, 10, null, null, null)));
        LogSessionRequest sameInstantOtherOffset = new LogSessionRequest(null,
                at.withOffsetSameInstant(ZoneOffset.UTC), 3, 2, null, null, null, null,
                List.of(new LogSessionRequest.Item(item, ItemStatus.DONE, 2, 10, null, null, null)));
        assertNotEquals(LogFingerprint.of(first), LogFingerprint.of(painLater));
        assertNotEquals(LogFingerprint.of(first), LogFingerprint.of(sameInstantOtherOffset));
    }
}

package org.rehabit.session.log;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.junit.jupiter.api.Test;
import org.rehabit.session.program.Side;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A session log's JSON as its own serializer writes it is, character for character, what Jackson's bean serializer
 * wrote for the record: names, order, nulls, the client's offset kept, dates, instants, items and a void.
 */
class SessionLogViewJsonTest {

    /** Jackson's own serialization of the records, for comparison. */
    @JsonSerialize(using = JsonSerializer.None.class)
    private interface AsBean {
    }

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    private final ObjectMapper bean = mapper.copy().addMixIn(SessionLogView.class, AsBean.class);

    @Test
    void sameJsonAsJacksonsBeanSerializer() throws Exception {
        Random random = new Random(18);
        List<SessionLogView> logs = new ArrayList<>();
        logs.add(new SessionLogView(UUID.randomUUID(), UUID.randomUUID(), null, null, null, null, null, null, null,
                null, null, null, null, null, null, null));
        logs.add(new SessionLogView(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                OffsetDateTime.of(2026, 3, 18, 8, 30, 0, 0, ZoneOffset.ofHoursMinutes(5, 45)),
                LocalDate.of(2026, 3, 18), 0, 10, 1, 0, "Knee \"felt\" fine\n\u00fcber \u2603", UUID.randomUUID(),
                UUID.randomUUID(), "patient-1", Instant.parse("2026-03-18T02:45:00.123456Z"),
                Arrays.asList(new SessionLogView.Item(UUID.randomUUID(), "chin-tucks", ItemStatus.SKIPPED, null,
                        null, null, null, null), null, new SessionLogView.Item(null, null, null, 0, 0, 0, Side.LEFT, 0)),
                new SessionLogView.Voided(Instant.parse("2026-03-19T10:00:00Z"), "physio-2", "wrong patient")));
        logs.add(new SessionLogView(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 1000, ZoneOffset.UTC), LocalDate.of(2025, 12, 31), 3, 2, 4,
                900, null, null, null, "physio-3", Instant.parse("2026-01-01T00:00:00Z"), List.of(), null));
        for (int i = 0; i < 300; i++) {
            List<SessionLogView.Item> items = new ArrayList<>();
            for (int k = random.nextInt(6); k > 0; k--) {
                items.add(new SessionLogView.Item(UUID.randomUUID(), "exercise-" + k,
                        ItemStatus.values()[random.nextInt(2)], random.nextInt(5), random.nextInt(30),
                        random.nextBoolean() ? null : random.nextInt(120),
                        random.nextBoolean() ? null : Side.values()[random.nextInt(Side.values().length)],
                        random.nextBoolean() ? null : random.nextInt(11)));
            }
            logs.add(new SessionLogView(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                    OffsetDateTime.of(2026, 1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24),
                            random.nextInt(60), random.nextInt(60), random.nextInt(1_000_000) * 1000,
                            ZoneOffset.ofTotalSeconds((random.nextInt(57) - 24) * 900)),
                    LocalDate.of(2026, 1 + random.nextInt(12), 1 + random.nextInt(28)), random.nextInt(11),
                    random.nextInt(11), 1 + random.nextInt(10), random.nextInt(7200), "note " + i,
                    random.nextBoolean() ? null : UUID.randomUUID(), null, "patient-" + i,
                    Instant.ofEpochSecond(1_780_000_000L + random.nextInt(10_000_000), random.nextInt(1_000_000) * 1000L),
                    items, null));
        }
        for (SessionLogView log : logs) {
            assertEquals(bean.writeValueAsString(log), mapper.writeValueAsString(log));
        }
        assertEquals(bean.writeValueAsString(logs), mapper.writeValueAsString(logs));
    }
}

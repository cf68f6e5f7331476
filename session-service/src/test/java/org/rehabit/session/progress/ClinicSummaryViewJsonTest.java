package org.rehabit.session.progress;

import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.junit.jupiter.api.Test;
import org.rehabit.session.program.ProgramStatus;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A dashboard row's JSON as its own serializer writes it is, character for character, what Jackson's bean serializer
 * wrote for the record: names, order, nulls, times with their offset, and every figure (rounded hundredths from the
 * table, anything else as Jackson writes a double, -0.0 included).
 */
class ClinicSummaryViewJsonTest {

    /** Jackson's own serialization of the record, for comparison. */
    @JsonSerialize(using = JsonSerializer.None.class)
    private interface AsBean {
    }

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ObjectMapper bean = mapper.copy().addMixIn(ClinicSummaryView.class, AsBean.class);

    @Test
    void sameJsonAsJacksonsBeanSerializer() throws Exception {
        Random random = new Random(16);
        List<ClinicSummaryView> rows = new ArrayList<>();
        rows.add(new ClinicSummaryView(UUID.randomUUID(), "Dee Clark", null, null, null, null, null,
                Arrays.asList(null, null, null, null), null, 0, false, List.of()));
        rows.add(new ClinicSummaryView(UUID.randomUUID(), "Ann \"Quote\" Ünal", "R-1", ProgramStatus.PAUSED, 0.0, -0.0,
                -0.5, Arrays.asList(20.0, -20.0, 20.01, -20.01, 0.1 + 0.2, 1e-7, 123456789.5, Double.NaN),
                OffsetDateTime.of(2026, 3, 18, 8, 30, 0, 0, ZoneOffset.ofHours(11)), 3, true,
                List.of("shoulder-rolls@2", "chin-tucks@1")));
        for (int i = 0; i < 500; i++) {
            rows.add(new ClinicSummaryView(UUID.randomUUID(), "Patient " + i, "B-" + i, ProgramStatus.ACTIVE,
                    figure(random), figure(random), figure(random),
                    Arrays.asList(figure(random), figure(random), figure(random), figure(random)),
                    OffsetDateTime.of(2026, 1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24),
                            random.nextInt(60), random.nextInt(60), 0, ZoneOffset.ofHoursMinutes(5, 30)),
                    random.nextInt(4), random.nextBoolean(), List.of("a@1")));
        }
        for (ClinicSummaryView row : rows) {
            assertEquals(bean.writeValueAsString(row), mapper.writeValueAsString(row));
        }
        assertEquals(bean.writeValueAsString(rows), mapper.writeValueAsString(rows));
    }

    /** Figures as the service has them (rounded to hundredths), now and then one that is not, or none. */
    private static Double figure(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> null;
            case 1 -> random.nextGaussian() * 30;
            default -> ProgressMath.round(random.nextDouble() * 24 - 12);
        };
    }
}

package org.rehabit.session.energy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A weight entry as clients read it: the weight in the unit it was entered in, with the same digits, and in kg.
 *
 * @param kg the weight in kilograms, rounded to 2 decimals (exact when entered in kg with at most 2 decimals)
 */
public record WeightEntryView(UUID id, UUID patientId, LocalDate measuredOn, Weight weight, BigDecimal kg,
                              String recordedBy, Instant createdAt) {

    static WeightEntryView of(WeightEntry e) {
        return new WeightEntryView(e.id, e.patientId, e.measuredOn, e.weight(), EnergyMath.twoDecimals(e.exactKg()),
                e.recordedBy, e.createdAt);
    }
}

package org.rehabit.session.energy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An energy profile as clients read it: height and weight in the unit they were entered in, with the same digits;
 * exactly one of {@code dateOfBirth} and {@code age} is set, as entered.
 */
public record EnergyProfileView(UUID patientId, Sex sex, LocalDate dateOfBirth, Integer age, Height height,
                                Weight weight, ActivityLevel activityLevel, Goal goal, Instant createdAt,
                                Instant updatedAt) {

    static EnergyProfileView of(EnergyProfile p) {
        return new EnergyProfileView(p.patientId, p.sex, p.dateOfBirth,
                p.ageYears == null ? null : p.ageYears.intValue(), p.height(), p.weight(), p.activityLevel, p.goal,
                p.createdAt, p.updatedAt);
    }
}

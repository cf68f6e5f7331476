package org.rehabit.session.energy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A patient's energy profile as entered, in the units the person chose: the inputs of the calorie goal.
 *
 * @param dateOfBirth either this or {@code age}; the age is then counted in the patient's own time zone
 * @param age         whole years, either this or {@code dateOfBirth}
 * @param goal        pounds per week to lose or gain, or maintain
 */
public record EnergyProfileRequest(
        @NotNull Sex sex,
        LocalDate dateOfBirth,
        @Min(value = EnergyMath.MIN_AGE, message = "must be between 13 and 120")
        @Max(value = EnergyMath.MAX_AGE, message = "must be between 13 and 120")
        @Digits(integer = 3, fraction = 0, message = "must be a whole number of years") BigDecimal age,
        @NotNull @Valid Height height,
        @NotNull @Valid Weight weight,
        @NotNull ActivityLevel activityLevel,
        @NotNull Goal goal) {
}

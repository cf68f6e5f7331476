package org.rehabit.gateway.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Energy profiles, targets and weights as the session-service takes and gives them (its energy package). */
public final class Energy {

    private Energy() {
    }

    /** The sex the resting-energy formula distinguishes. */
    public enum Sex { FEMALE, MALE }

    /** How active the patient is in a usual week (factor 1.2, 1.375, 1.55, 1.725, 1.9). */
    public enum ActivityLevel { SEDENTARY, LIGHT, MODERATE, ACTIVE, VERY_ACTIVE }

    /** Pounds a week to lose or gain, or maintain. */
    public enum Goal { LOSE_2, LOSE_1_5, LOSE_1, LOSE_0_5, MAINTAIN, GAIN_0_5, GAIN_1, GAIN_1_5, GAIN_2 }

    /** Which way a goal moves the weight. */
    public enum Direction { LOSE, MAINTAIN, GAIN }

    @Schema(name = "EnergyProfileInput", description = "A patient's energy profile as entered, in the units the "
            + "person chose; either dateOfBirth or age")
    public record EnergyProfileRequest(
            @NotNull Sex sex,
            LocalDate dateOfBirth,
            @Min(13) @Max(120) @Schema(description = "Whole years") Integer age,
            @NotNull Height height,
            @NotNull Weight weight,
            @NotNull ActivityLevel activityLevel,
            @NotNull Goal goal) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Height", description = "{\"cm\": 170.2} or {\"feet\": 5, \"inches\": 7.5}: exactly one unit, "
            + "50-272 cm, read back in the same unit with the same digits")
    public record Height(
            @DecimalMin("0") @DecimalMax("999.99") @Schema(multipleOf = 0.01) BigDecimal cm,
            @Min(0) @Max(9) Integer feet,
            @DecimalMin("0") @DecimalMax(value = "12", inclusive = false) @Schema(multipleOf = 0.01)
            BigDecimal inches) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Weight", description = "{\"kg\": 70.3} or {\"lb\": 155}: exactly one unit, 20-400 kg, read back in "
            + "the same unit with the same digits")
    public record Weight(
            @DecimalMin("0") @DecimalMax("999.99") @Schema(multipleOf = 0.01) BigDecimal kg,
            @DecimalMin("0") @DecimalMax("9999.99") @Schema(multipleOf = 0.01) BigDecimal lb) {
    }

    @Schema(name = "EnergyProfile", description = "An energy profile, height and weight in the unit they were entered "
            + "in; exactly one of dateOfBirth and age is set, as entered")
    public record EnergyProfileView(
            @NotNull UUID patientId, @NotNull Sex sex, LocalDate dateOfBirth, @Min(13) @Max(120) Integer age,
            @NotNull Height height, @NotNull Weight weight, @NotNull ActivityLevel activityLevel, @NotNull Goal goal,
            @NotNull Instant createdAt, @NotNull Instant updatedAt) {
    }

    @Schema(name = "EnergyTarget", description = "A patient's daily energy target and every step to it, in whole kcal")
    public record EnergyTargetView(
            @NotNull UUID patientId, @NotNull Sex sex, @Min(13) @Max(120) int age, @NotNull BigDecimal heightCm,
            @NotNull BigDecimal weightKg, @NotNull ActivityLevel activityLevel, @NotNull Goal goal,
            @Min(-20_000) @Max(20_000) int restingKcal, @NotNull BigDecimal activityFactor,
            @Min(-20_000) @Max(20_000) int maintenanceKcal, @Min(-1000) @Max(1000) int goalAdjustmentKcal,
            @Min(-20_000) @Max(20_000) int targetKcal, @Min(0) @Max(20_000) int floorKcal, boolean raisedToFloor) {
    }

    @Schema(name = "RecordWeight", description = "A weighing on a day of the patient's own calendar (not in the "
            + "future; one entry per day)")
    public record RecordWeightRequest(@NotNull LocalDate measuredOn, @NotNull Weight weight) {
    }

    @Schema(name = "WeightEntry", description = "A weight entry, in the unit it was entered in and in kg (2 decimals)")
    public record WeightEntryView(
            @NotNull UUID id, @NotNull UUID patientId, @NotNull LocalDate measuredOn, @NotNull Weight weight,
            @NotNull BigDecimal kg, @NotNull @Size(max = 255) String recordedBy, @NotNull Instant createdAt) {
    }

    @Schema(name = "WeightHistory", description = "A patient's weight entries in a window, oldest first, and their "
            + "trend against the energy profile's goal")
    public record WeightHistoryView(
            @NotNull UUID patientId, LocalDate from, LocalDate to, @NotNull List<WeightEntryView> entries,
            @NotNull WeightTrend trend) {
    }

    @Schema(name = "WeightTrend", description = "Where the weight is heading: the least-squares slope in kg a week "
            + "(null with fewer than 2 entries) and whether it moves toward the goal")
    public record WeightTrend(
            BigDecimal slopeKgPerWeek, Goal goal, Direction direction, BigDecimal rateLbPerWeek,
            BigDecimal rateKgPerWeek, Boolean onTrack) {
    }
}

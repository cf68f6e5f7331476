package org.rehabit.session.outcome;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Assigning an instrument: its catalog slug, the version (null: the newest published) and the schedule;
 * {@code everyWeeks} (1-52) is required with EVERY_N_WEEKS and refused otherwise.
 */
public record AssignOutcomeMeasureRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "must be an instrument's slug")
        String instrument,
        @Min(1) @Max(100_000) Integer version,
        @NotNull OutcomeSchedule schedule,
        @Min(1) @Max(52) Integer everyWeeks) {
}

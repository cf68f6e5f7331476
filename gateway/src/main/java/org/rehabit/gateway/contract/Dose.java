package org.rehabit.gateway.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How much of an exercise to do, the same in the catalog (an exercise's default, a template's) and the
 * session-service (a program's); it must give reps, holdSeconds or durationSeconds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Dose", description = "How much of an exercise to do: sets, and reps, holdSeconds or durationSeconds "
        + "(at least one of the three); side is first-class (\"hold 5 s, then the other side\" is holdSeconds 5, "
        + "side EACH_SIDE)")
public record Dose(
        @NotNull @Min(1) @Max(10) Integer sets,
        @Min(1) @Max(100) Integer reps,
        @Min(1) @Max(600) Integer holdSeconds,
        @Min(1) @Max(3600) Integer durationSeconds,
        @Min(0) @Max(600) Integer restSeconds,
        @NotNull Side side,
        @Min(1) @Max(6) Integer timesPerDay,
        @Min(1) @Max(7) Integer daysPerWeek) {

    /** Which side(s) a dose is done on; EACH_SIDE means the whole dose on one side, then on the other. */
    public enum Side { BOTH, EACH_SIDE, LEFT, RIGHT, ALTERNATING }
}

package org.rehabit.session.program;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** How much of an exercise a program prescribes (the catalog's default, or the physio's override). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Dose(
        @NotNull @Min(1) @Max(10) Integer sets,
        @Min(1) @Max(100) Integer reps,
        @Min(1) @Max(600) Integer holdSeconds,
        @Min(1) @Max(3600) Integer durationSeconds,
        @Min(0) @Max(600) Integer restSeconds,
        @NotNull Side side,
        @Min(1) @Max(6) Integer timesPerDay,
        @Min(1) @Max(7) Integer daysPerWeek) {

    /** A dose must say how much: repetitions, a hold, or a duration. */
    @JsonIgnore
    @AssertTrue(message = "must give reps, holdSeconds or durationSeconds")
    public boolean isQuantified() {
        return reps != null || holdSeconds != null || durationSeconds != null;
    }
}

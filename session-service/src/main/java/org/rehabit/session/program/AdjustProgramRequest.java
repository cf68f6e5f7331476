package org.rehabit.session.program;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Adjusting an open program: every field is optional, and only those given change.
 *
 * @param endDate      a new end date (not before the start date)
 * @param clearEndDate true to remove the end date (not with {@code endDate})
 * @param notes        new program notes; an empty text removes them
 * @param items        when given, the program's complete new item list in order: an existing item by {@code id}
 *                     (it keeps its pinned version; {@code dose} and {@code notes} change it when given), a new
 *                     exercise by {@code exercise} slug (pinned to the catalog's current version). Items left out
 *                     are removed.
 */
public record AdjustProgramRequest(
        @Min(1) @Max(14) Integer sessionsPerWeek,
        LocalDate endDate,
        Boolean clearEndDate,
        @Size(max = 2000) String notes,
        @Size(min = 1, max = 20) List<@NotNull @Valid Item> items) {

    /** One item of the new list: an existing one by id, or a new exercise by slug. */
    public record Item(
            UUID id,
            @Pattern(regexp = AssignProgramRequest.SLUG, message = AssignProgramRequest.SLUG_MESSAGE) String exercise,
            @Valid Dose dose,
            @Size(max = 300) String notes) {
    }
}

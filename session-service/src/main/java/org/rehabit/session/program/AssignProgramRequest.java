package org.rehabit.session.program;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Assigning a program: either from a routine template (whose doses may be overridden per exercise) or
 * from explicit items (whose dose defaults to the exercise's own).
 *
 * @param template      slug of a routine template; or null with {@code items}
 * @param doseOverrides with a template: exercise slug → the dose to use instead of the template's
 * @param startDate     defaults to today in the patient's time zone
 */
public record AssignProgramRequest(
        @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String template,
        @Size(max = 20) Map<@Pattern(regexp = SLUG, message = SLUG_MESSAGE) String, @NotNull @Valid Dose> doseOverrides,
        @Size(max = 20) List<@NotNull @Valid Item> items,
        @NotNull @Min(1) @Max(14) Integer sessionsPerWeek,
        LocalDate startDate,
        LocalDate endDate,
        @Size(max = 2000) String notes) {

    static final String SLUG = "(?=.{3,80}$)[a-z0-9]+(-[a-z0-9]+)*";
    static final String SLUG_MESSAGE = "must be an exercise or template slug";

    /** One exercise to assign. */
    public record Item(
            @NotNull @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String exercise,
            @Valid Dose dose,
            @Size(max = 300) String notes) {
    }
}

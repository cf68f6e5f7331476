package org.rehabit.catalog.template;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.rehabit.catalog.exercise.Dose;
import org.rehabit.catalog.exercise.Slugs;

/** One exercise of a routine template with the dose the routine prescribes. */
public record TemplateItem(
        @NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String exercise,
        @NotNull @Valid Dose dose,
        @Size(max = 300) String notes) {
}

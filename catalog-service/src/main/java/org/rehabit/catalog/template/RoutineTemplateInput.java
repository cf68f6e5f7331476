package org.rehabit.catalog.template;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.rehabit.catalog.exercise.Slugs;

import java.util.List;

/** A routine template as the content team writes it. */
public record RoutineTemplateInput(
        @NotNull @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String slug,
        @NotBlank @Size(max = 120) String name,
        @NotBlank @Size(max = 500) String summary,
        @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String condition,
        @NotEmpty @Size(max = 20) List<@NotNull @Valid TemplateItem> items) {
}

package org.rehabit.catalog.seed;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.rehabit.catalog.condition.ConditionInput;
import org.rehabit.catalog.exercise.ExerciseInput;
import org.rehabit.catalog.template.RoutineTemplateInput;

import java.util.List;

/** Content Rehabit ships (a seed file): exercises, conditions and routine templates, in the API's own shapes. */
public record SeedLibrary(
        @NotNull List<@NotNull @Valid ExerciseInput> exercises,
        @NotNull List<@NotNull @Valid ConditionInput> conditions,
        @NotNull List<@NotNull @Valid RoutineTemplateInput> routineTemplates) {
}

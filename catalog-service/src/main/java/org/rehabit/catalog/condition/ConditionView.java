package org.rehabit.catalog.condition;

import org.rehabit.catalog.exercise.BodyRegion;
import org.rehabit.catalog.exercise.ExerciseSummary;
import org.rehabit.catalog.template.RoutineTemplateSummary;

import java.util.List;

/**
 * A condition with its guidance, its red flags (signs that mean stop and seek care), the published
 * exercises that help with it and the starter routines written for it.
 */
public record ConditionView(String slug, String name, String description, List<BodyRegion> bodyRegions,
                            String guidance, boolean seeDoctorFirst, List<String> redFlags,
                            List<ExerciseSummary> recommendedExercises,
                            List<RoutineTemplateSummary> routineTemplates) {
}

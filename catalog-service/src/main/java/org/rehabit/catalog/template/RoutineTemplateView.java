package org.rehabit.catalog.template;

import org.rehabit.catalog.exercise.Dose;
import org.rehabit.catalog.exercise.ExerciseSummary;

import java.util.List;

/** A routine template with its items in order, each with the exercise it names as currently published. */
public record RoutineTemplateView(String slug, String name, String summary, String condition, List<Item> items) {

    /**
     * One step of the routine.
     *
     * @param exercise  the exercise's current published version; null when it is retired or unpublished
     * @param available whether the exercise can be assigned today
     */
    public record Item(int position, String exerciseSlug, ExerciseSummary exercise, boolean available, Dose dose,
                       String notes) {
    }
}

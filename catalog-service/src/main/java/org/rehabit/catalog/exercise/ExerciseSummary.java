package org.rehabit.catalog.exercise;

import java.util.List;

/** An exercise as a search result or list entry: enough to choose it, not to do it. */
public record ExerciseSummary(String slug, int version, String name, String summary, Category category,
                              List<BodyRegion> bodyRegions, StartPosition startPosition, List<String> equipment,
                              int difficulty, List<String> conditions, Figure figure) {

    public static ExerciseSummary of(ExerciseVersion v) {
        return new ExerciseSummary(v.exercise.slug, v.version, v.name, v.summary, v.category,
                ExerciseView.regions(v), v.startPosition, v.equipment, v.difficulty, v.conditions, v.figure);
    }
}

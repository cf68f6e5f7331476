package org.rehabit.catalog.exercise;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * An exercise as a search result or list entry: enough to choose it, not to do it. The figure is carried as its
 * JSON text, written out as it is: search reads it from the database and passes it through without parsing it.
 */
public record ExerciseSummary(String slug, int version, String name, String summary, Category category,
                              List<BodyRegion> bodyRegions, StartPosition startPosition, List<String> equipment,
                              int difficulty, List<String> conditions,
                              @JsonRawValue @Schema(implementation = Figure.class) String figure) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ExerciseSummary of(ExerciseVersion v) {
        return new ExerciseSummary(v.exercise.slug, v.version, v.name, v.summary, v.category,
                ExerciseView.regions(v), v.startPosition, v.equipment, v.difficulty, v.conditions, json(v.figure));
    }

    private static String json(Figure figure) {
        if (figure == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(figure);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a figure that cannot be written as JSON", e);
        }
    }
}

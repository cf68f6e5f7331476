package org.rehabit.catalog.exercise;

import java.time.Instant;

/** One entry of an exercise's version history. */
public record VersionSummary(int version, String status, boolean current, String name, Instant createdAt,
                             Instant updatedAt, Instant publishedAt) {

    static VersionSummary of(ExerciseVersion v) {
        return new VersionSummary(v.version, ExerciseView.statusOf(v),
                Integer.valueOf(v.version).equals(v.exercise.currentVersion), v.name, v.createdAt, v.updatedAt,
                v.publishedAt);
    }
}

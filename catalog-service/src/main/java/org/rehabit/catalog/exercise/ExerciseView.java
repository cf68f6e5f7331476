package org.rehabit.catalog.exercise;

import java.time.Instant;
import java.util.List;

/**
 * One version of an exercise with its full content, as clients read it.
 *
 * @param status        {@code DRAFT}, {@code PUBLISHED}, or {@code RETIRED} (a published version of a retired
 *                      exercise: still readable, no longer offered)
 * @param current       whether this is the version clients get for the bare slug
 * @param latestVersion the newest version, which may be a draft newer than this one
 * @param figure        the exercise's picture as data (poses as joint angles), or null when it has none
 */
public record ExerciseView(
        String slug, int version, String status, boolean current, int latestVersion,
        String name, List<String> aliases, String summary, String purpose, Category category,
        List<BodyRegion> bodyRegions, StartPosition startPosition, List<String> equipment, int difficulty,
        List<Step> steps, List<String> cautions, List<String> contraindications, List<String> stopRules,
        Dose defaultDose, List<Media> media, Figure figure, List<String> conditions, Source source, String licence,
        Instant createdAt, Instant updatedAt, Instant publishedAt, Instant retiredAt) {

    static ExerciseView of(ExerciseVersion v) {
        Exercise e = v.exercise;
        return new ExerciseView(e.slug, v.version, statusOf(v), Integer.valueOf(v.version).equals(e.currentVersion),
                e.latestVersion, v.name, v.aliases, v.summary, v.purpose, v.category, regions(v),
                v.startPosition, v.equipment, v.difficulty, v.steps, v.cautions, v.contraindications,
                v.stopRules, v.defaultDose, v.media, v.figure, v.conditions, v.source, v.licence, v.createdAt, v.updatedAt,
                v.publishedAt, e.retiredAt);
    }

    static String statusOf(ExerciseVersion v) {
        if (v.isDraft()) {
            return "DRAFT";
        }
        return v.exercise.isRetired() ? "RETIRED" : "PUBLISHED";
    }

    static List<BodyRegion> regions(ExerciseVersion v) {
        return v.bodyRegions.stream().map(BodyRegion::valueOf).toList();
    }
}

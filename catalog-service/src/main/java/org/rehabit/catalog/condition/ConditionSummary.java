package org.rehabit.catalog.condition;

import org.rehabit.catalog.exercise.BodyRegion;

import java.util.List;

/** A condition in a list. */
public record ConditionSummary(String slug, String name, String description, List<BodyRegion> bodyRegions,
                               boolean seeDoctorFirst) {

    static ConditionSummary of(Condition c) {
        return new ConditionSummary(c.slug, c.name, c.description, regions(c), c.seeDoctorFirst);
    }

    static List<BodyRegion> regions(Condition c) {
        return c.bodyRegions.stream().map(BodyRegion::valueOf).toList();
    }
}

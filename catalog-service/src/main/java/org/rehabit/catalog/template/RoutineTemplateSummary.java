package org.rehabit.catalog.template;

/** A routine template in a list. */
public record RoutineTemplateSummary(String slug, String name, String summary, String condition, int itemCount) {

    public static RoutineTemplateSummary of(RoutineTemplate t) {
        return new RoutineTemplateSummary(t.slug, t.name, t.summary, t.condition, t.items.size());
    }
}

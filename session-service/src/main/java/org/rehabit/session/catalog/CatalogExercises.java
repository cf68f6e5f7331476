package org.rehabit.session.catalog;

import org.rehabit.session.program.Dose;

import java.util.List;

/** This service's own reading of the catalog's answers: only the fields it uses (unknown ones are ignored). */
public final class CatalogExercises {

    private CatalogExercises() {
    }

    record ResolveRequest(List<String> refs) {
    }

    /** The catalog's answer to a batch resolve. */
    public record Resolution(List<Resolved> resolved, List<Unresolved> unresolved) {
    }

    /** A reference and the published version it names. */
    public record Resolved(String ref, Exercise exercise) {
    }

    /**
     * A reference that did not resolve; reason is NOT_FOUND, VERSION_NOT_FOUND, NOT_PUBLISHED or RETIRED.
     * {@code replacedBy}: for a retired exercise, the slug the catalog suggests instead (null when it names none).
     */
    public record Unresolved(String ref, String reason, String detail, String replacedBy) {
    }

    /** A published exercise version, as much of it as a program (and a re-pin's diff) needs. */
    public record Exercise(String slug, int version, String name, String status, Dose defaultDose, List<Step> steps,
                           List<String> cautions) {

        public List<Step> stepsOrEmpty() {
            return steps == null ? List.of() : steps;
        }

        public List<String> cautionsOrEmpty() {
            return cautions == null ? List.of() : cautions;
        }
    }

    /** One instruction of an exercise. */
    public record Step(String role, String instruction) {
    }

    /** A routine template and its items. */
    public record Template(String slug, String name, String condition, List<TemplateItem> items) {
    }

    /** One item of a routine template. */
    public record TemplateItem(int position, String exerciseSlug, boolean available, Dose dose, String notes) {
    }
}

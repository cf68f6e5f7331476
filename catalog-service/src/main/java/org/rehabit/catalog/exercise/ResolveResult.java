package org.rehabit.catalog.exercise;

import java.util.List;

/**
 * The answer to a batch resolve: every reference lands in exactly one of the two lists, in the order sent.
 * Nothing is dropped silently.
 */
public record ResolveResult(List<Resolved> resolved, List<Unresolved> unresolved) {

    /** A reference and the exercise version it names. */
    public record Resolved(String ref, ExerciseView exercise) {
    }

    /**
     * A reference that names no usable version, and why; for a retired exercise, {@code replacedBy} is the exercise
     * its editor suggests instead (null when none was named).
     */
    public record Unresolved(String ref, Reason reason, String detail, String replacedBy) {

        public Unresolved(String ref, Reason reason, String detail) {
            this(ref, reason, detail, null);
        }
    }

    /** Why a reference did not resolve. */
    public enum Reason {
        /** No exercise has that slug. */
        NOT_FOUND,
        /** The exercise exists but has no such version. */
        VERSION_NOT_FOUND,
        /** The version (or, for a bare slug, every version) is a draft. */
        NOT_PUBLISHED,
        /** A bare slug of a retired exercise: it may not be newly assigned (pinned versions still resolve). */
        RETIRED
    }
}

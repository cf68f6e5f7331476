package org.rehabit.catalog.exercise;

import org.rehabit.support.IfMatch;

/**
 * ETags of exercises and the If-Match check that keeps concurrent edits from overwriting each other.
 * An exercise's ETag is its revision, which moves on with every edit, publish and retire.
 */
public final class Revisions {

    private Revisions() {
    }

    public static String etag(long revision) {
        return IfMatch.etag(revision);
    }

    /**
     * Checks {@code ifMatch} against the exercise's current revision.
     *
     * @param required whether a missing If-Match is refused (edits) or allowed (state changes)
     */
    static void check(Exercise exercise, String ifMatch, boolean required) {
        IfMatch.check(ifMatch, etag(exercise.revision), required);
    }
}

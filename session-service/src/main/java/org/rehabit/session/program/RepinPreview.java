package org.rehabit.session.program;

import java.util.List;
import java.util.UUID;

/**
 * What a re-pin would change, item by item, before anything is written.
 *
 * @param version                    the program's version the preview was made from (send it as If-Match)
 * @param safetyConfirmationRequired whether applying it asks the patient to confirm the safety check again
 */
public record RepinPreview(UUID programId, long version, List<Item> items, boolean safetyConfirmationRequired) {

    /** What would happen to one item. */
    public enum Outcome {
        /** Pinned to the newest published version already. */
        UP_TO_DATE,
        /** A newer version is published: a re-pin moves the item to it. */
        NEWER_VERSION,
        /** The exercise is retired: a re-pin leaves the item as it is; replace it by adjusting the program. */
        RETIRED,
        /** The catalog no longer publishes the exercise at all: left as it is. */
        UNAVAILABLE
    }

    /**
     * One item.
     *
     * @param newestVersion the version a re-pin moves to (null when retired or unavailable)
     * @param replacedBy    for a retired exercise, the exercise the catalog suggests instead (null if none)
     * @param changes       readable differences between the pinned and the newest version: name, steps, cautions
     *                      and the catalog's default dose (the program's own dose is kept)
     */
    public record Item(UUID itemId, int position, String exerciseSlug, String exerciseName, int pinnedVersion,
                       Integer newestVersion, Outcome outcome, String replacedBy, List<String> changes,
                       boolean cautionsChanged) {
    }
}

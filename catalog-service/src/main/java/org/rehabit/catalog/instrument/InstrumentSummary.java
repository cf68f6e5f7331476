package org.rehabit.catalog.instrument;

import org.rehabit.support.outcome.Direction;

/** An instrument in the list: its current version, what it measures, and whether its text is there. */
public record InstrumentSummary(String slug, int currentVersion, String name, String abbreviation, String measures,
                                int items, Direction direction, double mcid, InstrumentView.TextStatus text) {
}

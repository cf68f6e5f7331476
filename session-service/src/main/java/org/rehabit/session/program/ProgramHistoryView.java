package org.rehabit.session.program;

import java.time.Instant;
import java.util.List;

/** A program's history, oldest first: its assignment, then every adjustment and re-pin. */
public record ProgramHistoryView(List<Entry> entries) {

    /**
     * One entry.
     *
     * @param kind                   ASSIGNED, ADJUSTED or REPINNED
     * @param version                the program's version after it
     * @param changes                what changed, one readable line each
     * @param safetyConfirmationReset whether it asked the patient to confirm the safety check again
     */
    public record Entry(String kind, long version, Instant at, String by, List<String> changes,
                        boolean safetyConfirmationReset) {
    }
}

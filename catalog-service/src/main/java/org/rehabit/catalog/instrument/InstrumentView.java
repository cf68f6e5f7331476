package org.rehabit.catalog.instrument;

import org.rehabit.support.outcome.ScoringRule;

import java.time.Instant;
import java.util.List;

/**
 * One published version of an instrument, with its text where there is one: {@code text} says whose
 * ({@code SHIPPED} with the version, {@code IMPORTED} by this installation, whose licence {@code textSource} names, or
 * {@code NONE}: ids and ranges only).
 */
public record InstrumentView(String slug, int version, int currentVersion, String name, String abbreviation,
                             String measures, String instructions, List<InstrumentItem> items, ScoringRule scoring,
                             Mcid mcid, String citation, String terms, TextStatus text, String textSource,
                             Instant publishedAt) {

    /** Whose text a version shows. */
    public enum TextStatus { SHIPPED, IMPORTED, NONE }
}

package org.rehabit.session.catalog;

import org.rehabit.support.outcome.Item;
import org.rehabit.support.outcome.ScoringRule;

import java.util.List;

/** This service's reading of the catalog's instrument versions: what pinning and scoring need (the rest is ignored). */
public final class CatalogInstruments {

    private CatalogInstruments() {
    }

    /** One published version of an instrument: its items' ids and answer ranges, its scoring rule and MCID. */
    public record Instrument(String slug, int version, String name, String abbreviation, List<Item> items,
                             ScoringRule scoring, Mcid mcid) {
    }

    /** The minimal clinically important difference, in score points. */
    public record Mcid(Double value, String source) {
    }
}

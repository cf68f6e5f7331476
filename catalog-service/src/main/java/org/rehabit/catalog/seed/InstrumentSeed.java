package org.rehabit.catalog.seed;

import org.rehabit.catalog.instrument.InstrumentInput;

import java.util.Map;

/** A seed file of outcome-measure instruments: each one's first version, by slug. */
public record InstrumentSeed(Map<String, InstrumentInput> instruments) {
}

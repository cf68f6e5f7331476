package org.rehabit.catalog.instrument;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * One question of an instrument: its id, the whole-number answers it takes (min to max) and, when the instrument's
 * terms let Rehabit carry its text, its wording and answer labels (else both null until a clinic imports them).
 */
public record InstrumentItem(@NotNull String id, int min, int max, @Size(max = 1000) String text,
                             @Size(max = 101) List<@NotNull @Valid AnswerLabel> labels) {
}

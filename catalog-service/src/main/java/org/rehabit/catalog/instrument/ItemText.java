package org.rehabit.catalog.instrument;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** One item's licensed wording and answer labels, as a clinic imports them. */
public record ItemText(@NotBlank String id, @NotBlank @Size(max = 1000) String text,
                       @Size(max = 101) List<@NotNull @Valid AnswerLabel> labels) {
}

package org.rehabit.catalog.instrument;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.rehabit.support.outcome.ScoringRule;

import java.util.List;

/**
 * A version of an instrument as a content editor publishes it (and as the seed file states each shipped one). Items
 * carry text either all of them or none (the text is then imported per version, {@link TextImport}).
 */
public record InstrumentInput(
        @NotBlank @Size(max = 120) String name,
        @NotBlank @Size(max = 16) String abbreviation,
        @NotBlank @Size(max = 1000) String measures,
        @Size(max = 2000) String instructions,
        @NotNull @Size(min = 1, max = 100) List<@NotNull @Valid InstrumentItem> items,
        @NotNull ScoringRule scoring,
        @NotNull @Valid Mcid mcid,
        @NotBlank @Size(max = 1000) String citation,
        @NotBlank @Size(max = 2000) String terms) {
}

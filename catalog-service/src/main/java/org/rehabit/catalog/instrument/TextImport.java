package org.rehabit.catalog.instrument;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * The licensed text of one instrument version, imported by a clinic whose licence allows it: every item of the
 * version exactly once, nothing else (docs/outcome-measures.md, "Importing licensed text").
 */
public record TextImport(
        @Size(max = 2000) String instructions,
        @NotNull @Size(min = 1, max = 100) List<@NotNull @Valid ItemText> items,
        @NotBlank @Size(max = 500) String source) {
}

package org.rehabit.catalog.instrument;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The minimal clinically important difference of an instrument's score, in score points, and where it comes from. */
public record Mcid(@NotNull Double value, @NotBlank @Size(max = 500) String source) {
}

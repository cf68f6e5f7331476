package org.rehabit.catalog.instrument;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What one answer value means in words ("0: cannot do it at all"): part of an instrument's text. */
public record AnswerLabel(int value, @NotBlank @Size(max = 300) String label) {
}

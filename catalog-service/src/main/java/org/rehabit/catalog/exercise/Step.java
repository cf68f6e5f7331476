package org.rehabit.catalog.exercise;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** One instruction of an exercise, in order, with what it is for (set up, move, hold, return, breathe). */
public record Step(@NotNull StepRole role, @NotBlank @Size(max = 500) String instruction) {
}

package org.rehabit.session.program;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * Which items of a program to move to the newest published versions of their exercises.
 *
 * @param items ids of the program's items; null or empty for all of them
 */
public record RepinRequest(@Size(max = 20) List<@NotNull UUID> items) {
}

package org.rehabit.catalog.exercise;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Many exercise references to resolve at once: {@code slug} means its current published version,
 * {@code slug@version} that exact version.
 */
public record ResolveRequest(
        @NotNull @NotEmpty @Size(max = ResolveRequest.MAX_REFS) List<@NotNull String> refs) {

    public static final int MAX_REFS = 200;
}

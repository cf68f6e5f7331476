package org.rehabit.catalog.common;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * One page of a list: the items, which page it is, how many items there are in all, and the token for the next
 * page ({@code next}, passed back as {@code after}; null on the last page). {@code totalExact} is always true and
 * stays for clients that read it.
 */
public record PageView<T>(List<T> items, int page, int size, long total, boolean totalExact,
                          @Schema(description = "pass as after= for the next page; null on the last page",
                                  nullable = true) String next) {
}

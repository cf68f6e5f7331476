package org.rehabit.catalog.common;

import java.util.List;

/**
 * One page of a list: the items, where the page is, and how many items there are in all. {@code totalExact} is
 * false when there were more than {@code total} (a broad text search stops counting, and paging, at 1,000).
 */
public record PageView<T>(List<T> items, int page, int size, long total, boolean totalExact) {
}

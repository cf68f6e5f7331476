package org.rehabit.catalog.exercise;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rehabit.catalog.common.PageView;
import org.rehabit.support.InvalidInput;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The exercise search with its result cache. Results are kept per library generation (the number V4's trigger moves
 * in the same transaction as any change to what search shows, whichever replica or writer made it), normalized
 * question and page. Each search first reads the generation (one single-row read), so a search that starts after a
 * publish or retire committed never answers from an older generation: on this replica and on every other one. The
 * cache holds at most {@code rehabit.catalog.search.cache-summaries} summaries; entries of older generations are
 * dropped when a newer one is seen.
 */
@ApplicationScoped
public class ExerciseSearch {

    private final ExerciseVersionRepository versions;
    private final Cache<Key, Result> cache;
    private final AtomicLong newest = new AtomicLong();

    public ExerciseSearch(ExerciseVersionRepository versions,
                          @ConfigProperty(name = "rehabit.catalog.search.cache-summaries") long maxSummaries) {
        this.versions = versions;
        this.cache = Caffeine.newBuilder().maximumWeight(maxSummaries)
                .weigher((Key key, Result result) -> result.items().size() + 1)
                .build();
    }

    /** A cache entry: a page (or, for a browse's count, no items and the total) and the next token. */
    private record Result(List<ExerciseSummary> items, long total, String next) {
    }

    /** What an entry answers: {@code page} -1 is a browse's count. */
    private record Key(long generation, SearchCriteria criteria, int page, SearchCursor.Keyset after, int size) {
    }

    /**
     * One page: page {@code page} counted from 0 (by offset), or the page {@code after} (a previous page's
     * {@code next}) leads to.
     */
    public PageView<ExerciseSummary> search(SearchCriteria criteria, int page, String after, int size) {
        SearchCursor cursor = after == null || after.isEmpty() ? null : SearchCursor.parse(after);
        if (cursor != null && page != 0) {
            throw InvalidInput.of("page", "cannot be combined with after (the token says which page it is)");
        }
        boolean browsing = !criteria.hasWords();
        if (cursor != null && browsing != (cursor.keyset() != null)) {
            throw InvalidInput.of("after", "must be the next token of a previous page of this search");
        }
        int number = cursor == null ? page : cursor.page();
        SearchCursor.Keyset keyset = cursor == null ? null : cursor.keyset();
        long generation = versions.generation();
        if (newest.getAndAccumulate(generation, Math::max) < generation) {
            cache.invalidateAll();
        }
        SearchCriteria question = criteria.normalized();
        Result result = cache.get(new Key(generation, question, number, keyset, size),
                key -> browsing ? browse(question, number, keyset, size) : rank(question, number, size));
        long total = browsing
                ? cache.get(new Key(generation, question, -1, null, 0),
                        key -> new Result(List.of(), versions.browseCount(question), null)).total()
                : result.total();
        return new PageView<>(result.items(), number, size, total, true, result.next());
    }

    private Result rank(SearchCriteria criteria, int page, int size) {
        long offset = (long) page * size;
        ExerciseVersionRepository.Page found = versions.search(criteria, offset, size);
        boolean more = offset + found.items().size() < found.total() && page < SearchCursor.MAX_PAGE;
        return new Result(found.items(), found.total(),
                more ? new SearchCursor(page + 1, null).token() : null);
    }

    private Result browse(SearchCriteria criteria, int page, SearchCursor.Keyset after, int size) {
        long offset = after == null ? (long) page * size : 0;
        ExerciseVersionRepository.BrowsePage found = versions.browse(criteria, after, offset, size);
        boolean more = found.last() != null && page < SearchCursor.MAX_PAGE;
        return new Result(found.items(), -1, more ? new SearchCursor(page + 1, found.last()).token() : null);
    }
}

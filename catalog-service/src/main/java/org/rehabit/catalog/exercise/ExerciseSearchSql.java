package org.rehabit.catalog.exercise;

/**
 * The search's statements, as constants: {@link ExerciseVersionRepository} fills in their parts ({@code %s}: the
 * tsquery, the filters, the keyset condition) and binds their {@code :named} parameters, and the benchmark's raw-SQL
 * reference (bench's {@code ServiceSql}) runs the same text, which the compiler inlines there. A plain class, so that
 * the bench compiles against it without the catalog's dependencies.
 */
public final class ExerciseSearchSql {

    /** The columns of a result card, read from the search table as they are (the figure as JSON text). */
    public static final String CARD = "s.slug, s.version, s.name, s.summary, s.category, "
            + "array_to_string(s.body_regions, ','), s.start_position, array_to_string(s.equipment, ','), "
            + "s.difficulty, array_to_string(s.conditions, ','), s.figure::text";

    static final String RANKED = "SELECT " + CARD + ", r.total FROM (SELECT s.exercise_id, ";
    static final String RANKED_PAGE = " ORDER BY rank DESC, s.sort_key, s.slug LIMIT :limit OFFSET :offset) r "
            + "JOIN exercise_search s ON s.exercise_id = r.exercise_id ORDER BY r.rank DESC, r.sort_key, r.slug";

    /** The words of a query in web-search syntax, the last word left out when it is matched as a prefix. */
    public static final String WORDS_QUERY = "websearch_to_tsquery('english', :text)";
    /** The last word as a prefix ({@code word:*}). */
    public static final String PREFIX_QUERY = "to_tsquery('english', :prefix)";

    /**
     * The text search: every match of the tsquery {@code %1$s} (the parts above joined by {@code &&}, in
     * parentheses), with the filters {@code %2$s}, ranked (name and aliases weigh more than the summary), then by
     * name and slug; one page of it with the count of all. Ordered and counted on narrow rows, then the page's cards
     * read. The benchmark's raw-SQL reference runs this constant.
     */
    public static final String TEXT_SEARCH = RANKED + "ts_rank_cd(s.title_vector || s.body_vector, %1$s) AS rank, "
            + "s.sort_key, s.slug, count(*) OVER () AS total FROM exercise_search s "
            + "WHERE (s.title_vector || s.body_vector) @@ %1$s %2$s" + RANKED_PAGE;

    /** How alike (pg_trgm word similarity) a name or alias must be to the words for a typo to find it. */
    public static final double TYPO_SIMILARITY = 0.45;

    /**
     * The typo fallback, when the words match nothing: names and aliases that look like them (:fuzzy), most alike
     * first, with the filters {@code %1$s}. Below pg_trgm's default threshold (0.6), which misses a dropped letter in
     * a short word ("sholder" is 0.55 like shoulder); it runs only when the words matched nothing, so it scans rather
     * than use an index.
     */
    public static final String TYPO_SEARCH = RANKED + "word_similarity(:fuzzy, s.title_words) AS rank, "
            + "s.sort_key, s.slug, count(*) OVER () AS total FROM exercise_search s "
            + "WHERE word_similarity(:fuzzy, s.title_words) >= " + TYPO_SIMILARITY + " %1$s" + RANKED_PAGE;

    /**
     * Browsing without words, in name order, with the filters {@code %1$s} and the keyset condition {@code %2$s}
     * ({@link #AFTER}, or nothing for the first page): a range of the (sort_key, slug) index, no count (the total is
     * {@link #BROWSE_COUNT}'s, counted once per filters and generation). One row more than a page is asked for, to
     * know whether another page follows.
     */
    public static final String BROWSE = "SELECT " + CARD + ", s.sort_key FROM exercise_search s WHERE true %1$s %2$s"
            + "ORDER BY s.sort_key, s.slug LIMIT :limit OFFSET :offset";
    /** The keyset condition: the rows after the last one of the previous page. */
    public static final String AFTER = "AND (s.sort_key, s.slug) > (:afterKey, :afterSlug) ";
    /** How many exercises a browse with the filters {@code %1$s} lists in all (cached per generation). */
    public static final String BROWSE_COUNT = "SELECT count(*) FROM exercise_search s WHERE true %1$s";
    /** The library's generation (V4): moves in the same transaction as any change to what search shows. */
    public static final String GENERATION = "SELECT generation FROM search_generation";

    private ExerciseSearchSql() {
    }
}

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

    /** The cards of a ranked page {@code r}, in its order. */
    static final String PAGE_CARDS = "JOIN exercise_search s ON s.exercise_id = r.exercise_id "
            + "ORDER BY r.rank DESC, r.sort_key, r.slug";
    static final String RANKED = "SELECT " + CARD + ", r.total FROM (SELECT s.exercise_id, ";
    static final String RANKED_PAGE = " ORDER BY rank DESC, s.sort_key, s.slug LIMIT :limit OFFSET :offset) r "
            + PAGE_CARDS;

    /** The words of a query in web-search syntax, the last word left out when it is matched as a prefix. */
    public static final String WORDS_QUERY = "websearch_to_tsquery('english', :text)";
    /**
     * The last word as a prefix ({@code :prefix} is {@code word:*}, the word of letters and digits only): every
     * lexeme of V9's {@code search_word} (the words written in live exercises) whose word starts with it ("rotati"
     * finds rotation, indexed as 'rotat'; "should" finds shoulder though 'should' is a stop word) or which starts with
     * its English stem ("stretches" finds stretching, 'stretch'), found along the word and lexeme indexes and joined
     * with "or" as exact lexemes. A word of one or two letters (hundreds of words start with it) and a word that
     * starts no word of the library stay the English prefix query {@code to_tsquery('english', 'word:*')}.
     */
    public static final String PREFIX_QUERY = "(SELECT coalesce(string_agg(DISTINCT quote_literal(w.lexeme), ' | ')"
            + "::tsquery, to_tsquery('english', :prefix)) FROM search_word w WHERE length(:prefix) >= 5 "
            + "AND (w.word LIKE replace(:prefix, ':*', '%') "
            + "OR w.lexeme LIKE (ts_lexize('english_stem', replace(:prefix, ':*', '')))[1] || '%'))";

    /**
     * The text search: every match of the tsquery {@code %1$s} (the parts above joined by {@code &&}, in
     * parentheses), with the filters {@code %2$s}, ranked by {@code ts_rank} (how often the words occur, name and
     * aliases weighing more than the summary), then by name and slug; one page of it with the count of all. Ranked
     * and counted on V10's narrow {@code exercise_rank} (a third of the search table's pages), each match's rank
     * computed as it is read ({@code OFFSET 0} keeps the planner from computing it after the count, which carried
     * every match's vector through the window's store), then the page's cards read from the search table. The
     * benchmark's raw-SQL reference runs this constant. ({@code ts_rank}, not {@code ts_rank_cd}: cover density
     * cost four times the rest of the statement for a three-letter prefix matching half the library.)
     */
    public static final String TEXT_SEARCH = "SELECT " + CARD + ", r.total FROM (SELECT m.exercise_id, m.rank, "
            + "m.sort_key, m.slug, count(*) OVER () AS total FROM (SELECT s.exercise_id, "
            + "ts_rank(s.doc_vector, %1$s) AS rank, s.sort_key, s.slug FROM exercise_rank s "
            + "WHERE s.doc_vector @@ %1$s %2$s OFFSET 0) m "
            + "ORDER BY m.rank DESC, m.sort_key, m.slug LIMIT :limit OFFSET :offset) r " + PAGE_CARDS;

    /** How alike (pg_trgm word similarity) a name or alias must be to the words for a typo to find it. */
    public static final double TYPO_SIMILARITY = 0.45;

    /**
     * {@link #TYPO_SIMILARITY} as the operator {@code <%}'s threshold until the transaction ends (never for the
     * session: behind a pooler in transaction mode the session is another client's next).
     */
    public static final String TYPO_THRESHOLD = "SELECT set_config('pg_trgm.word_similarity_threshold', '"
            + TYPO_SIMILARITY + "', true)";

    /**
     * The typo fallback, when the words match no exercise at all ({@link #TEXT_MATCHES}, asked when filters left
     * none of a text search's matches): names and aliases that look like them (:fuzzy), most alike
     * first, with the filters {@code %1$s}. Below pg_trgm's default threshold (0.6), which misses a dropped letter in
     * a short word ("sholder" is 0.55 like shoulder): its transaction first sets pg_trgm.word_similarity_threshold
     * to {@link #TYPO_SIMILARITY} ({@link #TYPO_THRESHOLD}), so the operator {@code <%} finds them along V9's
     * trigram index.
     */
    public static final String TYPO_SEARCH = RANKED + "word_similarity(:fuzzy, s.title_words) AS rank, "
            + "s.sort_key, s.slug, count(*) OVER () AS total FROM exercise_search s "
            + "WHERE :fuzzy <%% s.title_words %1$s" + RANKED_PAGE;   // %% is the operator <%

    /**
     * Whether the tsquery {@code %1$s} matches any exercise, whatever the filters: words that do are no typo, so a
     * search whose filters leave none of their matches finds nothing rather than look-alikes.
     */
    public static final String TEXT_MATCHES = "SELECT EXISTS (SELECT 1 FROM exercise_rank s "
            + "WHERE s.doc_vector @@ %1$s)";

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

package org.rehabit.catalog.exercise;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Exercise versions, including the ranked, filtered search over the current published ones. */
@ApplicationScoped
public class ExerciseVersionRepository implements PanacheRepositoryBase<ExerciseVersion, UUID> {

    /**
     * Version {@code version} of the exercise {@code slug} (its current one when {@code version} is null) with
     * its exercise, in one statement and read-only: no snapshot of the JSON columns is kept for dirty checking.
     * Empty when there is no such exercise or version; the caller tells which.
     */
    public Optional<ExerciseVersion> findForReading(String slug, Integer version) {
        String versionCondition = version == null ? "v.version = e.currentVersion" : "v.version = :version";
        var query = getEntityManager().createQuery("select v from ExerciseVersion v join fetch v.exercise e"
                        + " where e.slug = :slug and " + versionCondition, ExerciseVersion.class)
                .setParameter("slug", slug)
                .setHint(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true);
        if (version != null) {
            query.setParameter("version", version);
        }
        return query.getResultStream().findFirst();
    }

    public Optional<ExerciseVersion> find(Exercise exercise, int version) {
        return find("exercise = ?1 and version = ?2", exercise, version).firstResultOptional();
    }

    public List<ExerciseVersion> history(Exercise exercise) {
        return list("exercise = ?1 order by version desc", exercise);
    }

    /** Every version of the exercise {@code slug}, newest first, with the exercise; one read-only statement. */
    public List<ExerciseVersion> historyForReading(String slug) {
        return getEntityManager().createQuery("select v from ExerciseVersion v join fetch v.exercise e"
                        + " where e.slug = :slug order by v.version desc", ExerciseVersion.class)
                .setParameter("slug", slug)
                .setHint(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true)
                .getResultList();
    }

    /** The latest version (an open draft, or the published one) of the exercise {@code slug}, read-only. */
    public Optional<ExerciseVersion> latestForReading(String slug) {
        return getEntityManager().createQuery("select v from ExerciseVersion v join fetch v.exercise e"
                        + " where e.slug = :slug and v.version = e.latestVersion", ExerciseVersion.class)
                .setParameter("slug", slug)
                .setHint(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true)
                .getResultStream().findFirst();
    }

    /**
     * The versions named by (slug, version) pairs and the current versions of the given slugs, with their
     * exercises, in one query.
     */
    public List<ExerciseVersion> findForRefs(Collection<String> slugs) {
        if (slugs.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createQuery("""
                        select v from ExerciseVersion v join fetch v.exercise e
                        where e.slug in :slugs
                        """, ExerciseVersion.class)
                .setParameter("slugs", slugs)
                .setHint(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true)
                .getResultList();
    }

    /** The current published, non-retired versions listing {@code condition}, by name. */
    public List<ExerciseVersion> searchableForCondition(String condition) {
        // Native: HQL binds the condition as varchar[], which PostgreSQL cannot compare with the text[] column.
        @SuppressWarnings("unchecked")
        List<UUID> ids = getEntityManager().createNativeQuery("""
                        SELECT v.id FROM exercise_version v
                        WHERE v.searchable AND v.conditions @> ARRAY[CAST(:condition AS text)]
                        """, UUID.class)
                .setParameter("condition", condition)
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createQuery("""
                        select v from ExerciseVersion v join fetch v.exercise e
                        where v.id in :ids
                        order by lower(v.name), e.slug
                        """, ExerciseVersion.class)
                .setParameter("ids", ids)
                .getResultList();
    }

    /** The current versions of the given exercises (published ones only). */
    public Map<String, ExerciseVersion> currentBySlug(Collection<String> slugs) {
        if (slugs.isEmpty()) {
            return Map.of();
        }
        Map<String, ExerciseVersion> bySlug = new HashMap<>();
        getEntityManager().createQuery("""
                        select v from ExerciseVersion v join fetch v.exercise e
                        where e.slug in :slugs and v.version = e.currentVersion
                        """, ExerciseVersion.class)
                .setParameter("slugs", slugs)
                .getResultList()
                .forEach(v -> bySlug.put(v.exercise.slug, v));
        return bySlug;
    }

    /** One page of search results and the exact number of matches. */
    public record Page(List<ExerciseSummary> items, long total) {
    }

    /** One page of a browse in name order, and where it ended (null when no exercise follows it). */
    public record BrowsePage(List<ExerciseSummary> items, SearchCursor.Keyset last) {
    }

    /** Whether pg_trgm (typo tolerance) is installed; looked up once. */
    private volatile Boolean trigrams;

    /** The library's current generation, read from the database (committed changes of every replica). */
    public long generation() {
        return jdbc(connection -> {
            try (PreparedStatement st = connection.prepareStatement(ExerciseSearchSql.GENERATION);
                 ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * Ranked full-text search with filters over the search tables (ranked and counted on {@code exercise_rank}, the
     * page's cards read from {@code exercise_search}), in one statement that returns the page's summaries and the
     * exact total. A text query ranks every match, then name, then slug, so the order is total and paging stable.
     * When the words match no exercise at all (with or without the filters) and pg_trgm is installed, names and
     * aliases that look like them (a typo) are found instead, most alike first.
     */
    public Page search(SearchCriteria criteria, long offset, int size) {
        Map<String, Object> params = new HashMap<>();
        String filters = filters(criteria, params);
        Map<String, Object> textParams = new HashMap<>(params);
        Page found = ranked(textSearch(filters, criteria, textParams), textParams, offset, size);
        if (found.total() > 0 || !trigramsInstalled() || (!filters.isEmpty() && matchesAny(criteria))) {
            return found;
        }
        params.put("fuzzy", criteria.fuzzyText());
        // the threshold is set for this transaction only: behind a pooler in transaction mode (PgBouncer, the
        // Kubernetes default) a session setting would stay on a server connection another client then gets
        return QuarkusTransaction.joiningExisting().call(() -> {
            getEntityManager().createNativeQuery(ExerciseSearchSql.TYPO_THRESHOLD).getSingleResult();
            return ranked(ExerciseSearchSql.TYPO_SEARCH.formatted(filters), params, offset, size);
        });
    }

    /** Whether the words match any exercise, whatever the filters (then they are no typo). */
    private boolean matchesAny(SearchCriteria criteria) {
        Map<String, Object> params = new HashMap<>();
        Positional sql = Positional.of(ExerciseSearchSql.TEXT_MATCHES.replace("%1$s", tsquery(criteria, params)));
        return jdbc(connection -> {
            try (PreparedStatement st = sql.prepare(connection, params); ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        });
    }

    /** {@link ExerciseSearchSql#TEXT_SEARCH} for {@code criteria}, its tsquery and filters filled in. */
    static String textSearch(String filters, SearchCriteria criteria, Map<String, Object> params) {
        // String.replace, not formatted (Formatter parses the text on every call): TEXT_SEARCH has no %% escape
        return ExerciseSearchSql.TEXT_SEARCH.replace("%1$s", tsquery(criteria, params)).replace("%2$s", filters);
    }

    /** The tsquery of {@code criteria}'s words: its parts joined by {@code &&}, in parentheses. */
    private static String tsquery(SearchCriteria criteria, Map<String, Object> params) {
        StringJoiner query = new StringJoiner(" && ", "(", ")");
        String websearch = criteria.websearchText();
        if (websearch != null && !websearch.isBlank()) {
            query.add(ExerciseSearchSql.WORDS_QUERY);
            params.put("text", websearch);
        }
        String prefix = criteria.prefixWord();
        if (prefix != null) {
            query.add(ExerciseSearchSql.PREFIX_QUERY);
            params.put("prefix", prefix + ":*");
        }
        return query.toString();
    }

    /**
     * A page of exercises in name order (then slug) after {@code after} (from the start when null), skipping
     * {@code offset} rows (the old page parameter; 0 with a cursor): read along the (sort_key, slug) index.
     */
    public BrowsePage browse(SearchCriteria criteria, SearchCursor.Keyset after, long offset, int size) {
        Map<String, Object> params = new HashMap<>();
        String filters = filters(criteria, params);
        if (after != null) {
            params.put("afterKey", after.sortKey());
            params.put("afterSlug", after.slug());
        }
        String keyset = after == null ? "" : ExerciseSearchSql.AFTER;
        var query = getEntityManager().createNativeQuery(ExerciseSearchSql.BROWSE.formatted(filters, keyset),
                Tuple.class);
        params.forEach(query::setParameter);
        query.setParameter("limit", size + 1);
        query.setParameter("offset", offset);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = query.getResultList();
        List<Tuple> page = rows.subList(0, Math.min(size, rows.size()));
        SearchCursor.Keyset last = rows.size() > size
                ? new SearchCursor.Keyset(page.get(size - 1).get(11, String.class),
                        page.get(size - 1).get(0, String.class))
                : null;
        return new BrowsePage(page.stream().map(ExerciseVersionRepository::summary).toList(), last);
    }

    /** How many exercises a browse with these filters lists. */
    public long browseCount(SearchCriteria criteria) {
        Map<String, Object> params = new HashMap<>();
        String sql = ExerciseSearchSql.BROWSE_COUNT.formatted(filters(criteria, params));
        var query = getEntityManager().createNativeQuery(sql);
        params.forEach(query::setParameter);
        return ((Number) query.getSingleResult()).longValue();
    }

    /** The filters as SQL conditions (each starting with AND), their values put in {@code params}. */
    private static String filters(SearchCriteria criteria, Map<String, Object> params) {
        StringBuilder filters = new StringBuilder();
        anyOf(filters, params, "s.body_regions &&", "regions", criteria.regionNames(), true);
        anyOf(filters, params, "s.conditions &&", "conditions", criteria.conditions(), true);
        anyOf(filters, params, "s.category = ANY", "categories", criteria.categoryNames(), false);
        anyOf(filters, params, "s.start_position = ANY", "positions", criteria.positionNames(), false);
        if (!criteria.difficulties().isEmpty()) {
            StringJoiner in = new StringJoiner(", ", "AND s.difficulty IN (", ") ");
            criteria.difficulties().forEach(d -> in.add(Integer.toString(d)));
            filters.append(in);
        }
        if (!criteria.equipment().isEmpty()) {
            List<String> named = new ArrayList<>(criteria.equipment());
            boolean none = named.remove(SearchCriteria.NO_EQUIPMENT);
            StringJoiner or = new StringJoiner(" OR ", "AND (", ") ");
            if (none) {
                or.add("cardinality(s.equipment) = 0");
            }
            if (!named.isEmpty()) {
                or.add("s.equipment && string_to_array(:equipment, ',')");
                params.put("equipment", String.join(",", named));
            }
            filters.append(or);
        }
        return filters.toString();
    }

    /**
     * A ranked page, read with JDBC on the session's connection (its transaction, if any): Hibernate's native query
     * (parameter metadata, result-set mapping and tuples built for every execution) cost the catalog about as much
     * CPU as the rest of a never-asked search. Parameters are bound with the types Hibernate bound them with.
     */
    private Page ranked(String sql, Map<String, Object> params, long offset, int size) {
        Map<String, Object> bound = new HashMap<>(params);
        bound.put("limit", size);
        bound.put("offset", offset);
        Positional statement = Positional.of(sql);
        Page found = jdbc(connection -> {
            List<ExerciseSummary> items = new ArrayList<>(size);
            long total = 0;
            try (PreparedStatement st = statement.prepare(connection, bound); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    items.add(summary(rs));
                    total = rs.getLong(12);
                }
            }
            return new Page(items, total);
        });
        if (found.items().isEmpty() && offset > 0) {
            // Past the last page the count is not there; the first row's count is the total.
            return new Page(List.of(), ranked(sql, params, 0, 1).total());
        }
        return found;
    }

    private <T> T jdbc(org.hibernate.jdbc.ReturningWork<T> work) {
        return getEntityManager().unwrap(Session.class).doReturningWork(work);
    }

    /** A statement's {@code :named} parameters as JDBC's {@code ?}, with the names in order (kept per text). */
    private record Positional(String sql, List<String> names) {

        private static final Pattern NAMED = Pattern.compile("(?<![:\\w]):([A-Za-z]\\w*)");
        /** Per statement text: the texts are the search's shapes (which parts and filters), a bounded set. */
        private static final Map<String, Positional> PARSED = new ConcurrentHashMap<>();

        static Positional of(String sql) {
            return PARSED.computeIfAbsent(sql, text -> {
                List<String> names = new ArrayList<>();
                Matcher named = NAMED.matcher(text);
                StringBuilder out = new StringBuilder(text.length());
                while (named.find()) {
                    names.add(named.group(1));
                    named.appendReplacement(out, "?");
                }
                named.appendTail(out);
                return new Positional(out.toString(), List.copyOf(names));
            });
        }

        PreparedStatement prepare(Connection connection, Map<String, Object> values) throws SQLException {
            PreparedStatement st = connection.prepareStatement(sql);
            try {
                for (int i = 0; i < names.size(); i++) {
                    Object value = values.get(names.get(i));
                    if (value instanceof Integer number) {
                        st.setInt(i + 1, number);
                    } else if (value instanceof Long number) {
                        st.setLong(i + 1, number);
                    } else if (value instanceof String text) {
                        st.setString(i + 1, text);
                    } else {
                        throw new IllegalArgumentException("no value for :" + names.get(i));
                    }
                }
                return st;
            } catch (SQLException | RuntimeException e) {
                st.close();
                throw e;
            }
        }
    }

    private static ExerciseSummary summary(ResultSet r) throws SQLException {
        return new ExerciseSummary(
                r.getString(1),
                r.getInt(2),
                r.getString(3),
                r.getString(4),
                Category.valueOf(r.getString(5)),
                list(r.getString(6)).stream().map(BodyRegion::valueOf).toList(),
                StartPosition.valueOf(r.getString(7)),
                list(r.getString(8)),
                r.getInt(9),
                list(r.getString(10)),
                r.getString(11));
    }

    private static ExerciseSummary summary(Tuple r) {
        return new ExerciseSummary(
                r.get(0, String.class),
                ((Number) r.get(1)).intValue(),
                r.get(2, String.class),
                r.get(3, String.class),
                Category.valueOf(r.get(4, String.class)),
                list(r.get(5, String.class)).stream().map(BodyRegion::valueOf).toList(),
                StartPosition.valueOf(r.get(6, String.class)),
                list(r.get(7, String.class)),
                ((Number) r.get(8)).intValue(),
                list(r.get(9, String.class)),
                r.get(10, String.class));
    }

    private static List<String> list(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    private boolean trigramsInstalled() {
        Boolean installed = trigrams;
        if (installed == null) {
            installed = !getEntityManager().createNativeQuery(
                    "SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").getResultList().isEmpty();
            if (!installed) {
                Log.warn("The PostgreSQL extension pg_trgm is not installed in the catalog database: search runs "
                        + "without typo tolerance (a superuser or the database owner can CREATE EXTENSION pg_trgm, "
                        + "then restart the service).");
            }
            trigrams = installed;
        }
        return installed;
    }

    private static void anyOf(StringBuilder sql, Map<String, Object> params, String test, String name,
                              List<String> values, boolean arrayColumn) {
        if (values.isEmpty()) {
            return;
        }
        sql.append("AND ").append(test).append(arrayColumn ? " " : " (").append("string_to_array(:").append(name)
                .append(", ',')").append(arrayColumn ? " " : ") ");
        params.put(name, String.join(",", values));
    }
}

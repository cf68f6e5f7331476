package org.rehabit.catalog.exercise;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;

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

    /** The first versions of the exercises {@code slugs} that have no figure, with their exercises. */
    public List<ExerciseVersion> firstVersionsWithoutFigure(Collection<String> slugs) {
        if (slugs.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createQuery("select v from ExerciseVersion v join fetch v.exercise e"
                        + " where e.slug in :slugs and v.version = 1 and v.figure is null", ExerciseVersion.class)
                .setParameter("slugs", slugs)
                .getResultList();
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

    /**
     * The most matches a text search ranks and counts. Beyond it, the total says "at least this many"
     * ({@link Page#totalExact()} false) and only this many are ranked and paged: ranking every match of a broad
     * word (half of a large library) cost far more than the page shown.
     */
    public static final int SEARCH_BOUND = 1000;

    /** One page of search results and the total number of matches (exact unless a text search found too many). */
    public record Page(List<ExerciseVersion> items, long total, boolean totalExact) {
    }

    /**
     * Ranked full-text search with filters. Text queries rank by relevance (name and aliases weigh more
     * than the summary); ties and browsing order by name, then slug, so paging is stable.
     * <p>
     * A text search ranks a bounded candidate set, {@link #SEARCH_BOUND} matches (plus one, to tell that there were
     * more). With up to {@link #SEARCH_BOUND} matches that is every match and the ranking and total are exact; with
     * more, the candidates are the exercises whose name or aliases match (weight A) first, then those that match in
     * the summary only (each found through the GIN index, in table order), ranked among themselves.
     */
    public Page search(SearchCriteria criteria, int page, int size) {
        StringBuilder filters = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        anyOf(filters, params, "v.body_regions &&", "regions", criteria.regionNames(), true);
        anyOf(filters, params, "v.conditions &&", "conditions", criteria.conditions(), true);
        anyOf(filters, params, "v.category = ANY", "categories", criteria.categoryNames(), false);
        anyOf(filters, params, "v.start_position = ANY", "positions", criteria.positionNames(), false);
        if (!criteria.difficulties().isEmpty()) {
            StringJoiner in = new StringJoiner(", ", "AND v.difficulty IN (", ") ");
            criteria.difficulties().forEach(d -> in.add(Integer.toString(d)));
            filters.append(in);
        }
        if (!criteria.equipment().isEmpty()) {
            List<String> named = new ArrayList<>(criteria.equipment());
            boolean none = named.remove(SearchCriteria.NO_EQUIPMENT);
            StringJoiner or = new StringJoiner(" OR ", "AND (", ") ");
            if (none) {
                or.add("cardinality(v.equipment) = 0");
            }
            if (!named.isEmpty()) {
                or.add("v.equipment && string_to_array(:equipment, ',')");
                params.put("equipment", String.join(",", named));
            }
            filters.append(or);
        }
        String tsQuery = criteria.textQuery();
        String sql;
        long offset = (long) page * size;
        int limit = size;
        if (tsQuery != null) {
            if (offset >= SEARCH_BOUND) {
                return count(criteria);
            }
            limit = (int) Math.min(size, SEARCH_BOUND - offset);
            sql = textSearch(filters.toString());
            params.put("q", tsQuery);
            params.put("titleq", criteria.titleQuery());
            params.put("bound", SEARCH_BOUND + 1);
        } else {
            sql = "SELECT v.id, count(*) OVER () AS total FROM exercise_version v JOIN exercise e ON e.id = v.exercise_id "
                    + "WHERE v.searchable " + filters + "ORDER BY lower(v.name), e.slug LIMIT :limit OFFSET :offset";
        }
        params.put("limit", limit);
        params.put("offset", offset);

        var query = getEntityManager().createNativeQuery(sql, Tuple.class);
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = query.getResultList();
        if (rows.isEmpty()) {
            return page == 0 ? new Page(List.of(), 0, true) : count(criteria);
        }
        List<UUID> ids = rows.stream().map(r -> r.get(0, UUID.class)).toList();
        long total = ((Number) rows.get(0).get(1)).longValue();
        boolean exact = total <= SEARCH_BOUND || tsQuery == null;
        Map<UUID, ExerciseVersion> byId = new HashMap<>();
        getEntityManager().createQuery(
                        "select v from ExerciseVersion v join fetch v.exercise where v.id in :ids", ExerciseVersion.class)
                .setParameter("ids", ids)
                .setHint(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true)
                .getResultList()
                .forEach(v -> byId.put(v.id, v));
        return new Page(ids.stream().map(byId::get).toList(), exact ? total : SEARCH_BOUND, exact);
    }

    /**
     * The text search's statement (kept in step with the benchmark's {@code ServiceSql.search}): the candidates,
     * name/alias matches first, at most {@code :bound}; then the page of them by rank, name, slug, with their count.
     */
    static String textSearch(String filters) {
        String columns = "SELECT v.id, v.exercise_id, v.name, v.search_vector FROM exercise_version v WHERE v.searchable ";
        // "matches": up to bound rows in index order. When that is all of them (the usual case) they are the
        // candidates; only when there are more does the second part pick the name/alias matches first. Its
        // one-time filter (an InitPlan on the count) skips both of its scans otherwise.
        return "WITH matches AS MATERIALIZED (" + columns + "AND v.search_vector @@ to_tsquery('english', :q) "
                + filters + "LIMIT :bound), "
                + "candidates AS MATERIALIZED ("
                + "SELECT * FROM matches WHERE (SELECT count(*) FROM matches) < :bound "
                + "UNION ALL "
                + "(" + columns + "AND v.search_vector @@ to_tsquery('english', :titleq) " + filters
                + "AND (SELECT count(*) FROM matches) >= :bound LIMIT :bound) "
                + "UNION ALL "
                + "(" + columns + "AND v.search_vector @@ to_tsquery('english', :q) "
                + "AND NOT v.search_vector @@ to_tsquery('english', :titleq) " + filters
                + "AND (SELECT count(*) FROM matches) >= :bound LIMIT :bound) "
                + "LIMIT :bound) "
                + "SELECT c.id, (SELECT count(*) FROM candidates) AS total "
                + "FROM candidates c JOIN exercise e ON e.id = c.exercise_id "
                + "ORDER BY ts_rank_cd(c.search_vector, to_tsquery('english', :q)) DESC, lower(c.name), e.slug "
                + "LIMIT :limit OFFSET :offset";
    }

    private Page count(SearchCriteria criteria) {
        // Past the last page the count is not there; ask for the first page's total instead.
        Page first = search(criteria, 0, 1);
        return new Page(List.of(), first.total(), first.totalExact());
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

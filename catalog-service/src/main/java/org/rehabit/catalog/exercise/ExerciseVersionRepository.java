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

    public Optional<ExerciseVersion> find(Exercise exercise, int version) {
        return find("exercise = ?1 and version = ?2", exercise, version).firstResultOptional();
    }

    public List<ExerciseVersion> history(Exercise exercise) {
        return list("exercise = ?1 order by version desc", exercise);
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

    /** One page of search results and the total number of matches. */
    public record Page(List<ExerciseVersion> items, long total) {
    }

    /**
     * Ranked full-text search with filters. Text queries rank by relevance (name and aliases weigh more
     * than the summary); ties and browsing order by name, then slug, so paging is stable.
     */
    public Page search(SearchCriteria criteria, int page, int size) {
        StringBuilder sql = new StringBuilder(
                "SELECT v.id, count(*) OVER () AS total FROM exercise_version v JOIN exercise e ON e.id = v.exercise_id ");
        Map<String, Object> params = new HashMap<>();
        String tsQuery = criteria.textQuery();
        if (tsQuery != null) {
            sql.append("CROSS JOIN to_tsquery('english', :q) query ");
            params.put("q", tsQuery);
        }
        sql.append("WHERE v.searchable ");
        if (tsQuery != null) {
            sql.append("AND v.search_vector @@ query ");
        }
        anyOf(sql, params, "v.body_regions &&", "regions", criteria.regionNames(), true);
        anyOf(sql, params, "v.conditions &&", "conditions", criteria.conditions(), true);
        anyOf(sql, params, "v.category = ANY", "categories", criteria.categoryNames(), false);
        anyOf(sql, params, "v.start_position = ANY", "positions", criteria.positionNames(), false);
        if (!criteria.difficulties().isEmpty()) {
            StringJoiner in = new StringJoiner(", ", "AND v.difficulty IN (", ") ");
            criteria.difficulties().forEach(d -> in.add(Integer.toString(d)));
            sql.append(in);
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
            sql.append(or);
        }
        sql.append(tsQuery != null
                ? "ORDER BY ts_rank_cd(v.search_vector, query) DESC, lower(v.name), e.slug "
                : "ORDER BY lower(v.name), e.slug ");
        sql.append("LIMIT :limit OFFSET :offset");
        params.put("limit", size);
        params.put("offset", (long) page * size);

        var query = getEntityManager().createNativeQuery(sql.toString(), Tuple.class);
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = query.getResultList();
        if (rows.isEmpty()) {
            return new Page(List.of(), page == 0 ? 0 : count(criteria));
        }
        List<UUID> ids = rows.stream().map(r -> r.get(0, UUID.class)).toList();
        long total = ((Number) rows.get(0).get(1)).longValue();
        Map<UUID, ExerciseVersion> byId = new HashMap<>();
        getEntityManager().createQuery(
                        "select v from ExerciseVersion v join fetch v.exercise where v.id in :ids", ExerciseVersion.class)
                .setParameter("ids", ids)
                .getResultList()
                .forEach(v -> byId.put(v.id, v));
        return new Page(ids.stream().map(byId::get).toList(), total);
    }

    private long count(SearchCriteria criteria) {
        // Past the last page the window count is not there; ask for the first page's total instead.
        return search(criteria, 0, 1).total();
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

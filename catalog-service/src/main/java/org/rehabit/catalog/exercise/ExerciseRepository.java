package org.rehabit.catalog.exercise;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Exercises by slug. */
@ApplicationScoped
public class ExerciseRepository implements PanacheRepositoryBase<Exercise, UUID> {

    public Optional<Exercise> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    /** The slugs among {@code slugs} that name no exercise. */
    public Set<String> unknownSlugs(Collection<String> slugs) {
        if (slugs.isEmpty()) {
            return Set.of();
        }
        List<String> known = getEntityManager()
                .createQuery("select e.slug from Exercise e where e.slug in :slugs", String.class)
                .setParameter("slugs", slugs)
                .getResultList();
        Set<String> unknown = new java.util.LinkedHashSet<>(slugs);
        known.forEach(unknown::remove);
        return unknown;
    }
}

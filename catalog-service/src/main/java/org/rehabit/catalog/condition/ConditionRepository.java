package org.rehabit.catalog.condition;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Conditions by slug. */
@ApplicationScoped
public class ConditionRepository implements PanacheRepositoryBase<Condition, UUID> {

    public Optional<Condition> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    public List<Condition> listByName() {
        return list("order by lower(name), slug");
    }

    /** Which of {@code slugs} exist. */
    public Set<String> existing(Collection<String> slugs) {
        if (slugs.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(getEntityManager()
                .createQuery("select c.slug from Condition c where c.slug in :slugs", String.class)
                .setParameter("slugs", slugs)
                .getResultList());
    }
}

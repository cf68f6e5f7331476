package org.rehabit.catalog.template;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Routine templates by slug and by condition. */
@ApplicationScoped
public class RoutineTemplateRepository implements PanacheRepositoryBase<RoutineTemplate, UUID> {

    public Optional<RoutineTemplate> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    public List<RoutineTemplate> forCondition(String condition) {
        return list("condition = ?1 order by lower(name), slug", condition);
    }

    public List<RoutineTemplate> listByName() {
        return list("order by lower(name), slug");
    }
}

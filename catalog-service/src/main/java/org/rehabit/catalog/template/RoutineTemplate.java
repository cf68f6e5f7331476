package org.rehabit.catalog.template;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An ordered list of exercises with doses, for a condition: what a physio starts from when assigning a
 * program. Items name exercises by slug; a program pins their versions when it is assigned.
 */
@Entity
@Table(name = "routine_template")
public class RoutineTemplate {

    @Id
    UUID id;

    @Column(nullable = false, unique = true, length = 80)
    String slug;

    @Column(nullable = false, length = 120)
    String name;

    @Column(nullable = false, length = 500)
    String summary;

    @Column(name = "condition_slug", length = 80)
    String condition;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    List<TemplateItem> items;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    protected RoutineTemplate() {
    }

    public RoutineTemplate(RoutineTemplateInput input, Instant now) {
        this.id = UUID.randomUUID();
        this.slug = input.slug();
        this.name = input.name();
        this.summary = input.summary();
        this.condition = input.condition();
        this.items = List.copyOf(input.items());
        this.createdAt = now;
    }

    public String slug() {
        return slug;
    }
}

package org.rehabit.catalog.condition;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A condition exercises help with, and the guidance a patient needs before and while treating it at home. */
@Entity
@Table(name = "condition")
public class Condition {

    @Id
    UUID id;

    @Column(nullable = false, unique = true, length = 80)
    String slug;

    @Column(nullable = false, length = 120)
    String name;

    @Column(nullable = false, length = 2000)
    String description;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "body_regions", nullable = false, columnDefinition = "text[]")
    List<String> bodyRegions;

    @Column(nullable = false, length = 2000)
    String guidance;

    @Column(name = "see_doctor_first", nullable = false)
    boolean seeDoctorFirst;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "red_flags", nullable = false, columnDefinition = "text[]")
    List<String> redFlags;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    protected Condition() {
    }

    public Condition(ConditionInput input, Instant now) {
        this.id = UUID.randomUUID();
        this.slug = input.slug();
        this.name = input.name();
        this.description = input.description();
        this.bodyRegions = input.bodyRegions().stream().map(Enum::name).toList();
        this.guidance = input.guidance();
        this.seeDoctorFirst = input.seeDoctorFirst();
        this.redFlags = List.copyOf(input.redFlags());
        this.createdAt = now;
    }

    public String slug() {
        return slug;
    }
}

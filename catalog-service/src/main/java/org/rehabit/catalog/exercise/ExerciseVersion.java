package org.rehabit.catalog.exercise;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One version of an exercise's content. A draft may be edited in place; once published a version is
 * never changed or deleted, so programs pinned to it always show what the physio assigned.
 */
@Entity
@Table(name = "exercise_version")
public class ExerciseVersion {

    enum Status { DRAFT, PUBLISHED }

    @Id
    UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "exercise_id", nullable = false)
    Exercise exercise;

    @Column(nullable = false)
    int version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    Status status;

    @Column(nullable = false, length = 120)
    String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    List<String> aliases;

    @Column(nullable = false, length = 500)
    String summary;

    @Column(nullable = false, length = 1000)
    String purpose;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    Category category;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "body_regions", nullable = false, columnDefinition = "text[]")
    List<String> bodyRegions;

    @Enumerated(EnumType.STRING)
    @Column(name = "start_position", nullable = false, length = 32)
    StartPosition startPosition;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    List<String> equipment;

    @Column(nullable = false)
    short difficulty;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    List<Step> steps;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    List<String> cautions;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    List<String> contraindications;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "stop_rules", nullable = false, columnDefinition = "text[]")
    List<String> stopRules;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "default_dose", nullable = false, columnDefinition = "jsonb")
    Dose defaultDose;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    List<Media> media;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    Figure figure;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    List<String> conditions;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    Source source;

    @Column(nullable = false, length = 64)
    String licence;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Column(name = "published_at")
    Instant publishedAt;

    @Column(nullable = false)
    boolean searchable;

    protected ExerciseVersion() {
    }

    static ExerciseVersion draft(Exercise exercise, int version, ExerciseInput input, Instant now) {
        ExerciseVersion draft = new ExerciseVersion();
        draft.id = UUID.randomUUID();
        draft.exercise = exercise;
        draft.version = version;
        draft.status = Status.DRAFT;
        draft.createdAt = now;
        draft.write(input, now);
        return draft;
    }

    /** Replaces the content of this draft. */
    void write(ExerciseInput input, Instant now) {
        if (status != Status.DRAFT) {
            throw new IllegalStateException("Published versions are immutable");
        }
        ExerciseInput content = input.normalized();
        name = content.name();
        aliases = content.aliases();
        summary = content.summary();
        purpose = content.purpose();
        category = content.category();
        bodyRegions = content.bodyRegions().stream().map(Enum::name).toList();
        startPosition = content.startPosition();
        equipment = content.equipment();
        difficulty = content.difficulty().shortValue();
        steps = List.copyOf(content.steps());
        cautions = List.copyOf(content.cautions());
        contraindications = List.copyOf(content.contraindications());
        stopRules = List.copyOf(content.stopRules());
        defaultDose = content.defaultDose();
        media = List.copyOf(content.media());
        figure = content.figure();
        conditions = content.conditions();
        source = content.source();
        licence = content.licence();
        updatedAt = now;
    }

    void publish(Instant now) {
        status = Status.PUBLISHED;
        publishedAt = now;
        updatedAt = now;
    }

    /** Whether this is what clients are offered today: the current published version of a live exercise. */
    public boolean isOffered() {
        return status == Status.PUBLISHED && !exercise.isRetired()
                && Integer.valueOf(version).equals(exercise.currentVersion);
    }

    boolean isDraft() {
        return status == Status.DRAFT;
    }
}

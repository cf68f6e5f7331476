package org.rehabit.session.program;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One recorded change of a program (an adjustment or a re-pin): who, when, and what changed, readably. */
@Entity
@Table(name = "program_change")
public class ProgramChange {

    /** What kind of change it was. */
    public enum Kind {
        ADJUSTED, REPINNED
    }

    @Id
    UUID id;

    @Column(name = "program_id", nullable = false)
    UUID programId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    Kind kind;

    @Column(nullable = false)
    long revision;

    @Column(name = "changed_at", nullable = false)
    Instant changedAt;

    @Column(name = "changed_by", nullable = false)
    String changedBy;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    List<String> changes;

    @Column(name = "safety_reconfirm", nullable = false)
    boolean safetyReconfirm;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "items_before", nullable = false, columnDefinition = "jsonb")
    List<ItemSnapshot> itemsBefore;

    /** An item as it was before a change: what a session logged before the change prescribed. */
    public record ItemSnapshot(UUID id, @com.fasterxml.jackson.annotation.JsonProperty("exercise_slug") String
            exerciseSlug, Dose dose) {
    }

    protected ProgramChange() {
    }

    ProgramChange(UUID programId, Kind kind, long revision, Instant changedAt, String changedBy, List<String> changes,
                  boolean safetyReconfirm, List<ItemSnapshot> itemsBefore) {
        this.id = UUID.randomUUID();
        this.programId = programId;
        this.kind = kind;
        this.revision = revision;
        this.changedAt = changedAt;
        this.changedBy = changedBy;
        this.changes = List.copyOf(changes);
        this.safetyReconfirm = safetyReconfirm;
        this.itemsBefore = List.copyOf(itemsBefore);
    }
}

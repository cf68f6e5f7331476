package org.rehabit.session.outcome;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.rehabit.support.outcome.Item;
import org.rehabit.support.outcome.ScoringRule;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An instrument version assigned to a patient on a schedule. What scoring needs is pinned here when it is assigned
 * (items, rule, MCID), so later catalog versions never change how this patient's answers are scored.
 */
@Entity
@Table(name = "outcome_assignment")
public class OutcomeAssignment {

    /** Whether responses are still taken. */
    public enum Status { ACTIVE, CANCELLED }

    @Id
    UUID id;

    @Column(name = "clinic_id", nullable = false)
    UUID clinicId;

    @Column(name = "patient_id", nullable = false)
    UUID patientId;

    @Column(name = "instrument_slug", nullable = false, length = 64)
    String instrumentSlug;

    @Column(name = "instrument_version", nullable = false)
    int instrumentVersion;

    @Column(name = "instrument_name", nullable = false, length = 200)
    String instrumentName;

    @Column(length = 32)
    String abbreviation;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    List<Item> items;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    ScoringRule scoring;

    Double mcid;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    OutcomeSchedule schedule;

    @Column(name = "every_weeks")
    Integer everyWeeks;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    Status status;

    @Column(name = "assigned_at", nullable = false)
    Instant assignedAt;

    @Column(name = "assigned_by", nullable = false)
    String assignedBy;

    @Column(name = "cancelled_at")
    Instant cancelledAt;

    @Column(name = "cancelled_by")
    String cancelledBy;

    @Version
    @Column(nullable = false)
    long revision;

    protected OutcomeAssignment() {
    }

    OutcomeAssignment(UUID clinicId, UUID patientId, String slug, int version, String name, String abbreviation,
                      List<Item> items, ScoringRule scoring, Double mcid, OutcomeSchedule schedule, Integer everyWeeks,
                      String assignedBy, Instant assignedAt) {
        this.id = UUID.randomUUID();
        this.clinicId = clinicId;
        this.patientId = patientId;
        this.instrumentSlug = slug;
        this.instrumentVersion = version;
        this.instrumentName = name;
        this.abbreviation = abbreviation;
        this.items = List.copyOf(items);
        this.scoring = scoring;
        this.mcid = mcid;
        this.schedule = schedule;
        this.everyWeeks = everyWeeks;
        this.status = Status.ACTIVE;
        this.assignedBy = assignedBy;
        this.assignedAt = assignedAt;
    }

    /** The name to show: the abbreviation where there is one. */
    String shortName() {
        return abbreviation == null || abbreviation.isBlank() ? instrumentName : abbreviation;
    }
}

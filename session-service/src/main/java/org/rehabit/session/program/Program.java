package org.rehabit.session.program;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A patient's assignment: pinned exercises with doses, a schedule, and where it is in its life. */
@Entity
@Table(name = "program")
public class Program {

    @Id
    UUID id;

    @Column(name = "clinic_id", nullable = false)
    UUID clinicId;

    @Column(name = "patient_id", nullable = false)
    UUID patientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    ProgramStatus status;

    @Column(name = "template_slug", length = 80)
    String templateSlug;

    @Column(name = "sessions_per_week", nullable = false)
    short sessionsPerWeek;

    @Column(name = "start_date", nullable = false)
    LocalDate startDate;

    @Column(name = "end_date")
    LocalDate endDate;

    @Column(length = 2000)
    String notes;

    @Column(name = "safety_confirmed_at")
    Instant safetyConfirmedAt;

    @Column(name = "safety_confirmed_by")
    String safetyConfirmedBy;

    @Column(name = "assigned_by", nullable = false)
    String assignedBy;

    @Column(name = "ended_at")
    Instant endedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "program_item", joinColumns = @JoinColumn(name = "program_id"))
    @OrderColumn(name = "position")
    List<ProgramItem> items = new ArrayList<>();

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "program_pause", joinColumns = @JoinColumn(name = "program_id"))
    List<ProgramPause> pauses = new ArrayList<>();

    /** Earlier sessions-per-week rates, oldest first (see {@link FrequencyPeriod}); none if never changed. */
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "program_frequency", joinColumns = @JoinColumn(name = "program_id"))
    @jakarta.persistence.OrderBy("untilDate")
    List<FrequencyPeriod> earlierFrequencies = new ArrayList<>();

    @Version
    @Column(nullable = false)
    long revision;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    protected Program() {
    }

    Program(UUID clinicId, UUID patientId, String templateSlug, int sessionsPerWeek, LocalDate startDate,
            LocalDate endDate, String notes, String assignedBy, List<ProgramItem> items, Instant now) {
        this.id = UUID.randomUUID();
        this.clinicId = clinicId;
        this.patientId = patientId;
        this.status = ProgramStatus.ACTIVE;
        this.templateSlug = templateSlug;
        this.sessionsPerWeek = (short) sessionsPerWeek;
        this.startDate = startDate;
        this.endDate = endDate;
        this.notes = notes;
        this.assignedBy = assignedBy;
        this.items = new ArrayList<>(items);
        this.createdAt = now;
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public ProgramStatus status() {
        return status;
    }

    /** The program's ETag: its version, which moves on with every change. */
    public String etag() {
        return org.rehabit.support.IfMatch.etag(revision);
    }

    public boolean safetyConfirmed() {
        return safetyConfirmedAt != null;
    }

    public Optional<ProgramItem> item(UUID itemId) {
        return items.stream().filter(i -> i.id.equals(itemId)).findFirst();
    }
}

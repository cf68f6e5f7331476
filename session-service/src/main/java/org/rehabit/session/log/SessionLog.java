package org.rehabit.session.log;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.id.uuid.UuidVersion7Strategy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A session the patient did, as logged. Written once and never changed: a correction is a new log that
 * names the one it corrects.
 */
@Entity
@Immutable
@Table(name = "session_log")
public class SessionLog {

    @Id
    UUID id;

    @Column(name = "clinic_id", nullable = false)
    UUID clinicId;

    @Column(name = "patient_id", nullable = false)
    UUID patientId;

    @Column(name = "program_id", nullable = false)
    UUID programId;

    @Column(name = "performed_at", nullable = false)
    Instant performedAt;

    @Column(name = "utc_offset_minutes", nullable = false)
    short utcOffsetMinutes;

    @Column(name = "local_date", nullable = false)
    LocalDate localDate;

    @Column(name = "pain_before")
    Short painBefore;

    @Column(name = "pain_after")
    Short painAfter;

    @Column(name = "perceived_difficulty")
    Short perceivedDifficulty;

    @Column(name = "duration_seconds")
    Integer durationSeconds;

    @Column(length = 2000)
    String notes;

    /** At least one item was DONE: only such sessions count as done (adherence, streak, inactivity). */
    @Column(name = "work_done", nullable = false)
    boolean workDone;

    @Column(name = "corrects_id")
    UUID correctsId;

    @Column(name = "logged_by", nullable = false)
    String loggedBy;

    @Column(name = "idempotency_key", nullable = false, length = 128)
    String idempotencyKey;

    @Column(name = "request_hash", nullable = false, length = 64)
    String requestHash;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "session_item", joinColumns = @JoinColumn(name = "session_id"))
    @OrderColumn(name = "position")
    List<SessionItem> items = new ArrayList<>();

    protected SessionLog() {
    }

    /**
     * A new log's id: a version 7 UUID (RFC 9562: the time in milliseconds, then a counter and random bits), so that
     * ids grow with time and a new log's entries land at the end of the primary key and of session_item's, the
     * busiest indexes a log writes, rather than on a random page of each (more pages read, dirtied and written to the
     * WAL whole after each checkpoint). Hibernate's generator, the one {@code @UuidGenerator(style = VERSION_7)}
     * uses: monotonic within this process. Ids made before (version 4) stay valid.
     */
    static UUID newId() {
        return UuidVersion7Strategy.INSTANCE.generateUuid(null);
    }

    SessionLog(UUID clinicId, UUID patientId, UUID programId, LogSessionRequest request, List<SessionItem> items,
               String loggedBy, String idempotencyKey, String requestHash, Instant now) {
        this.id = newId();
        this.clinicId = clinicId;
        this.patientId = patientId;
        this.programId = programId;
        this.performedAt = request.performedAt().toInstant();
        this.utcOffsetMinutes = (short) (request.performedAt().getOffset().getTotalSeconds() / 60);
        this.localDate = request.performedAt().toLocalDate();
        this.painBefore = request.painBefore().shortValue();
        this.painAfter = request.painAfter().shortValue();
        this.perceivedDifficulty = request.perceivedDifficulty() == null ? null
                : request.perceivedDifficulty().shortValue();
        this.durationSeconds = request.durationSeconds();
        this.notes = request.notes() == null || request.notes().isBlank() ? null : request.notes().strip();
        this.correctsId = request.correctsId();
        this.loggedBy = loggedBy;
        this.idempotencyKey = idempotencyKey;
        this.requestHash = requestHash;
        this.createdAt = now;
        this.items = new ArrayList<>(items);
        this.workDone = items.stream().anyMatch(item -> item.status == ItemStatus.DONE);
    }
}

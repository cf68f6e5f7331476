package org.rehabit.session.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/**
 * Something about a patient a physio should look at: one open alert per patient and rule, carrying its occurrences
 * (one per cause, see {@link AlertRepository}); acknowledged once, with an optional note, which closes the group.
 */
@Entity
@Table(name = "alert")
public class Alert {

    /** Where an alert is. */
    public enum Status { OPEN, ACKNOWLEDGED }

    @Id
    UUID id;

    @Column(name = "clinic_id", nullable = false)
    UUID clinicId;

    @Column(name = "patient_id", nullable = false)
    UUID patientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    AlertRule rule;

    @Column(name = "cause_key", nullable = false, length = 200)
    String causeKey;

    @Column(name = "session_id")
    UUID sessionId;

    @Column(name = "program_id")
    UUID programId;

    @Column(nullable = false, length = 500)
    String detail;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    Status status;

    @Column(name = "raised_at", nullable = false)
    Instant raisedAt;

    @Column(name = "last_raised_at", nullable = false)
    Instant lastRaisedAt;

    @Column(nullable = false)
    int occurrences;

    @Column(name = "acknowledged_note", length = 500)
    String acknowledgedNote;

    @Column(name = "acknowledged_at")
    Instant acknowledgedAt;

    @Column(name = "acknowledged_by")
    String acknowledgedBy;

    @Version
    @Column(nullable = false)
    long revision;

    protected Alert() {
    }
}

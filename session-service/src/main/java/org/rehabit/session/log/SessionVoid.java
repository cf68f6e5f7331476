package org.rehabit.session.log;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A session log voided as logged in error: the log stays (append-only) and this row says who voided it, when and
 * why. Inserting it takes the log out of every figure (migration V17's trigger on the dashboard rollup; the
 * progress queries leave voided logs out).
 */
@Entity
@Table(name = "session_void")
public class SessionVoid {

    @Id
    @Column(name = "session_id")
    UUID sessionId;

    @Column(name = "patient_id", nullable = false)
    UUID patientId;

    @Column(name = "clinic_id", nullable = false)
    UUID clinicId;

    @Column(name = "voided_at", nullable = false)
    Instant voidedAt;

    @Column(name = "voided_by", nullable = false)
    String voidedBy;

    @Column(nullable = false, length = 500)
    String reason;

    protected SessionVoid() {
    }

    SessionVoid(SessionLog log, String voidedBy, String reason, Instant now) {
        this.sessionId = log.id;
        this.patientId = log.patientId;
        this.clinicId = log.clinicId;
        this.voidedBy = voidedBy;
        this.reason = reason;
        this.voidedAt = now;
    }
}

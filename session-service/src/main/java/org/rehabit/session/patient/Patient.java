package org.rehabit.session.patient;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/** A patient of one clinic. The display name may be a pseudonym; the external reference is the clinic's own. */
@Entity
@Table(name = "patient")
public class Patient {

    @Id
    UUID id;

    @Column(name = "clinic_id", nullable = false)
    UUID clinicId;

    @Column(name = "display_name", nullable = false, length = 120)
    String displayName;

    @Column(name = "external_ref", length = 64)
    String externalRef;

    /** {@link NameKey} of the display name: what the patient list and the dashboard sort and search by. */
    @Column(name = "name_key", nullable = false, columnDefinition = "text")
    String nameKey;

    /** {@link NameKey} of the external reference, searched as the name is. */
    @Column(name = "ref_key", columnDefinition = "text")
    String refKey;

    @Column(name = "date_of_birth")
    LocalDate dateOfBirth;

    @Column(nullable = false, length = 64)
    String timezone;

    /** The subject of the assigned physio: a known staff member of the clinic (V15's clinic_staff), or none. */
    @Column(name = "physio_id")
    String physioId;

    /** The free-text physio a patient had before V15 that matches no known staff member (yet): kept, shown. */
    @Column(name = "physio_legacy")
    String physioLegacy;

    /** ACTIVE or DISCHARGED (V17). */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    PatientStatus status = PatientStatus.ACTIVE;

    @Column(name = "discharged_on")
    LocalDate dischargedOn;

    @Column(name = "discharged_at")
    Instant dischargedAt;

    @Column(name = "discharged_by")
    String dischargedBy;

    @Column(name = "discharge_reason", length = 500)
    String dischargeReason;

    /** The last day (in the patient's time zone) the patient's own token is accepted, once discharged. */
    @Column(name = "access_ends_on")
    LocalDate accessEndsOn;

    @Version
    @Column(nullable = false)
    long revision;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    protected Patient() {
    }

    Patient(UUID clinicId, PatientInput input, String physioId, Instant now) {
        this.id = UUID.randomUUID();
        this.clinicId = clinicId;
        this.createdAt = now;
        write(input, physioId, now);
    }

    void write(PatientInput input, String physioId, Instant now) {
        this.displayName = input.displayName().strip();
        this.externalRef = input.externalRef() == null || input.externalRef().isBlank() ? null
                : input.externalRef().strip();
        this.nameKey = NameKey.of(displayName);
        this.refKey = NameKey.of(externalRef);
        this.dateOfBirth = input.dateOfBirth();
        this.timezone = input.timezone();
        assign(physioId, now);
    }

    /** Assigns the patient to a known staff member's subject (checked by the caller); the legacy note goes. */
    void assign(String physioId, Instant now) {
        if (physioId != null && !physioId.equals(this.physioId)) {
            this.physioLegacy = null;
        }
        this.physioId = physioId;
        this.updatedAt = now;
    }

    /** Discharged: the day, who, why, and the last day of the patient's own access. */
    void discharge(LocalDate on, String by, String reason, LocalDate accessEnds, Instant now) {
        this.status = PatientStatus.DISCHARGED;
        this.dischargedOn = on;
        this.dischargedAt = now;
        this.dischargedBy = by;
        this.dischargeReason = reason;
        this.accessEndsOn = accessEnds;
        this.updatedAt = now;
    }

    /** Active again: the discharge is cleared (the audit trail keeps that it happened). */
    void reactivate(Instant now) {
        this.status = PatientStatus.ACTIVE;
        this.dischargedOn = null;
        this.dischargedAt = null;
        this.dischargedBy = null;
        this.dischargeReason = null;
        this.accessEndsOn = null;
        this.updatedAt = now;
    }

    /** When the patient was discharged, or null while they are not. */
    public Instant dischargedAt() {
        return status == PatientStatus.DISCHARGED ? dischargedAt : null;
    }

    public PatientStatus status() {
        return status;
    }

    public UUID id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public UUID clinicId() {
        return clinicId;
    }

    public ZoneId zone() {
        return ZoneId.of(timezone);
    }
}

package org.rehabit.session.patient;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
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

package org.rehabit.session.patient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A patient as clients read them.
 *
 * @param physioId     the subject of the assigned physio, a known staff member of the clinic (see the staff list);
 *                     null when none is assigned
 * @param legacyPhysio what was typed as the physio before assignments were checked, when it matched no known staff
 *                     member: kept for a clinic-admin to reassign by; null otherwise
 */
public record PatientView(UUID id, UUID clinicId, String displayName, String externalRef, LocalDate dateOfBirth,
                          String timezone, String physioId, String legacyPhysio, Instant createdAt,
                          Instant updatedAt) {

    static PatientView of(Patient p) {
        return new PatientView(p.id, p.clinicId, p.displayName, p.externalRef, p.dateOfBirth, p.timezone,
                p.physioId, p.physioLegacy, p.createdAt, p.updatedAt);
    }
}

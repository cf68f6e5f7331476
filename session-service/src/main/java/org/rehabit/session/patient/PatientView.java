package org.rehabit.session.patient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A patient as clients read them. */
public record PatientView(UUID id, UUID clinicId, String displayName, String externalRef, LocalDate dateOfBirth,
                          String timezone, String physioId, Instant createdAt, Instant updatedAt) {

    static PatientView of(Patient p) {
        return new PatientView(p.id, p.clinicId, p.displayName, p.externalRef, p.dateOfBirth, p.timezone,
                p.physioId, p.createdAt, p.updatedAt);
    }
}

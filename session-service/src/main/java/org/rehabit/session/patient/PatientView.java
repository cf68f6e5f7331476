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
 * @param status       ACTIVE or DISCHARGED
 * @param discharge    when, by whom and why the patient was discharged, and the last day of their own access;
 *                     null while active
 */
public record PatientView(UUID id, UUID clinicId, String displayName, String externalRef, LocalDate dateOfBirth,
                          String timezone, String physioId, String legacyPhysio, Instant createdAt,
                          Instant updatedAt, PatientStatus status, Discharge discharge) {

    /** A discharge: the day (the patient's time zone), who, why, and the last day the patient's token is accepted. */
    public record Discharge(LocalDate dischargedOn, Instant dischargedAt, String dischargedBy, String reason,
                            LocalDate accessEndsOn) {
    }

    public static PatientView of(Patient p) {
        return new PatientView(p.id, p.clinicId, p.displayName, p.externalRef, p.dateOfBirth, p.timezone,
                p.physioId, p.physioLegacy, p.createdAt, p.updatedAt, p.status,
                p.status == PatientStatus.DISCHARGED ? new Discharge(p.dischargedOn, p.dischargedAt, p.dischargedBy,
                        p.dischargeReason, p.accessEndsOn) : null);
    }
}

package org.rehabit.session.identity;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, as the verified token says: the one source of clinic, role and patient id for every
 * rule and query of this service. Nothing a client sends in a header or body can change it.
 *
 * @param subject   the token's {@code sub}
 * @param clinicId  the clinic whose data the caller may reach
 * @param patientId for patients, the only patient whose records they may reach
 */
public record Caller(String subject, Set<String> roles, UUID clinicId, Optional<UUID> patientId) {

    public boolean isStaff() {
        return roles.contains(Role.PHYSIO) || roles.contains(Role.CLINIC_ADMIN);
    }

    public boolean isPatient() {
        return !isStaff() && roles.contains(Role.PATIENT);
    }

    /** Whether this caller may see the records of {@code patient} of their own clinic. */
    public boolean mayReach(UUID patient) {
        return isStaff() || patientId.map(patient::equals).orElse(false);
    }
}

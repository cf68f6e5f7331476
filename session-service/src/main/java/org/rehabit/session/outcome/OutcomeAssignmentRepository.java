package org.rehabit.session.outcome;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A patient's outcome-measure assignments. */
@ApplicationScoped
public class OutcomeAssignmentRepository implements PanacheRepositoryBase<OutcomeAssignment, UUID> {

    /** The assignment of this patient, or empty (another patient's id answers like an unknown one). */
    public Optional<OutcomeAssignment> ofPatient(UUID patientId, UUID id) {
        return find("id = ?1 and patientId = ?2", id, patientId).firstResultOptional();
    }

    /** The same, locked: responses to one assignment are taken one at a time, so baseline and previous hold. */
    public Optional<OutcomeAssignment> lockOfPatient(UUID patientId, UUID id) {
        return find("id = ?1 and patientId = ?2", id, patientId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /** Every assignment of a patient, oldest first. */
    public List<OutcomeAssignment> allOfPatient(UUID patientId) {
        return list("patientId = ?1 order by assignedAt, id", patientId);
    }
}

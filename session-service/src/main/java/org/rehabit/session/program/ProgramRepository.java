package org.rehabit.session.program;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Programs of a patient. */
@ApplicationScoped
public class ProgramRepository implements PanacheRepositoryBase<Program, UUID> {

    public Optional<Program> findOfPatient(UUID patientId, UUID programId) {
        return find("id = ?1 and patientId = ?2", programId, patientId).firstResultOptional();
    }

    /** The patient's open (active or paused) program; there is at most one. */
    public Optional<Program> open(UUID patientId) {
        return find("patientId = ?1 and status in ?2", patientId,
                List.of(ProgramStatus.ACTIVE, ProgramStatus.PAUSED)).firstResultOptional();
    }

    public List<Program> ofPatient(UUID patientId) {
        return list("patientId = ?1 order by createdAt desc", patientId);
    }
}

package org.rehabit.session.program;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** The recorded changes of programs. */
@ApplicationScoped
public class ProgramChangeRepository implements PanacheRepositoryBase<ProgramChange, UUID> {

    public List<ProgramChange> ofProgram(UUID programId) {
        return list("programId = ?1 order by changedAt, revision", programId);
    }
}

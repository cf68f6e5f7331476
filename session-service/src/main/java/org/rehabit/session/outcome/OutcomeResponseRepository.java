package org.rehabit.session.outcome;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Responses to outcome measures. */
@ApplicationScoped
public class OutcomeResponseRepository implements PanacheRepositoryBase<OutcomeResponse, UUID> {

    /** An assignment's responses, oldest first. */
    public List<OutcomeResponse> ofAssignment(UUID assignmentId) {
        return list("assignmentId = ?1 order by number", assignmentId);
    }

    /** How many responses each of a patient's assignments has and when the last came, in one query. */
    public Map<UUID, Answered> answeredByAssignment(UUID patientId) {
        List<Object[]> rows = getEntityManager().createQuery("""
                        select r.assignmentId, count(r), max(r.answeredAt) from OutcomeResponse r
                        where r.patientId = :patient group by r.assignmentId""", Object[].class)
                .setParameter("patient", patientId)
                .getResultList();
        Map<UUID, Answered> byAssignment = new HashMap<>();
        for (Object[] row : rows) {
            byAssignment.put((UUID) row[0], new Answered(((Number) row[1]).intValue(), (Instant) row[2]));
        }
        return byAssignment;
    }

    /** How often an assignment was answered, and when last. */
    public record Answered(int count, Instant last) {
        static final Answered NEVER = new Answered(0, null);
    }
}

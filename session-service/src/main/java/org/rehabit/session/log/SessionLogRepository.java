package org.rehabit.session.log;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/** Session logs of a patient. */
@ApplicationScoped
public class SessionLogRepository implements PanacheRepositoryBase<SessionLog, UUID> {

    public Optional<SessionLog> findByKey(UUID patientId, String idempotencyKey) {
        return find("patientId = ?1 and idempotencyKey = ?2", patientId, idempotencyKey).firstResultOptional();
    }

    public Optional<SessionLog> findOfPatient(UUID patientId, UUID id) {
        return find("id = ?1 and patientId = ?2", id, patientId).firstResultOptional();
    }

    public Optional<SessionLog> correctionOf(UUID id) {
        return find("correctsId", id).firstResultOptional();
    }

    /** A patient's logs whose local date is within [from, to] (either may be null), newest first. */
    public PanacheQuery<SessionLog> between(UUID patientId, LocalDate from, LocalDate to) {
        return find("patientId = :patient and localDate >= :from and localDate <= :to "
                        + "order by performedAt desc, id",
                Parameters.with("patient", patientId)
                        .and("from", from == null ? LocalDate.of(1900, 1, 1) : from)
                        .and("to", to == null ? LocalDate.of(9999, 12, 31) : to));
    }
}

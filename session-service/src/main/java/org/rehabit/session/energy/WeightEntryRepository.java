package org.rehabit.session.energy;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A patient's weight entries (reach the patient through {@code PatientService.require} first). */
@ApplicationScoped
public class WeightEntryRepository implements PanacheRepositoryBase<WeightEntry, UUID> {

    public Optional<WeightEntry> findOfPatient(UUID patientId, UUID id) {
        return find("id = ?1 and patientId = ?2", id, patientId).firstResultOptional();
    }

    public Optional<WeightEntry> findOn(UUID patientId, LocalDate day) {
        return find("patientId = ?1 and measuredOn = ?2", patientId, day).firstResultOptional();
    }

    /** Entries measured within [from, to] (either may be null), oldest first; served by the one-per-day index. */
    public List<WeightEntry> between(UUID patientId, LocalDate from, LocalDate to) {
        return find("patientId = :patient and measuredOn >= :from and measuredOn <= :to order by measuredOn",
                Parameters.with("patient", patientId)
                        .and("from", from == null ? LocalDate.of(1900, 1, 1) : from)
                        .and("to", to == null ? LocalDate.of(9999, 12, 31) : to))
                .list();
    }
}

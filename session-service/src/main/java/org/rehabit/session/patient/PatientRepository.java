package org.rehabit.session.patient;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/** Patients, always within one clinic. */
@ApplicationScoped
public class PatientRepository implements PanacheRepositoryBase<Patient, UUID> {

    /** A patient's status and the last day of their own access (null while active), without loading them. */
    public Optional<PatientAccess> access(UUID id, UUID clinicId) {
        return getEntityManager().createQuery("select new org.rehabit.session.patient.PatientAccess("
                        + "p.status, p.accessEndsOn, p.dischargedOn, p.timezone) from Patient p "
                        + "where p.id = ?1 and p.clinicId = ?2", PatientAccess.class)
                .setParameter(1, id).setParameter(2, clinicId)
                .getResultStream().findFirst();
    }

    public Optional<Patient> findInClinic(UUID id, UUID clinicId) {
        return find("id = ?1 and clinicId = ?2", id, clinicId).firstResultOptional();
    }

    public boolean referenceTaken(UUID clinicId, String externalRef, UUID except) {
        return externalRef != null && count("clinicId = ?1 and externalRef = ?2 and id <> ?3", clinicId, externalRef,
                except == null ? new UUID(0, 0) : except) > 0;
    }

    /**
     * A clinic's patients whose name or reference contains {@code text} (all when null), by name: both compared
     * by their {@link NameKey}s (stored in the "C" collation: byte order, the same on every server); only those
     * assigned to {@code physio} when it is not null; only those in {@code status} when it is not null.
     */
    public PanacheQuery<Patient> search(UUID clinicId, String text, String physio, PatientStatus status) {
        Parameters parameters = Parameters.with("clinic", clinicId);
        StringBuilder query = new StringBuilder("clinicId = :clinic");
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        if (physio != null) {
            query.append(" and physioId = :physio");
            parameters.and("physio", physio);
        }
        if (text != null && !text.isBlank()) {
            query.append(" and (locate(:needle, nameKey) > 0 or locate(:needle, refKey) > 0)");
            parameters.and("needle", NameKey.of(text.strip()));
        }
        return find(query.append(" order by nameKey, id").toString(), parameters);
    }
}

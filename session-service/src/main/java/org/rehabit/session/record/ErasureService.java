package org.rehabit.session.record;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.rehabit.session.audit.AuditRequest;
import org.rehabit.session.identity.Caller;
import org.rehabit.session.patient.PatientService;
import org.rehabit.support.InvalidInput;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Erasure on request: every row about one patient in every table of the session database goes, in one
 * transaction, the audit trail's included; the trail keeps one row saying that an erasure happened, by whom and
 * when, in which clinic, without the patient's id. The session logs and audit rows, otherwise append-only, may be
 * deleted only for the patient the transaction names in {@code rehabit.erasing_patient} (migration V17).
 */
@ApplicationScoped
public class ErasureService {

    /**
     * What is deleted, in an order the foreign keys allow, each statement over the patient {@code :patient} of the
     * clinic {@code :clinic}. A table added with patient data must be added here (ErasureTest finds any it misses).
     */
    static final List<String> DELETIONS = List.of(
            "DELETE FROM outcome_response WHERE patient_id = :patient",
            "DELETE FROM outcome_assignment WHERE patient_id = :patient",
            "DELETE FROM alert_occurrence WHERE patient_id = :patient",
            "DELETE FROM alert WHERE patient_id = :patient",
            "DELETE FROM session_void WHERE patient_id = :patient",
            "DELETE FROM session_item WHERE session_id IN (SELECT id FROM session_log WHERE patient_id = :patient)",
            "DELETE FROM session_log WHERE patient_id = :patient",
            "DELETE FROM patient_day WHERE patient_id = :patient",
            "DELETE FROM patient_figures WHERE patient_id = :patient",
            "DELETE FROM patient_refresh WHERE patient_id = :patient",
            "DELETE FROM program_change WHERE program_id IN (SELECT id FROM program WHERE patient_id = :patient)",
            "DELETE FROM program_frequency WHERE program_id IN (SELECT id FROM program WHERE patient_id = :patient)",
            "DELETE FROM program_pause WHERE program_id IN (SELECT id FROM program WHERE patient_id = :patient)",
            "DELETE FROM program_item WHERE program_id IN (SELECT id FROM program WHERE patient_id = :patient)",
            "DELETE FROM program WHERE patient_id = :patient",
            "DELETE FROM weight_entry WHERE patient_id = :patient",
            "DELETE FROM energy_profile WHERE patient_id = :patient",
            // stored answers of idempotent requests (a registration, an assignment, a weight...) that name the
            // patient in their body or Location, or were made with a token whose subject names them
            """
            DELETE FROM idempotent_request WHERE clinic_id = :clinic
              AND (strpos(body, CAST(:patient AS text)) > 0 OR strpos(location, CAST(:patient AS text)) > 0
                   OR strpos(subject, CAST(:patient AS text)) > 0)""",
            "DELETE FROM audit_event WHERE patient_id = :patient",
            "DELETE FROM patient WHERE id = :patient AND clinic_id = :clinic");

    private final PatientService patients;
    private final EntityManager em;
    private final Clock clock;

    public ErasureService(PatientService patients, EntityManager em, Clock clock) {
        this.patients = patients;
        this.em = em;
        this.clock = clock;
    }

    /** Erases the patient (a clinic-admin of their clinic; confirmPatientId must repeat the id, 400 otherwise). */
    @Transactional
    public ErasureView erase(Caller caller, UUID patientId, ErasureRequest request) {
        UUID id = patients.require(caller, patientId).id();
        if (!id.equals(request.confirmPatientId())) {
            throw InvalidInput.of("confirmPatientId", "must repeat the id of the patient to erase");
        }
        em.flush();
        em.clear(); // nothing loaded may be written back after its rows are gone
        em.createNativeQuery("SELECT set_config('rehabit.erasing_patient', CAST(:patient AS text), true)")
                .setParameter("patient", id).getSingleResult();
        long deleted = 0;
        for (String deletion : DELETIONS) {
            var query = em.createNativeQuery(deletion).setParameter("patient", id);
            if (deletion.contains(":clinic")) {
                query.setParameter("clinic", caller.clinicId());
            }
            deleted += query.executeUpdate();
        }
        em.createNativeQuery("SELECT set_config('rehabit.erasing_patient', '', true)").getSingleResult();
        // the request's own audit row: that an erasure happened, by whom, when, in which clinic; not whom
        AuditRequest.concernsPatient(null);
        return new ErasureView(id, clock.instant().truncatedTo(ChronoUnit.MICROS), deleted);
    }
}

package org.rehabit.session.alert;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Alerts of a clinic. Raising is an {@code INSERT ... ON CONFLICT DO NOTHING} on the (clinic, rule, cause)
 * key, so the same cause never raises twice, whoever raises it and however often.
 */
@ApplicationScoped
public class AlertRepository implements PanacheRepositoryBase<Alert, UUID> {

    public Optional<Alert> findInClinic(UUID id, UUID clinicId) {
        return find("id = ?1 and clinicId = ?2", id, clinicId).firstResultOptional();
    }

    public PanacheQuery<Alert> ofClinic(UUID clinicId, Alert.Status status) {
        return status == null
                ? find("clinicId = ?1 order by raisedAt desc, id", clinicId)
                : find("clinicId = ?1 and status = ?2 order by raisedAt desc, id", clinicId, status);
    }

    /** Raises an alert for a session unless its cause raised one already; true when this call raised it. */
    public boolean raiseForSession(UUID clinicId, UUID patientId, AlertRule rule, UUID causeSession, UUID sessionId,
                                   UUID programId, String detail, Instant now) {
        return getEntityManager().createNativeQuery("""
                        INSERT INTO alert (id, clinic_id, patient_id, rule, cause_key, session_id, program_id, detail,
                                           status, raised_at, revision)
                        VALUES (gen_random_uuid(), :clinic, :patient, :rule, :cause, :session, :program, :detail,
                                'OPEN', :now, 0)
                        ON CONFLICT (clinic_id, rule, cause_key) DO NOTHING
                        """)
                .setParameter("clinic", clinicId)
                .setParameter("patient", patientId)
                .setParameter("rule", rule.name())
                .setParameter("cause", "session:" + causeSession)
                .setParameter("session", sessionId)
                .setParameter("program", programId)
                .setParameter("detail", detail)
                .setParameter("now", now)
                .executeUpdate() == 1;
    }

    /**
     * Raises INACTIVE for every active program, up to its end date, whose patient has had no session with work done
     * (an item DONE; a corrected log counts as its correction), nor a start or a resume, for their clinic's number
     * of days, counted in the patient's own time zone. The cause is the program and the
     * day activity stopped, so a new gap after a new session raises anew. Returns how many were raised.
     */
    public int raiseInactivity(Instant now) {
        return getEntityManager().createNativeQuery("""
                        INSERT INTO alert (id, clinic_id, patient_id, rule, cause_key, program_id, detail, status,
                                           raised_at, revision)
                        SELECT gen_random_uuid(), p.clinic_id, p.patient_id, 'INACTIVE',
                               'program:' || p.id || ':since:' || quiet.since, p.id,
                               'No session since ' || quiet.since || ' (' || coalesce(s.inactivity_days, :days)
                                   || ' days or more) while the program is active',
                               'OPEN', :now, 0
                        FROM program p
                        JOIN patient pt ON pt.id = p.patient_id
                        LEFT JOIN clinic_settings s ON s.clinic_id = p.clinic_id
                        CROSS JOIN LATERAL (
                            SELECT greatest(p.start_date,
                                            (SELECT max(l.local_date) FROM session_log l
                                             WHERE l.patient_id = p.patient_id AND l.work_done
                                               AND NOT EXISTS (SELECT 1 FROM session_log c
                                                               WHERE c.corrects_id = l.id)),
                                            (SELECT max((pp.resumed_at AT TIME ZONE pt.timezone)::date)
                                             FROM program_pause pp WHERE pp.program_id = p.id)) AS since
                        ) quiet
                        WHERE p.status = 'ACTIVE'
                          -- a program is over after its end date: no inactivity then
                          AND (p.end_date IS NULL
                               OR p.end_date >= (CAST(:now AS timestamptz) AT TIME ZONE pt.timezone)::date)
                          AND quiet.since <= (CAST(:now AS timestamptz) AT TIME ZONE pt.timezone)::date
                                             - coalesce(s.inactivity_days, :days)
                        ON CONFLICT (clinic_id, rule, cause_key) DO NOTHING
                        """)
                .setParameter("now", now)
                .setParameter("days", AlertSettings.DEFAULT_INACTIVITY_DAYS)
                .executeUpdate();
    }

    public long openCount(UUID clinicId) {
        return count("clinicId = ?1 and status = ?2", clinicId, Alert.Status.OPEN);
    }
}

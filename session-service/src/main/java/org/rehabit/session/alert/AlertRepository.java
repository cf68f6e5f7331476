package org.rehabit.session.alert;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Alerts of a clinic, grouped: one open alert per patient and rule, with one occurrence per cause. The same cause
 * never counts twice, whoever raises it and however often.
 */
@ApplicationScoped
public class AlertRepository implements PanacheRepositoryBase<Alert, UUID> {

    /**
     * An alert of a clinic, locked for acknowledging: a raise adding to the group waits, then (the alert no longer OPEN) opens a
     * new one; an acknowledgement waiting for a raise closes the group with its new occurrence.
     */
    public Optional<Alert> lockInClinic(UUID id, UUID clinicId) {
        return find("id = ?1 and clinicId = ?2", id, clinicId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /**
     * Newest raised first (a group that has just had an occurrence comes to the top), in a status and of a patient
     * when given (null: any).
     */
    public PanacheQuery<Alert> ofClinic(UUID clinicId, Alert.Status status, UUID patientId) {
        StringBuilder where = new StringBuilder("clinicId = :clinic");
        Parameters parameters = Parameters.with("clinic", clinicId);
        if (status != null) {
            where.append(" and status = :status");
            parameters.and("status", status);
        }
        if (patientId != null) {
            where.append(" and patientId = :patient");
            parameters.and("patient", patientId);
        }
        return find(where + " order by lastRaisedAt desc, id", parameters);
    }

    /**
     * Records an occurrence of a rule for a session unless its cause was recorded already; true when this call
     * recorded it. The occurrence joins the patient's open alert of that rule, or opens one.
     */
    public boolean raiseForSession(UUID clinicId, UUID patientId, AlertRule rule, UUID causeSession, UUID sessionId,
                                   UUID programId, String detail, Instant now) {
        return raise(clinicId, patientId, rule, "session:" + causeSession, sessionId, programId, detail, now);
    }

    /**
     * Records an outcome-measure response worse than its baseline by at least the MCID, once per response: it joins
     * the patient's open OUTCOME_WORSE alert, or opens one.
     */
    public boolean raiseForOutcome(UUID clinicId, UUID patientId, UUID assignmentId, UUID responseId, String detail,
                                   Instant now) {
        return raise(clinicId, patientId, AlertRule.OUTCOME_WORSE, "outcome:" + assignmentId + ":" + responseId, null,
                null, detail, now);
    }

    /**
     * Raising: the occurrence is inserted first ({@code ON CONFLICT DO NOTHING} on its clinic, rule and cause, so a
     * cause counts once, whoever raises it and however often); only a new one then opens the patient's group for the
     * rule or adds to it ({@code ON CONFLICT} on the partial unique index of open alerts, so concurrent raises leave
     * one open alert).
     */
    boolean raise(UUID clinicId, UUID patientId, AlertRule rule, String causeKey, UUID sessionId, UUID programId,
                  String detail, Instant now) {
        var em = getEntityManager();
        @SuppressWarnings("unchecked")
        var occurrence = (java.util.List<Object>) cause(em.createNativeQuery("""
                        INSERT INTO alert_occurrence (id, clinic_id, patient_id, rule, cause_key, session_id, program_id,
                                                      detail, raised_at)
                        VALUES (gen_random_uuid(), :clinic, :patient, :rule, :cause, :session, :program, :detail, :now)
                        ON CONFLICT (clinic_id, rule, cause_key) DO NOTHING
                        RETURNING id
                        """), clinicId, patientId, rule, causeKey, sessionId, programId, detail, now)
                .getResultList();
        if (occurrence.isEmpty()) {
            return false;
        }
        cause(em.createNativeQuery("""
                        WITH grp AS (
                            INSERT INTO alert (id, clinic_id, patient_id, rule, cause_key, session_id, program_id,
                                               detail, status, raised_at, last_raised_at, occurrences, revision)
                            VALUES (gen_random_uuid(), :clinic, :patient, :rule, :cause, :session, :program, :detail,
                                    'OPEN', :now, :now, 1, 0)
                            ON CONFLICT (patient_id, rule) WHERE status = 'OPEN' DO UPDATE
                                SET occurrences    = alert.occurrences + 1,
                                    last_raised_at = greatest(alert.last_raised_at, excluded.last_raised_at),
                                    detail         = excluded.detail,
                                    session_id     = excluded.session_id,
                                    program_id     = excluded.program_id,
                                    revision       = alert.revision + 1
                            RETURNING id
                        )
                        UPDATE alert_occurrence SET alert_id = (SELECT id FROM grp) WHERE id = :occurrence
                        """), clinicId, patientId, rule, causeKey, sessionId, programId, detail, now)
                .setParameter("occurrence", occurrence.get(0))
                .executeUpdate();
        return true;
    }

    /** Binds what an occurrence and its group share: clinic, patient, rule, cause, session, program, detail, time. */
    private static Query cause(Query query, UUID clinicId, UUID patientId, AlertRule rule, String causeKey,
                               UUID sessionId, UUID programId, String detail, Instant now) {
        return query.setParameter("clinic", clinicId)
                .setParameter("patient", patientId)
                .setParameter("rule", rule.name())
                .setParameter("cause", causeKey)
                .setParameter("session", sessionId)
                .setParameter("program", programId)
                .setParameter("detail", detail)
                .setParameter("now", now);
    }

    /**
     * Raises INACTIVE for every active program, up to its end date, whose patient has had no session with work done
     * (an item DONE; a corrected log counts as its correction), nor a start or a resume, for their clinic's number
     * of days, counted in the patient's own time zone. The cause is the program and the
     * day activity stopped, so a new gap after a new session raises anew. Returns how many were raised.
     */
    public int raiseInactivity(Instant now) {
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> quiet = getEntityManager().createNativeQuery("""
                        SELECT p.clinic_id, p.patient_id, p.id,
                               'program:' || p.id || ':since:' || quiet.since,
                               'No session since ' || quiet.since || ' (' || coalesce(s.inactivity_days, :days)
                                   || ' days or more) while the program is active'
                        FROM program p
                        JOIN patient pt ON pt.id = p.patient_id
                        LEFT JOIN clinic_settings s ON s.clinic_id = p.clinic_id
                        CROSS JOIN LATERAL (
                            SELECT greatest(p.start_date,
                                            -- the latest such day: walks the patient's logs newest first
                                            -- and stops at the first that counts (max() read them all)
                                            (SELECT l.local_date FROM session_log l
                                             WHERE l.patient_id = p.patient_id AND l.work_done
                                               AND NOT EXISTS (SELECT 1 FROM session_log c
                                                               WHERE c.corrects_id = l.id)
                                               AND NOT EXISTS (SELECT 1 FROM session_void v
                                                               WHERE v.session_id = l.id)
                                             ORDER BY l.local_date DESC LIMIT 1),
                                            (SELECT max((pp.resumed_at AT TIME ZONE pt.timezone)::date)
                                             FROM program_pause pp WHERE pp.program_id = p.id)) AS since
                        ) quiet
                        WHERE p.status = 'ACTIVE'
                          -- a program is over after its end date: no inactivity then
                          AND (p.end_date IS NULL
                               OR p.end_date >= (CAST(:now AS timestamptz) AT TIME ZONE pt.timezone)::date)
                          AND quiet.since <= (CAST(:now AS timestamptz) AT TIME ZONE pt.timezone)::date
                                             - coalesce(s.inactivity_days, :days)
                          -- only causes not recorded yet
                          AND NOT EXISTS (SELECT 1 FROM alert_occurrence o
                                          WHERE o.clinic_id = p.clinic_id AND o.rule = 'INACTIVE'
                                            AND o.cause_key = 'program:' || p.id || ':since:' || quiet.since)
                        ORDER BY p.id
                        """)
                .setParameter("now", now)
                .setParameter("days", AlertSettings.DEFAULT_INACTIVITY_DAYS)
                .getResultList();
        int raised = 0;
        for (Object[] q : quiet) {
            if (raise((UUID) q[0], (UUID) q[1], AlertRule.INACTIVE, (String) q[3], null, (UUID) q[2], (String) q[4],
                    now)) {
                raised++;
            }
        }
        return raised;
    }

    /** The occurrences of the given alerts, newest first, in one query. */
    public Map<UUID, List<AlertView.Occurrence>> occurrences(List<UUID> alertIds) {
        if (alertIds.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                        SELECT alert_id, raised_at, detail, session_id FROM alert_occurrence
                        WHERE alert_id IN (:ids) ORDER BY alert_id, raised_at DESC, id
                        """)
                .setParameter("ids", alertIds)
                .getResultList();
        Map<UUID, List<AlertView.Occurrence>> byAlert = new HashMap<>();
        for (Object[] r : rows) {
            byAlert.computeIfAbsent((UUID) r[0], k -> new ArrayList<>())
                    .add(new AlertView.Occurrence(instant(r[1]), (String) r[2], (UUID) r[3]));
        }
        return byAlert;
    }

    private static Instant instant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        return ((java.sql.Timestamp) o).toInstant();
    }

    public long openCount(UUID clinicId) {
        return count("clinicId = ?1 and status = ?2", clinicId, Alert.Status.OPEN);
    }
}

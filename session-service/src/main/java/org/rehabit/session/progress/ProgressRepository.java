package org.rehabit.session.progress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The set-based queries behind progress and the clinic summary: one statement counts every week of every
 * patient asked for (no per-patient loop), each patient's weeks in their own time zone.
 */
@ApplicationScoped
public class ProgressRepository {

    private static final String WEEKS = """
            WITH bounds AS (
                SELECT pt.id AS patient_id, pt.timezone,
                       (CAST(:now AS timestamptz) AT TIME ZONE pt.timezone)::date AS today,
                       date_trunc('week', (CAST(:now AS timestamptz) AT TIME ZONE pt.timezone)::date)::date
                           - 7 * (:weeks - 1) AS start
                FROM patient pt
                WHERE pt.clinic_id = :clinic %s
            ),
            days AS (
                SELECT b.patient_id, b.timezone, d::date AS day, date_trunc('week', d)::date AS week_start
                FROM bounds b CROSS JOIN LATERAL generate_series(b.start, b.today, interval '1 day') d
            ),
            prescribed AS (
                SELECT d.patient_id, d.week_start, sum(p.sessions_per_week) / 7.0 AS prescribed
                FROM days d
                JOIN program p ON p.patient_id = d.patient_id
                     AND d.day >= p.start_date
                     AND (p.end_date IS NULL OR d.day <= p.end_date)
                     AND (p.ended_at IS NULL OR d.day <= (p.ended_at AT TIME ZONE d.timezone)::date)
                WHERE NOT EXISTS (
                    SELECT 1 FROM program_pause pp
                    WHERE pp.program_id = p.id
                      AND d.day >= (pp.paused_at AT TIME ZONE d.timezone)::date
                      AND (pp.resumed_at IS NULL OR d.day < (pp.resumed_at AT TIME ZONE d.timezone)::date))
                GROUP BY d.patient_id, d.week_start
            ),
            done AS (
                SELECT s.patient_id, date_trunc('week', s.local_date)::date AS week_start, count(*) AS done,
                       avg(s.pain_after) AS pain_after, avg(s.pain_before) AS pain_before
                FROM session_log s
                JOIN bounds b ON b.patient_id = s.patient_id
                WHERE s.clinic_id = :clinic %s
                  -- no patient's window starts before this (their today is at most a day behind UTC's): lets
                  -- the index read the window's logs only, not the whole history of the clinic
                  AND s.local_date >= (CAST(:now AS timestamptz) AT TIME ZONE 'UTC')::date - 7 * :weeks - 7
                  AND s.local_date BETWEEN b.start AND b.today
                  AND NOT EXISTS (SELECT 1 FROM session_log c WHERE c.corrects_id = s.id)
                GROUP BY s.patient_id, 2
            ),
            weeks AS (
                SELECT b.patient_id, w::date AS week_start
                FROM bounds b
                CROSS JOIN LATERAL generate_series(b.start, date_trunc('week', b.today)::date, interval '7 day') w
            )
            SELECT w.patient_id, w.week_start, coalesce(pr.prescribed, 0) AS prescribed, coalesce(dn.done, 0) AS done,
                   dn.pain_after, dn.pain_before
            FROM weeks w
            LEFT JOIN prescribed pr ON pr.patient_id = w.patient_id AND pr.week_start = w.week_start
            LEFT JOIN done dn ON dn.patient_id = w.patient_id AND dn.week_start = w.week_start
            ORDER BY w.patient_id, w.week_start
            """;

    private final EntityManager em;

    public ProgressRepository(EntityManager em) {
        this.em = em;
    }

    /** Every week of the window for one patient, or for every patient of the clinic when patient is null. */
    public Map<UUID, List<ProgressMath.WeekCount>> weeks(UUID clinicId, UUID patientId, int weeks, Instant now) {
        var query = em.createNativeQuery(patientId == null ? WEEKS.formatted("", "")
                                : WEEKS.formatted("AND pt.id = :patient", "AND s.patient_id = :patient"), Tuple.class)
                .setParameter("clinic", clinicId)
                .setParameter("weeks", weeks)
                .setParameter("now", now);
        if (patientId != null) {
            query.setParameter("patient", patientId);
        }
        Map<UUID, List<ProgressMath.WeekCount>> byPatient = new LinkedHashMap<>();
        for (Object row : query.getResultList()) {
            Tuple t = (Tuple) row;
            byPatient.computeIfAbsent(t.get("patient_id", UUID.class), id -> new ArrayList<>())
                    .add(new ProgressMath.WeekCount(localDate(t.get("week_start")),
                            number(t.get("prescribed")), (int) number(t.get("done")),
                            nullableNumber(t.get("pain_after")), nullableNumber(t.get("pain_before"))));
        }
        return byPatient;
    }

    /** Per-exercise counts of one patient's sessions from {@code from} on. */
    public List<ProgressView.ExerciseStats> exercises(UUID patientId, LocalDate from) {
        List<ProgressView.ExerciseStats> stats = new ArrayList<>();
        for (Object row : em.createNativeQuery("""
                        SELECT i.exercise_slug,
                               count(*) FILTER (WHERE i.status = 'DONE') AS done,
                               count(*) FILTER (WHERE i.status = 'SKIPPED') AS skipped,
                               avg(i.hold_seconds) FILTER (WHERE i.status = 'DONE' AND i.side = 'LEFT') AS hold_left,
                               avg(i.hold_seconds) FILTER (WHERE i.status = 'DONE' AND i.side = 'RIGHT') AS hold_right
                        FROM session_item i
                        JOIN session_log s ON s.id = i.session_id
                        WHERE s.patient_id = :patient AND s.local_date >= :from
                          AND NOT EXISTS (SELECT 1 FROM session_log c WHERE c.corrects_id = s.id)
                        GROUP BY i.exercise_slug
                        ORDER BY i.exercise_slug
                        """, Tuple.class)
                .setParameter("patient", patientId)
                .setParameter("from", from)
                .getResultList()) {
            Tuple t = (Tuple) row;
            int done = (int) number(t.get("done"));
            int skipped = (int) number(t.get("skipped"));
            Double left = nullableNumber(t.get("hold_left"));
            Double right = nullableNumber(t.get("hold_right"));
            int all = done + skipped;
            stats.add(new ProgressView.ExerciseStats(t.get("exercise_slug", String.class), done, skipped,
                    ProgressMath.round(all == 0 ? null : (double) done / all),
                    ProgressMath.round(all == 0 ? null : (double) skipped / all),
                    ProgressMath.round(left), ProgressMath.round(right),
                    left == null || right == null ? null : ProgressMath.round(left - right)));
        }
        return stats;
    }

    /** When one patient last did a session, in the offset they logged it with. */
    public OffsetDateTime lastSession(UUID patientId) {
        List<?> rows = em.createNativeQuery("""
                        SELECT s.performed_at, s.utc_offset_minutes FROM session_log s
                        WHERE s.patient_id = :patient
                          AND NOT EXISTS (SELECT 1 FROM session_log c WHERE c.corrects_id = s.id)
                        ORDER BY s.local_date DESC, s.performed_at DESC LIMIT 1
                        """, Tuple.class)
                .setParameter("patient", patientId)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Tuple t = (Tuple) rows.get(0);
        return instant(t.get("performed_at"))
                .atOffset(ZoneOffset.ofTotalSeconds((int) number(t.get("utc_offset_minutes")) * 60));
    }

    static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }

    static LocalDate localDate(Object value) {
        return value instanceof LocalDate d ? d : ((java.sql.Date) value).toLocalDate();
    }

    static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    static Double nullableNumber(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}

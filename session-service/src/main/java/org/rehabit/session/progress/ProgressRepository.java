package org.rehabit.session.progress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import org.rehabit.session.alert.AlertSettings;
import org.rehabit.session.log.ItemStatus;
import org.rehabit.session.program.Side;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The set-based queries behind progress and the clinic summary: one statement counts every week of every
 * patient asked for (no per-patient loop), each patient's weeks in their own time zone. The statements are public
 * constants: the benchmark (bench's ServiceSql) runs these very texts as its raw-SQL reference.
 */
@ApplicationScoped
public class ProgressRepository {

    /** The clinic's patients ({@code %s} narrows them), each with the bounds of the window in their own time. */
    static final String CLINIC_BOUNDS = """
            WITH bounds AS (
                SELECT pt.id AS patient_id, pt.timezone, pt.display_name, pt.external_ref, pt.name_key,
                       (CAST(:now AS timestamptz) AT TIME ZONE pt.timezone)::date AS today,
                       date_trunc('week', (CAST(:now AS timestamptz) AT TIME ZONE pt.timezone)::date)::date
                           - 7 * (:weeks - 1) AS start
                FROM patient pt
                WHERE pt.clinic_id = :clinic %s
            ),
            """;

    /**
     * After a {@code bounds} CTE (patient_id, timezone, today, start): each program's active local days in the window
     * and the weeks' prescribed sessions.
     */
    static final String PRESCRIBED = """
            pauses AS (
                -- each program's pauses as the patient's local days [paused, resumed), converted once per pause
                SELECT pp.program_id, range_agg(daterange(pp.paused_local, pp.resumed_local)) AS days
                FROM (SELECT pp.program_id, (pp.paused_at AT TIME ZONE b.timezone)::date AS paused_local,
                             (pp.resumed_at AT TIME ZONE b.timezone)::date AS resumed_local
                      FROM bounds b
                      JOIN program p ON p.patient_id = b.patient_id
                      JOIN program_pause pp ON pp.program_id = p.id) pp
                WHERE pp.resumed_local IS NULL OR pp.resumed_local > pp.paused_local
                GROUP BY pp.program_id
            ),
            rates AS (
                -- each program's sessions per week by local days: earlier rates until the day they changed
                -- (program_frequency), the program's own from the last change on (from its start if none)
                SELECT f.program_id, f.sessions_per_week,
                       daterange(lag(f.until_date) OVER (PARTITION BY f.program_id ORDER BY f.until_date),
                                 f.until_date) AS days
                FROM bounds b
                JOIN program p ON p.patient_id = b.patient_id
                JOIN program_frequency f ON f.program_id = p.id
                UNION ALL
                SELECT p.id, p.sessions_per_week,
                       daterange((SELECT max(f.until_date) FROM program_frequency f WHERE f.program_id = p.id),
                                 NULL) AS days
                FROM bounds b
                JOIN program p ON p.patient_id = b.patient_id
            ),
            active AS MATERIALIZED (
                -- each program's local days in the window at each of its rates, as disjoint ranges
                -- [first_day, after_day): [start, end/ended/today] less its pauses, within the rate's days
                SELECT a.patient_id, a.sessions_per_week, lower(r) AS first_day, upper(r) AS after_day
                FROM (SELECT b.patient_id, rt.sessions_per_week,
                             (datemultirange(daterange(greatest(p.start_date, b.start),
                                                       least(b.today, p.end_date,
                                                             (p.ended_at AT TIME ZONE b.timezone)::date), '[]'))
                              - coalesce(ps.days, '{}'::datemultirange)) * datemultirange(rt.days) AS days
                      FROM bounds b
                      JOIN program p ON p.patient_id = b.patient_id
                      JOIN rates rt ON rt.program_id = p.id
                      LEFT JOIN pauses ps ON ps.program_id = p.id
                      WHERE greatest(p.start_date, b.start)
                            <= least(b.today, p.end_date, (p.ended_at AT TIME ZONE b.timezone)::date)) a
                CROSS JOIN LATERAL unnest(a.days) r
            ),
            weeks AS (
                SELECT b.patient_id, w::date AS week_start, ((w::date - b.start) / 7) AS i
                FROM bounds b
                CROSS JOIN LATERAL generate_series(b.start, date_trunc('week', b.today)::date, interval '7 day') w
            ),
            prescribed AS (
                SELECT w.patient_id, w.week_start,
                       sum(a.sessions_per_week * (least(a.after_day, w.week_start + 7)
                                                  - greatest(a.first_day, w.week_start))) / 7.0 AS prescribed
                FROM weeks w
                JOIN active a ON a.patient_id = w.patient_id
                     AND a.first_day < w.week_start + 7 AND a.after_day > w.week_start
                GROUP BY w.patient_id, w.week_start
            ),
            """;

    /**
     * The weeks' done sessions and pains from the raw session logs that no later log corrects and nobody voided
     * ({@code %s} narrows them).
     */
    static final String DONE_FROM_LOGS = """
            done AS (
                -- done = sessions with work done (an item DONE); an all-skipped session's pains still count
                SELECT s.patient_id, date_trunc('week', s.local_date)::date AS week_start,
                       count(*) FILTER (WHERE s.work_done) AS done,
                       avg(s.pain_after) AS pain_after, avg(s.pain_before) AS pain_before
                FROM session_log s
                JOIN bounds b ON b.patient_id = s.patient_id
                WHERE s.clinic_id = :clinic %s
                  -- no patient's window starts before this (their today is at most a day behind UTC's): lets
                  -- the index read the window's logs only, not the whole history of the clinic
                  AND s.local_date >= (CAST(:now AS timestamptz) AT TIME ZONE 'UTC')::date - 7 * :weeks - 7
                  AND s.local_date BETWEEN b.start AND b.today
                  AND NOT EXISTS (SELECT 1 FROM session_log c WHERE c.corrects_id = s.id)
                  AND NOT EXISTS (SELECT 1 FROM session_void v WHERE v.session_id = s.id)
                GROUP BY s.patient_id, 2
            ),
            """;

    /** Every week of the window joined with what was prescribed and done in it. */
    static final String JOIN_WEEKS = """
            week_counts AS (
                SELECT w.patient_id, w.week_start, w.i, coalesce(pr.prescribed, 0) AS prescribed,
                       coalesce(dn.done, 0) AS done, dn.pain_after, dn.pain_before
                FROM weeks w
                LEFT JOIN prescribed pr ON pr.patient_id = w.patient_id AND pr.week_start = w.week_start
                LEFT JOIN done dn ON dn.patient_id = w.patient_id AND dn.week_start = w.week_start
            )
            """;

    /**
     * The weeks of the window of every patient asked for (the clinic's, or one), as CTEs ending in
     * {@code week_counts}: prescribed (numeric, Σ sessions per week × active days ÷ 7, each day at the rate it had), done (the not-corrected
     * sessions with work done: an item DONE) and average pains of the not-corrected sessions, and {@code i}, the
     * week's index in the window. A program's active days are computed as date ranges once per program (start,
     * end, ended, minus its pauses, each converted to the patient's local dates once), not day by day: the same
     * counts as a per-day join, at a fraction of the work.
     * The two {@code %s} narrow the patients ({@code pt.}) and their session logs ({@code s.}).
     */
    public static final String WEEK_COUNTS = CLINIC_BOUNDS + PRESCRIBED + DONE_FROM_LOGS + JOIN_WEEKS;

    public static final String WEEKS = WEEK_COUNTS + """
            SELECT patient_id, week_start, prescribed, done, pain_after, pain_before
            FROM week_counts
            ORDER BY patient_id, week_start
            """;

    /**
     * The figures of {@link ProgressMath} per patient and window, after a {@code windows} CTE (the week counts of
     * {@link #WEEK_COUNTS} with the window's length {@code weeks} and the week's index {@code j} in it): the same
     * floating-point operations in the same order (sums in week order, the slope's formula as written there, rounding
     * as {@link ProgressMath#round}). One text for the dashboard computed per request ({@link #SUMMARY}) and the
     * stored figures ({@link FiguresRepository#REFRESH}): they must be equal.
     */
    static final String FIGURES = """
            per_patient AS (
                SELECT patient_id, weeks,
                       sum(prescribed::float8 ORDER BY week_start) AS prescribed,
                       sum(least(done::float8, prescribed::float8) ORDER BY week_start) AS counted,
                       -- the complete weeks: all but the current one (the window's last)
                       sum(prescribed::float8 ORDER BY week_start) FILTER (WHERE j < weeks - 1) AS prescribed_complete,
                       sum(least(done::float8, prescribed::float8) ORDER BY week_start) FILTER (WHERE j < weeks - 1)
                           AS counted_complete,
                       count(pain_after)::float8 AS n,
                       sum(j::float8 ORDER BY week_start) FILTER (WHERE pain_after IS NOT NULL) AS sx,
                       sum(pain_after::float8 ORDER BY week_start) AS sy,
                       sum((j * j)::float8 ORDER BY week_start) FILTER (WHERE pain_after IS NOT NULL) AS sxx,
                       sum(j::float8 * pain_after::float8 ORDER BY week_start) AS sxy,
                       array_agg(pain_after::float8 ORDER BY week_start) AS weekly_pain_after
                FROM windows
                GROUP BY patient_id, weeks
            ),
            figures AS (
                SELECT patient_id, weeks, weekly_pain_after,
                       floor(CASE WHEN prescribed > 0 THEN counted / prescribed END * 100::float8 + 0.5::float8)
                           / 100::float8 AS adherence,
                       floor(CASE WHEN prescribed_complete > 0 THEN counted_complete / prescribed_complete END
                             * 100::float8 + 0.5::float8) / 100::float8 AS adherence_complete_weeks,
                       floor(CASE WHEN n >= 2 THEN (n * sxy - sx * sy) / nullif(n * sxx - sx * sx, 0) END
                             * 100::float8 + 0.5::float8) / 100::float8 AS pain_trend
                FROM per_patient
            ),
            """;

    /**
     * Whether a patient is at risk: an open alert, adherence over the window's complete weeks (all but the current
     * one) below the clinic's threshold, or a pain trend at or above it. Over columns named {@code open_alerts},
     * {@code adherence_complete_weeks}, {@code pain_trend}, {@code risk_adherence} and {@code risk_pain_trend}
     * (unqualified: each must be unambiguous where it is used).
     */
    static final String AT_RISK = """
            open_alerts > 0 OR coalesce(adherence_complete_weeks < risk_adherence, false)
                OR coalesce(pain_trend >= risk_pain_trend, false)""";

    /**
     * A patient's last session that no later log corrects and nobody voided: {@code %1$s} the columns (of {@code s}), {@code %2$s} the
     * patient's id.
     */
    private static final String LAST_UNCORRECTED_SESSION = """
            SELECT %1$s FROM session_log s
            WHERE s.patient_id = %2$s
              AND NOT EXISTS (SELECT 1 FROM session_log c WHERE c.corrects_id = s.id)
                  AND NOT EXISTS (SELECT 1 FROM session_void v WHERE v.session_id = s.id)
            ORDER BY s.local_date DESC, s.performed_at DESC LIMIT 1""";

    /** The last session of the patient {@code patient} (SQL) no later log corrects: performed_at, utc_offset_minutes. */
    static String lastSession(String patient) {
        return LAST_UNCORRECTED_SESSION.formatted("s.performed_at, s.utc_offset_minutes", patient);
    }

    /** The open (active or paused) program of the patient {@code %1$s}: program_status, program_exercises. */
    private static final String OPEN_PROGRAM = """
            (SELECT p.status FROM program p
             WHERE p.patient_id = %1$s AND p.status IN ('ACTIVE', 'PAUSED')) AS program_status,
            (SELECT string_agg(pi.exercise_slug || '@' || pi.exercise_version, ',' ORDER BY pi.position)
             FROM program p JOIN program_item pi ON pi.program_id = p.id
             WHERE p.patient_id = %1$s AND p.status IN ('ACTIVE', 'PAUSED')) AS program_exercises""";

    /** The columns of the open program of the patient {@code patient} (SQL): program_status, program_exercises. */
    static String openProgram(String patient) {
        return OPEN_PROGRAM.formatted(patient);
    }

    /**
     * One page of the clinic dashboard, ranked in the database: per patient the figures of {@link #FIGURES}, so that
     * sorting, the at-risk filter and paging give the order the Java comparators gave, and only the page's rows
     * leave the database. At risk: {@link #AT_RISK}, with the clinic's thresholds ({@code clinic_settings}, else the
     * defaults bound as {@code :atRiskAdherencePercent} and {@code :atRiskPainTrend}). Ties are
     * broken by id in {@link java.util.UUID#compareTo}'s order (signed halves). {@code %s}: the name filter of
     * {@link #WEEK_COUNTS}, then the ORDER BY keys. Always one row: the total, with null page columns when the
     * page is past the end.
     */
    public static final String SUMMARY = WEEK_COUNTS + """
            , windows AS (
                SELECT wc.*, CAST(:weeks AS integer) AS weeks, wc.i AS j FROM week_counts wc
            ),
            """ + FIGURES + """
            risk AS (
                -- the clinic's at-risk thresholds, or the defaults when it has set none
                SELECT coalesce((SELECT cs.at_risk_adherence_percent FROM clinic_settings cs
                                 WHERE cs.clinic_id = :clinic), :atRiskAdherencePercent)::float8 / 100::float8
                           AS risk_adherence,
                       coalesce((SELECT cs.at_risk_pain_trend FROM clinic_settings cs
                                 WHERE cs.clinic_id = :clinic), :atRiskPainTrend)::float8 AS risk_pain_trend
            ),
            ranked AS (
                SELECT b.patient_id AS id, b.display_name, b.external_ref, b.name_key, f.adherence, f.pain_trend,
                       f.adherence_complete_weeks, f.weekly_pain_after, oa.open_alerts,
            """ + AT_RISK + """
             AS at_risk
                FROM figures f
                JOIN bounds b ON b.patient_id = f.patient_id
                CROSS JOIN risk r
                CROSS JOIN LATERAL (SELECT count(*) AS open_alerts FROM alert a
                                    WHERE a.patient_id = b.patient_id AND a.status = 'OPEN') oa
            ),
            matching AS (
                SELECT * FROM ranked WHERE at_risk OR NOT :atRiskOnly
            )
            SELECT total.total, shown.*, last.performed_at, last.utc_offset_minutes,
            """ + openProgram("shown.id") + """

            FROM (SELECT count(*) AS total FROM matching) total
            LEFT JOIN LATERAL (
                SELECT m.*, row_number() OVER (ORDER BY %s) AS position
                FROM matching m
                ORDER BY %s
                LIMIT :size OFFSET :offset
            ) shown ON true
            LEFT JOIN LATERAL (
            """ + lastSession("shown.id") + """
            ) last ON true
            ORDER BY shown.position
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

    /** One ranked page of the dashboard and the number of patients matching. */
    public record SummaryPage(List<Tuple> rows, long total) {
    }

    /**
     * One page of the clinic's patients with their dashboard figures, filtered ({@code needle}: a
     * {@link org.rehabit.session.patient.NameKey} found in the name's or the reference's key; {@code physio}: the
     * assigned physio's subject; {@code atRiskOnly}),
     * sorted by {@code orderBy} (SQL over the columns of {@code ranked}, ties by id) and paged in the database.
     */
    public SummaryPage summary(UUID clinicId, int weeks, Instant now, String needle, String physio,
                               boolean atRiskOnly, String orderBy, int page, int size) {
        // a discharged patient is not on the dashboard (nor in its stored figures: V17)
        String filter = " AND pt.status = 'ACTIVE'" + (needle == null ? "" : """
                AND (strpos(pt.name_key, :needle) > 0 OR strpos(pt.ref_key, :needle) > 0)""")
                + (physio == null ? "" : " AND pt.physio_id = :physio");
        var query = em.createNativeQuery(SUMMARY.formatted(filter, "", orderBy, orderBy), Tuple.class)
                .setParameter("clinic", clinicId)
                .setParameter("weeks", weeks)
                .setParameter("now", now)
                .setParameter("atRiskOnly", atRiskOnly)
                .setParameter("atRiskAdherencePercent", AlertSettings.DEFAULT_AT_RISK_ADHERENCE_PERCENT)
                .setParameter("atRiskPainTrend", AlertSettings.DEFAULT_AT_RISK_PAIN_TREND)
                .setParameter("size", size)
                .setParameter("offset", (long) page * size);
        if (needle != null) {
            query.setParameter("needle", needle);
        }
        if (physio != null) {
            query.setParameter("physio", physio);
        }
        List<Tuple> rows = new ArrayList<>();
        long total = 0;
        for (Object row : query.getResultList()) {
            Tuple t = (Tuple) row;
            total = (long) number(t.get("total"));
            if (t.get("id") != null) {
                rows.add(t);
            }
        }
        return new SummaryPage(rows, total);
    }

    /**
     * {@link UUID#compareTo}'s order in SQL: the most, then the least significant 64 bits, each compared as a
     * signed number (so a first hex digit 8-f sorts before 0-7), which PostgreSQL's uuid order does not do.
     */
    public static final String ID_ORDER = "(left(m.id::text, 1) COLLATE \"C\" >= '8') DESC, "
            + "left(m.id::text, 18) COLLATE \"C\", (substr(m.id::text, 20, 1) COLLATE \"C\" >= '8') DESC, "
            + "substr(m.id::text, 20) COLLATE \"C\"";

    /**
     * A patient's last session ({@code m.id}), as an ORDER BY key: computed for every matching patient only when
     * the dashboard is sorted by it; otherwise for the page's rows only.
     */
    static final String LAST_SESSION_AT = "(" + LAST_UNCORRECTED_SESSION.formatted("s.performed_at", "m.id") + ")";

    /**
     * Every program item prescribed in one patient's sessions from {@code from} on (a session prescribes the items
     * of the program it was logged against as they were when it was logged: the items before the first later
     * change of the program, else the current ones; corrected logs count as their correction), each with what the
     * session logged of it: no row when the session left it out, one per entry (whole item or side) otherwise.
     */
    public static final String PRESCRIBED_ITEMS = """
            SELECT s.id AS session_id, s.work_done, pi.id AS item_id, pi.exercise_slug,
                   pi.dose ->> 'side' AS dose_side, (pi.dose ->> 'sets')::int AS sets,
                   (pi.dose ->> 'reps')::int AS reps, (pi.dose ->> 'holdSeconds')::int AS hold,
                   i.status, i.side, i.sets_done, i.reps_done, i.hold_seconds
            FROM session_log s
            LEFT JOIN LATERAL (SELECT c.items_before FROM program_change c
                               WHERE c.program_id = s.program_id AND c.changed_at > s.created_at
                               ORDER BY c.changed_at LIMIT 1) later ON true
            CROSS JOIN LATERAL (
                SELECT x.id, x.exercise_slug, x.dose
                FROM jsonb_to_recordset(later.items_before) AS x(id uuid, exercise_slug text, dose jsonb)
                UNION ALL
                SELECT p.id, p.exercise_slug, p.dose
                FROM program_item p
                WHERE p.program_id = s.program_id AND later.items_before IS NULL) pi
            LEFT JOIN session_item i ON i.session_id = s.id AND i.program_item_id = pi.id
            WHERE s.patient_id = :patient AND s.local_date >= :from
              AND NOT EXISTS (SELECT 1 FROM session_log c WHERE c.corrects_id = s.id)
                  AND NOT EXISTS (SELECT 1 FROM session_void v WHERE v.session_id = s.id)
            ORDER BY pi.exercise_slug, s.id, pi.id, i.position
            """;

    /** What one patient did of each prescribed item in their sessions from {@code from} on (see {@link Exercises}). */
    public Exercises exercises(UUID patientId, LocalDate from) {
        Map<String, Map<List<UUID>, PrescribedItem>> bySlug = new TreeMap<>();
        for (Object row : em.createNativeQuery(PRESCRIBED_ITEMS, Tuple.class)
                .setParameter("patient", patientId)
                .setParameter("from", from)
                .getResultList()) {
            Tuple t = (Tuple) row;
            PrescribedItem item = bySlug.computeIfAbsent(t.get("exercise_slug", String.class),
                            slug -> new LinkedHashMap<>())
                    .computeIfAbsent(List.of(t.get("session_id", UUID.class), t.get("item_id", UUID.class)),
                            key -> new PrescribedItem(Boolean.TRUE.equals(t.get("work_done", Boolean.class)),
                                    new DoseMath.Prescribed(side(t.get("dose_side", String.class)),
                                            integer(t.get("sets")), integer(t.get("reps")), integer(t.get("hold"))),
                                    new ArrayList<>()));
            String status = t.get("status", String.class);
            if (status != null) {
                String side = t.get("side", String.class);
                item.entries().add(new DoseMath.Entry(ItemStatus.valueOf(status),
                        side == null ? null : Side.valueOf(side),
                        integer(t.get("sets_done")), integer(t.get("reps_done")), integer(t.get("hold_seconds"))));
            }
        }
        List<ProgressView.ExerciseStats> stats = new ArrayList<>();
        DoseTotal all = new DoseTotal();
        for (var slug : bySlug.entrySet()) {
            int done = 0;
            int skipped = 0;
            int omitted = 0;
            DoseTotal dose = new DoseTotal();
            double leftSum = 0;
            int leftCount = 0;
            double rightSum = 0;
            int rightCount = 0;
            for (PrescribedItem item : slug.getValue().values()) {
                if (item.entries().isEmpty()) {
                    omitted++;
                } else if (item.entries().stream()
                        .anyMatch(e -> e.status() == ItemStatus.DONE)) {
                    done++;
                } else {
                    skipped++;
                }
                for (DoseMath.Entry e : item.entries()) {
                    if (e.status() == ItemStatus.DONE && e.holdSeconds() != null) {
                        if (e.side() == Side.LEFT) {
                            leftSum += e.holdSeconds();
                            leftCount++;
                        } else if (e.side() == Side.RIGHT) {
                            rightSum += e.holdSeconds();
                            rightCount++;
                        }
                    }
                }
                if (item.workDone()) {
                    Double value = DoseMath.item(item.prescribed(), item.entries());
                    dose.add(value);
                    all.add(value);
                }
            }
            int prescribed = done + skipped + omitted;
            Double left = leftCount == 0 ? null : leftSum / leftCount;
            Double right = rightCount == 0 ? null : rightSum / rightCount;
            stats.add(new ProgressView.ExerciseStats(slug.getKey(), prescribed, done, skipped, omitted,
                    ProgressMath.round((double) done / prescribed), ProgressMath.round((double) skipped / prescribed),
                    ProgressMath.round(dose.completion()), ProgressMath.round(left), ProgressMath.round(right),
                    left == null || right == null ? null : ProgressMath.round(left - right)));
        }
        return new Exercises(stats, ProgressMath.round(all.completion()), all.unmeasured);
    }

    /**
     * The per-exercise figures of a patient's sessions, and the dose completion over all of them.
     *
     * @param doseCompletion      mean measured item completion over the sessions with work done; null if none
     * @param doseItemsUnmeasured items of those sessions logged DONE with no count: left out of doseCompletion
     */
    public record Exercises(List<ProgressView.ExerciseStats> byExercise, Double doseCompletion,
                            int doseItemsUnmeasured) {
    }

    /** A program item in one session: whether the session had work done, the dose, what was logged. */
    private record PrescribedItem(boolean workDone, DoseMath.Prescribed prescribed, List<DoseMath.Entry> entries) {
    }

    /** A running mean of measured item values, and how many were unmeasured. */
    private static final class DoseTotal {
        double sum;
        int measured;
        int unmeasured;

        void add(Double value) {
            if (value == null) {
                unmeasured++;
            } else {
                sum += value;
                measured++;
            }
        }

        Double completion() {
            return measured == 0 ? null : sum / measured;
        }
    }

    private static Side side(String value) {
        return value == null ? Side.BOTH
                : Side.valueOf(value);
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    /** The day a patient's first program started (any status). */
    public static final String FIRST_PROGRAM_START =
            "SELECT min(p.start_date) FROM program p WHERE p.patient_id = :patient";

    /** One patient's last session that no later log corrects: when, and the offset it was logged with. */
    public static final String LAST_SESSION = lastSession(":patient");

    /** The day a patient's first program started (any status), or null when they have none. */
    public LocalDate firstProgramStart(UUID patientId) {
        Object first = em.createNativeQuery(FIRST_PROGRAM_START)
                .setParameter("patient", patientId)
                .getSingleResult();
        return first == null ? null : localDate(first);
    }

    /** When one patient last did a session, in the offset they logged it with. */
    public OffsetDateTime lastSession(UUID patientId) {
        List<?> rows = em.createNativeQuery(LAST_SESSION, Tuple.class)
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

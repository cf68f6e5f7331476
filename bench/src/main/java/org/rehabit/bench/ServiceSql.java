package org.rehabit.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL behind the clinic dashboard and a patient's progress, as the session-service runs it
 * (org.rehabit.session.progress.ProgressRepository and ClinicSummaryService), with the same parameters, over
 * plain JDBC: the reference the services' answers are compared with. A copy: keep it in step with the service.
 */
final class ServiceSql {

    /**
     * The CTEs of the per-week counts of a clinic's patients (or of one patient): copy of ProgressRepository's,
     * with its named parameters (bound by {@link #bind}).
     */
    static final String WEEK_COUNTS = """
            WITH bounds AS (
                SELECT pt.id AS patient_id, pt.timezone, pt.display_name, pt.external_ref, pt.name_key,
                       (CAST(:now AS timestamptz) AT TIME ZONE pt.timezone)::date AS today,
                       date_trunc('week', (CAST(:now AS timestamptz) AT TIME ZONE pt.timezone)::date)::date
                           - 7 * (:weeks - 1) AS start
                FROM patient pt
                WHERE pt.clinic_id = :clinic %s
            ),
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
            active AS MATERIALIZED (
                -- each program's local days in the window, as disjoint ranges [first_day, after_day):
                -- [start, end/ended/today] less its pauses
                SELECT a.patient_id, a.sessions_per_week, lower(r) AS first_day, upper(r) AS after_day
                FROM (SELECT b.patient_id, p.sessions_per_week,
                             datemultirange(daterange(greatest(p.start_date, b.start),
                                                      least(b.today, p.end_date,
                                                            (p.ended_at AT TIME ZONE b.timezone)::date), '[]'))
                             - coalesce(ps.days, '{}'::datemultirange) AS days
                      FROM bounds b
                      JOIN program p ON p.patient_id = b.patient_id
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
                GROUP BY s.patient_id, 2
            ),
            week_counts AS (
                SELECT w.patient_id, w.week_start, w.i, coalesce(pr.prescribed, 0) AS prescribed,
                       coalesce(dn.done, 0) AS done, dn.pain_after, dn.pain_before
                FROM weeks w
                LEFT JOIN prescribed pr ON pr.patient_id = w.patient_id AND pr.week_start = w.week_start
                LEFT JOIN done dn ON dn.patient_id = w.patient_id AND dn.week_start = w.week_start
            )
            """;

    static final String WEEKS = WEEK_COUNTS + """
            SELECT patient_id, week_start, prescribed, done, pain_after, pain_before
            FROM week_counts
            ORDER BY patient_id, week_start
            """;

    /** One ranked page of the dashboard: copy of ProgressRepository.SUMMARY. */
    static final String SUMMARY = WEEK_COUNTS + """
            , per_patient AS (
                SELECT patient_id,
                       sum(prescribed::float8 ORDER BY week_start) AS prescribed,
                       sum(least(done::float8, prescribed::float8) ORDER BY week_start) AS counted,
                       -- the complete weeks: all but the current one (the window's last)
                       sum(prescribed::float8 ORDER BY week_start) FILTER (WHERE i < :weeks - 1)
                           AS prescribed_complete,
                       sum(least(done::float8, prescribed::float8) ORDER BY week_start) FILTER (WHERE i < :weeks - 1)
                           AS counted_complete,
                       count(pain_after)::float8 AS n,
                       sum(i::float8 ORDER BY week_start) FILTER (WHERE pain_after IS NOT NULL) AS sx,
                       sum(pain_after::float8 ORDER BY week_start) AS sy,
                       sum((i * i)::float8 ORDER BY week_start) FILTER (WHERE pain_after IS NOT NULL) AS sxx,
                       sum(i::float8 * pain_after::float8 ORDER BY week_start) AS sxy,
                       array_agg(pain_after::float8 ORDER BY week_start) AS weekly_pain_after
                FROM week_counts
                GROUP BY patient_id
            ),
            figures AS (
                SELECT patient_id, weekly_pain_after,
                       floor(CASE WHEN prescribed > 0 THEN counted / prescribed END * 100::float8 + 0.5::float8)
                           / 100::float8 AS adherence,
                       floor(CASE WHEN prescribed_complete > 0 THEN counted_complete / prescribed_complete END
                             * 100::float8 + 0.5::float8) / 100::float8 AS adherence_complete_weeks,
                       floor(CASE WHEN n >= 2 THEN (n * sxy - sx * sy) / nullif(n * sxx - sx * sx, 0) END
                             * 100::float8 + 0.5::float8) / 100::float8 AS pain_trend
                FROM per_patient
            ),
            risk AS (
                -- the clinic's at-risk thresholds, or the defaults when it has set none
                SELECT coalesce((SELECT cs.at_risk_adherence_percent FROM clinic_settings cs
                                 WHERE cs.clinic_id = :clinic), :atRiskAdherencePercent)::float8 / 100::float8
                           AS adherence,
                       coalesce((SELECT cs.at_risk_pain_trend FROM clinic_settings cs
                                 WHERE cs.clinic_id = :clinic), :atRiskPainTrend)::float8 AS pain_trend
            ),
            ranked AS (
                SELECT b.patient_id AS id, b.display_name, b.external_ref, b.name_key, f.adherence, f.pain_trend,
                       f.adherence_complete_weeks, f.weekly_pain_after, oa.open_alerts,
                       oa.open_alerts > 0 OR coalesce(f.adherence_complete_weeks < r.adherence, false)
                           OR coalesce(f.pain_trend >= r.pain_trend, false) AS at_risk
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
                   (SELECT p.status FROM program p
                    WHERE p.patient_id = shown.id AND p.status IN ('ACTIVE', 'PAUSED')) AS program_status,
                   (SELECT string_agg(pi.exercise_slug || '@' || pi.exercise_version, ',' ORDER BY pi.position)
                    FROM program p JOIN program_item pi ON pi.program_id = p.id
                    WHERE p.patient_id = shown.id AND p.status IN ('ACTIVE', 'PAUSED')) AS program_exercises
            FROM (SELECT count(*) AS total FROM matching) total
            LEFT JOIN LATERAL (
                SELECT m.*, row_number() OVER (ORDER BY %s) AS position
                FROM matching m
                ORDER BY %s
                LIMIT :size OFFSET :offset
            ) shown ON true
            LEFT JOIN LATERAL (
                SELECT s.performed_at, s.utc_offset_minutes FROM session_log s
                WHERE s.patient_id = shown.id
                  AND NOT EXISTS (SELECT 1 FROM session_log c WHERE c.corrects_id = s.id)
                ORDER BY s.local_date DESC, s.performed_at DESC LIMIT 1) last ON true
            ORDER BY shown.position
            """;

    /** Ties in UUID.compareTo's order: copy of ProgressRepository.ID_ORDER. */
    static final String ID_ORDER = "(left(m.id::text, 1) COLLATE \"C\" >= '8') DESC, "
            + "left(m.id::text, 18) COLLATE \"C\", (substr(m.id::text, 20, 1) COLLATE \"C\" >= '8') DESC, "
            + "substr(m.id::text, 20) COLLATE \"C\"";

    /** The order of {@code sort=-painTrend}: copy of ClinicSummaryService.Sort.PAIN_TREND, descending. */
    static final String PAIN_TREND_DESCENDING = "m.pain_trend DESC NULLS LAST, " + ID_ORDER;

    /**
     * The weekly counts without the constant date bound of issue #7 (the clinic's whole history is read, as before
     * it), kept to show in every report what the bound saves on the same data.
     */
    static final String WEEKS_WHOLE_HISTORY = without(WEEKS,
            "  AND s.local_date >= (CAST(:now AS timestamptz) AT TIME ZONE 'UTC')::date - 7 * :weeks - 7\n");

    private static String without(String sql, String line) {
        if (!sql.contains(line)) {
            throw new IllegalStateException("The statement no longer has: " + line);
        }
        return sql.replace(line, "");
    }

    /** The prescribed items of a patient's sessions with what was logged of them: copy of PRESCRIBED_ITEMS. */
    static final String PRESCRIBED_ITEMS = """
            SELECT s.id AS session_id, s.work_done, pi.id AS item_id, pi.exercise_slug,
                   pi.dose ->> 'side' AS dose_side, (pi.dose ->> 'sets')::int AS sets,
                   (pi.dose ->> 'reps')::int AS reps, (pi.dose ->> 'holdSeconds')::int AS hold,
                   i.status, i.side, i.sets_done, i.reps_done, i.hold_seconds
            FROM session_log s
            JOIN program_item pi ON pi.program_id = s.program_id
            LEFT JOIN session_item i ON i.session_id = s.id AND i.program_item_id = pi.id
            WHERE s.patient_id = :patient AND s.local_date >= :from
              AND NOT EXISTS (SELECT 1 FROM session_log c WHERE c.corrects_id = s.id)
            ORDER BY pi.exercise_slug, s.id, pi.id, i.position
            """;

    /** The day the patient's first program started, which the streak counts back to: copy of the service's. */
    static final String FIRST_PROGRAM_START =
            "SELECT min(p.start_date) FROM program p WHERE p.patient_id = :patient";

    static final String LAST_SESSION = """
            SELECT s.performed_at, s.utc_offset_minutes FROM session_log s
            WHERE s.patient_id = ?
              AND NOT EXISTS (SELECT 1 FROM session_log c WHERE c.corrects_id = s.id)
            ORDER BY s.local_date DESC, s.performed_at DESC LIMIT 1
            """;

    /**
     * The catalog search's statement for a one-word text query (the word matched as a prefix), first page of 20: every
     * match in the search table ranked, then by name and slug, with the exact total (ExerciseVersionRepository
     * .textSearch). Parameters: the query ({@code word:*}) twice.
     */
    static final String SEARCH = """
            SELECT s.slug, s.version, s.name, s.summary, s.category, array_to_string(s.body_regions, ','),
                   s.start_position, array_to_string(s.equipment, ','), s.difficulty,
                   array_to_string(s.conditions, ','), s.figure::text, r.total
            FROM (SELECT s.exercise_id, ts_rank_cd(s.title_vector || s.body_vector, (to_tsquery('english', ?))) AS rank,
                         s.sort_key, s.slug, count(*) OVER () AS total
                  FROM exercise_search s
                  WHERE (s.title_vector || s.body_vector) @@ (to_tsquery('english', ?))
                  ORDER BY rank DESC, s.sort_key, s.slug LIMIT 20 OFFSET 0) r
            JOIN exercise_search s ON s.exercise_id = r.exercise_id
            ORDER BY r.rank DESC, r.sort_key, r.slug
            """;

    private ServiceSql() {
    }

    /**
     * The dashboard's statement for one clinic over {@code weeks} weeks, as the service runs it for
     * {@code sort=-painTrend&size=50}, first page; returns the rows read.
     */
    static int dashboard(Connection db, UUID clinic, int weeks, Instant now) throws SQLException {
        try (PreparedStatement st = summary(db, "", clinic, weeks, now)) {
            return drain(st.executeQuery());
        }
    }

    private static PreparedStatement summary(Connection db, String prefix, UUID clinic, int weeks, Instant now)
            throws SQLException {
        return bind(db, prefix + SUMMARY.formatted("", "", PAIN_TREND_DESCENDING, PAIN_TREND_DESCENDING),
                Map.of("clinic", clinic, "weeks", weeks, "now", Timestamp.from(now), "atRiskOnly", false,
                        "size", 50, "offset", 0L, "atRiskAdherencePercent", 50,
                        "atRiskPainTrend", new java.math.BigDecimal("0.50")));
    }

    /**
     * Prepares {@code sql} with its {@code :name} parameters (not {@code ::casts}) replaced by {@code ?} and bound
     * from {@code values}, so that the copies above stay character for character the service's.
     */
    static PreparedStatement bind(Connection db, String sql, Map<String, Object> values) throws SQLException {
        Matcher m = NAMED.matcher(sql);
        List<Object> bound = new ArrayList<>();
        StringBuilder positional = new StringBuilder();
        while (m.find()) {
            if (!values.containsKey(m.group(1))) {
                throw new IllegalArgumentException("No value for :" + m.group(1));
            }
            bound.add(values.get(m.group(1)));
            m.appendReplacement(positional, "?");
        }
        m.appendTail(positional);
        PreparedStatement st = db.prepareStatement(positional.toString());
        for (int i = 0; i < bound.size(); i++) {
            st.setObject(i + 1, bound.get(i));
        }
        return st;
    }

    private static final Pattern NAMED = Pattern.compile("(?<![:\\w]):([a-zA-Z]\\w*)");

    /** The clinic-wide weekly counts as before issue #7, with the same parameters; returns the rows read. */
    static int weeksWholeHistory(Connection db, UUID clinic, int weeks, Instant now) throws SQLException {
        try (PreparedStatement st = bind(db, WEEKS_WHOLE_HISTORY.formatted("", ""), weekValues(clinic, null, weeks,
                now))) {
            return drain(st.executeQuery());
        }
    }

    /** The clinic-wide weekly counts as the service runs them now; returns the rows read. */
    static int weeksOnly(Connection db, UUID clinic, int weeks, Instant now) throws SQLException {
        return weeks(db, clinic, null, weeks, now);
    }

    /**
     * A patient's progress statements: the first program's start, the weeks (every week since it, for the
     * streak, when longer than the window), the prescribed items, the last session.
     */
    static int progress(Connection db, UUID clinic, UUID patient, int weeks, Instant now, LocalDate from)
            throws SQLException {
        int rows = 0;
        int counted = weeks;
        try (PreparedStatement st = bind(db, FIRST_PROGRAM_START, Map.of("patient", patient));
             ResultSet rs = st.executeQuery()) {
            rows++;
            LocalDate first = rs.next() && rs.getDate(1) != null ? rs.getDate(1).toLocalDate() : null;
            LocalDate today = now.atZone(java.time.ZoneOffset.UTC).toLocalDate();
            if (first != null && !first.isAfter(today)) {
                counted = Math.max(weeks, (int) java.time.temporal.ChronoUnit.WEEKS.between(
                        first.with(java.time.DayOfWeek.MONDAY), today.with(java.time.DayOfWeek.MONDAY)) + 1);
            }
        }
        rows += weeks(db, clinic, patient, counted, now);
        try (PreparedStatement st = bind(db, PRESCRIBED_ITEMS, Map.of("patient", patient, "from", from))) {
            rows += drain(st.executeQuery());
        }
        try (PreparedStatement st = db.prepareStatement(LAST_SESSION)) {
            st.setObject(1, patient);
            rows += drain(st.executeQuery());
        }
        return rows;
    }

    /** EXPLAIN (ANALYZE, BUFFERS) of the dashboard's statement for one clinic, and of its weekly counts alone. */
    static String explainDashboard(Connection db, UUID clinic, int weeks, Instant now) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (PreparedStatement st = summary(db, "EXPLAIN (ANALYZE, BUFFERS) ", clinic, weeks, now)) {
            out.append("-- the dashboard's page (sort=-painTrend, size=50)\n").append(plan(st.executeQuery()));
        }
        try (PreparedStatement st = bind(db, "EXPLAIN (ANALYZE, BUFFERS) " + WEEKS.formatted("", ""),
                weekValues(clinic, null, weeks, now))) {
            out.append("\n-- its weekly counts alone, every patient of the clinic\n").append(plan(st.executeQuery()));
        }
        return out.toString();
    }

    /** {@code word:*} as the search binds it (once in the condition, once in the rank). */
    private static void searchParameters(PreparedStatement st, String tsQuery) throws SQLException {
        st.setString(1, tsQuery);
        st.setString(2, tsQuery);
    }

    /** EXPLAIN (ANALYZE, BUFFERS) of the search's first statement for one term, as text. */
    static String explainSearch(Connection db, String tsQuery) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + SEARCH)) {
            searchParameters(st, tsQuery);
            return "-- search for " + tsQuery + "\n" + plan(st.executeQuery());
        }
    }

    private static String plan(ResultSet rs) throws SQLException {
        StringBuilder out = new StringBuilder();
        while (rs.next()) {
            out.append(rs.getString(1)).append('\n');
        }
        rs.close();
        return out.toString();
    }

    static int search(Connection db, String tsQuery) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(SEARCH)) {
            searchParameters(st, tsQuery);
            return drain(st.executeQuery());
        }
    }

    private static int weeks(Connection db, UUID clinic, UUID patient, int weeks, Instant now) throws SQLException {
        try (PreparedStatement st = bind(db, patient == null ? WEEKS.formatted("", "")
                : WEEKS.formatted("AND pt.id = :patient", "AND s.patient_id = :patient"),
                weekValues(clinic, patient, weeks, now))) {
            return drain(st.executeQuery());
        }
    }

    private static Map<String, Object> weekValues(UUID clinic, UUID patient, int weeks, Instant now) {
        Map<String, Object> values = new HashMap<>(Map.of("clinic", clinic, "weeks", weeks, "now",
                Timestamp.from(now)));
        if (patient != null) {
            values.put("patient", patient);
        }
        return values;
    }

    private static int drain(ResultSet rs) throws SQLException {
        int n = 0;
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            for (int c = 1; c <= columns; c++) {
                rs.getObject(c);
            }
            n++;
        }
        rs.close();
        return n;
    }
}

package org.rehabit.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The SQL behind the clinic dashboard and a patient's progress, as the session-service runs it
 * (org.rehabit.session.progress.ProgressRepository and ClinicSummaryService), with the same parameters, over
 * plain JDBC: the reference the services' answers are compared with. A copy: keep it in step with the service.
 */
final class ServiceSql {

    /** The per-week counts of a clinic's patients (or of one patient); positional copy of ProgressRepository. */
    static final String WEEKS = """
            WITH bounds AS (
                SELECT pt.id AS patient_id, pt.timezone,
                       (CAST(? AS timestamptz) AT TIME ZONE pt.timezone)::date AS today,
                       date_trunc('week', (CAST(? AS timestamptz) AT TIME ZONE pt.timezone)::date)::date
                           - 7 * (? - 1) AS start
                FROM patient pt
                WHERE pt.clinic_id = ? %s
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
                WHERE s.clinic_id = ? %s
                  AND s.local_date >= (CAST(? AS timestamptz) AT TIME ZONE 'UTC')::date - 7 * ? - 7
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

    /**
     * The weekly counts as they were before issue #7 (no constant date bound: the clinic's whole history is read),
     * kept to show in every report what the bound saves on the same data.
     */
    static final String WEEKS_WHOLE_HISTORY = WEEKS.replace(
            "  AND s.local_date >= (CAST(? AS timestamptz) AT TIME ZONE 'UTC')::date - 7 * ? - 7\n", "");

    /** Every patient of the clinic with program, open alerts, pinned exercises and last session. */
    static final String PATIENTS = """
            SELECT pt.id, pt.display_name, pt.external_ref,
                   (SELECT p.status FROM program p
                    WHERE p.patient_id = pt.id AND p.status IN ('ACTIVE', 'PAUSED')) AS program_status,
                   (SELECT count(*) FROM alert a
                    WHERE a.patient_id = pt.id AND a.status = 'OPEN') AS open_alerts,
                   last.performed_at, last.utc_offset_minutes
            FROM patient pt
            LEFT JOIN LATERAL (
                SELECT s.performed_at, s.utc_offset_minutes FROM session_log s
                WHERE s.patient_id = pt.id
                  AND NOT EXISTS (SELECT 1 FROM session_log c WHERE c.corrects_id = s.id)
                ORDER BY s.local_date DESC, s.performed_at DESC LIMIT 1) last ON true
            WHERE pt.clinic_id = ?
            """;

    /** The pinned exercises of the page's patients (the first 50 of the clinic here). */
    static final String PINNED = """
            SELECT p.patient_id, string_agg(pi.exercise_slug || '@' || pi.exercise_version, ','
                                            ORDER BY pi.position) AS program_exercises
            FROM program p JOIN program_item pi ON pi.program_id = p.id
            WHERE p.patient_id = ANY (?) AND p.status IN ('ACTIVE', 'PAUSED')
            GROUP BY p.patient_id
            """;

    static final String EXERCISES = """
            SELECT i.exercise_slug,
                   count(*) FILTER (WHERE i.status = 'DONE') AS done,
                   count(*) FILTER (WHERE i.status = 'SKIPPED') AS skipped,
                   avg(i.hold_seconds) FILTER (WHERE i.status = 'DONE' AND i.side = 'LEFT') AS hold_left,
                   avg(i.hold_seconds) FILTER (WHERE i.status = 'DONE' AND i.side = 'RIGHT') AS hold_right
            FROM session_item i
            JOIN session_log s ON s.id = i.session_id
            WHERE s.patient_id = ? AND s.local_date >= ?
              AND NOT EXISTS (SELECT 1 FROM session_log c WHERE c.corrects_id = s.id)
            GROUP BY i.exercise_slug
            ORDER BY i.exercise_slug
            """;

    static final String LAST_SESSION = """
            SELECT s.performed_at, s.utc_offset_minutes FROM session_log s
            WHERE s.patient_id = ?
              AND NOT EXISTS (SELECT 1 FROM session_log c WHERE c.corrects_id = s.id)
            ORDER BY s.local_date DESC, s.performed_at DESC LIMIT 1
            """;

    /**
     * The catalog search's first statement (ids and total) for a one-word text query, first page of 20: at most
     * 1,000 (+1) candidates, name/alias matches first when more match, ranked (ExerciseVersionRepository.textSearch).
     * Parameters: the query, the name/alias query ({@code word:*A}), the query, the name/alias query, the query.
     */
    static final String SEARCH = """
            WITH matches AS MATERIALIZED (
              SELECT v.id, v.exercise_id, v.name, v.search_vector FROM exercise_version v
              WHERE v.searchable AND v.search_vector @@ to_tsquery('english', ?) LIMIT 1001),
            candidates AS MATERIALIZED (
              SELECT * FROM matches WHERE (SELECT count(*) FROM matches) < 1001
              UNION ALL
              (SELECT v.id, v.exercise_id, v.name, v.search_vector FROM exercise_version v
               WHERE v.searchable AND v.search_vector @@ to_tsquery('english', ?)
               AND (SELECT count(*) FROM matches) >= 1001 LIMIT 1001)
              UNION ALL
              (SELECT v.id, v.exercise_id, v.name, v.search_vector FROM exercise_version v
               WHERE v.searchable AND v.search_vector @@ to_tsquery('english', ?)
               AND NOT v.search_vector @@ to_tsquery('english', ?)
               AND (SELECT count(*) FROM matches) >= 1001 LIMIT 1001)
              LIMIT 1001)
            SELECT c.id, (SELECT count(*) FROM candidates) AS total
            FROM candidates c JOIN exercise e ON e.id = c.exercise_id
            ORDER BY ts_rank_cd(c.search_vector, to_tsquery('english', ?)) DESC, lower(c.name), e.slug
            LIMIT 20 OFFSET 0
            """;

    private ServiceSql() {
    }

    /**
     * The dashboard's statements for one clinic over {@code weeks} weeks (the pinned exercises of 50 patients, as
     * for one page); returns the rows read.
     */
    static int dashboard(Connection db, UUID clinic, int weeks, Instant now) throws SQLException {
        int rows = weeks(db, clinic, null, weeks, now);
        List<UUID> page = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement(PATIENTS)) {
            st.setObject(1, clinic);
            try (ResultSet rs = st.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int c = 1; c <= columns; c++) {
                        rs.getObject(c);
                    }
                    if (page.size() < 50) {
                        page.add(rs.getObject(1, UUID.class));
                    }
                    rows++;
                }
            }
        }
        try (PreparedStatement st = db.prepareStatement(PINNED)) {
            st.setArray(1, db.createArrayOf("uuid", page.toArray()));
            rows += drain(st.executeQuery());
        }
        return rows;
    }

    /** The clinic-wide weekly counts as before issue #7, with the same parameters; returns the rows read. */
    static int weeksWholeHistory(Connection db, UUID clinic, int weeks, Instant now) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(WEEKS_WHOLE_HISTORY.formatted("", ""))) {
            Timestamp at = Timestamp.from(now);
            st.setTimestamp(1, at);
            st.setTimestamp(2, at);
            st.setInt(3, weeks);
            st.setObject(4, clinic);
            st.setObject(5, clinic);
            return drain(st.executeQuery());
        }
    }

    /** The clinic-wide weekly counts as the service runs them now; returns the rows read. */
    static int weeksOnly(Connection db, UUID clinic, int weeks, Instant now) throws SQLException {
        return weeks(db, clinic, null, weeks, now);
    }

    /** A patient's progress statements: weeks, per-exercise counts, last session. */
    static int progress(Connection db, UUID clinic, UUID patient, int weeks, Instant now, LocalDate from)
            throws SQLException {
        int rows = weeks(db, clinic, patient, weeks, now);
        try (PreparedStatement st = db.prepareStatement(EXERCISES)) {
            st.setObject(1, patient);
            st.setObject(2, from);
            rows += drain(st.executeQuery());
        }
        try (PreparedStatement st = db.prepareStatement(LAST_SESSION)) {
            st.setObject(1, patient);
            rows += drain(st.executeQuery());
        }
        return rows;
    }

    /** EXPLAIN (ANALYZE, BUFFERS) of the dashboard's statements for one clinic, as text. */
    static String explainDashboard(Connection db, UUID clinic, int weeks, Instant now) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (PreparedStatement st = db.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + WEEKS.formatted("", ""))) {
            Timestamp at = Timestamp.from(now);
            st.setTimestamp(1, at);
            st.setTimestamp(2, at);
            st.setInt(3, weeks);
            st.setObject(4, clinic);
            st.setObject(5, clinic);
            st.setTimestamp(6, at);
            st.setInt(7, weeks);
            out.append("-- weeks of every patient of the clinic\n").append(plan(st.executeQuery()));
        }
        try (PreparedStatement st = db.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + PATIENTS)) {
            st.setObject(1, clinic);
            out.append("\n-- patients with program, alerts, exercises, last session\n").append(plan(st.executeQuery()));
        }
        return out.toString();
    }

    /** {@code word:*} as the search binds it: the name/alias form ({@code word:*A}) and the plain one. */
    private static void searchParameters(PreparedStatement st, String tsQuery) throws SQLException {
        String title = tsQuery.replace(":*", ":*A");
        st.setString(1, tsQuery);
        st.setString(2, title);
        st.setString(3, tsQuery);
        st.setString(4, title);
        st.setString(5, tsQuery);
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
        try (PreparedStatement st = db.prepareStatement(patient == null ? WEEKS.formatted("", "")
                : WEEKS.formatted("AND pt.id = ?", "AND s.patient_id = ?"))) {
            int i = 1;
            Timestamp at = Timestamp.from(now);
            st.setTimestamp(i++, at);
            st.setTimestamp(i++, at);
            st.setInt(i++, weeks);
            st.setObject(i++, clinic);
            if (patient != null) {
                st.setObject(i++, patient);
            }
            st.setObject(i++, clinic);
            if (patient != null) {
                st.setObject(i++, patient);
            }
            st.setTimestamp(i++, at);
            st.setInt(i, weeks);
            return drain(st.executeQuery());
        }
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

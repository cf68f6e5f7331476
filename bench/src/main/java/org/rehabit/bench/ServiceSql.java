package org.rehabit.bench;

import org.rehabit.catalog.exercise.ExerciseSearchSql;
import org.rehabit.session.progress.ProgressRepository;

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
 * The SQL behind the clinic dashboard, a patient's progress and the exercise search, as the services run it, with the
 * same parameters, over plain JDBC: the reference the services' answers are compared with. The statements are the
 * services' own ({@link ProgressRepository}'s and {@link ExerciseSearchSql}'s public constants, inlined here by the
 * compiler, so no copy to keep in step); only the dashboard's sort key ({@code sort=-painTrend},
 * ClinicSummaryService.Sort) and the search's tsquery assembly for one word are spelled out here.
 */
final class ServiceSql {

    static final String WEEKS = ProgressRepository.WEEKS;
    static final String SUMMARY = ProgressRepository.SUMMARY;

    /** The order of {@code sort=-painTrend}: ClinicSummaryService.Sort.PAIN_TREND, descending, ties by id. */
    static final String PAIN_TREND_DESCENDING = "m.pain_trend DESC NULLS LAST, " + ProgressRepository.ID_ORDER;

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

    /**
     * The catalog search's statement for a one-word text query (the word matched as a prefix, no filters), as
     * ExerciseVersionRepository.textSearch fills in {@link ExerciseSearchSql#TEXT_SEARCH}: the tsquery's parts joined
     * with {@code &&} in parentheses (here the prefix part alone), no filters. Bound with {@code prefix} = word:*,
     * {@code limit} 20, {@code offset} 0: the first page as {@code GET /exercises?q=word&size=20} asks for it.
     */
    static final String SEARCH = ExerciseSearchSql.TEXT_SEARCH.formatted("(" + ExerciseSearchSql.PREFIX_QUERY + ")",
            "");

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
     * from {@code values}, so that the service's statements run character for character.
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
        try (PreparedStatement st = bind(db, ProgressRepository.FIRST_PROGRAM_START, Map.of("patient", patient));
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
        try (PreparedStatement st = bind(db, ProgressRepository.PRESCRIBED_ITEMS, Map.of("patient", patient, "from", from))) {
            rows += drain(st.executeQuery());
        }
        try (PreparedStatement st = bind(db, ProgressRepository.LAST_SESSION, Map.of("patient", patient))) {
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

    /** The search's parameters for {@code word:*}, first page of 20. */
    private static Map<String, Object> searchParameters(String tsQuery) {
        return Map.of("prefix", tsQuery, "limit", 20, "offset", 0L);
    }

    /** EXPLAIN (ANALYZE, BUFFERS) of the search's first statement for one term, as text. */
    static String explainSearch(Connection db, String tsQuery) throws SQLException {
        try (PreparedStatement st = bind(db, "EXPLAIN (ANALYZE, BUFFERS) " + SEARCH, searchParameters(tsQuery))) {
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
        try (PreparedStatement st = bind(db, SEARCH, searchParameters(tsQuery))) {
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

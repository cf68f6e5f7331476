package org.rehabit.bench;

import org.rehabit.catalog.exercise.ExerciseSearchSql;
import org.rehabit.session.progress.FiguresRepository;
import org.rehabit.session.progress.ProgressRepository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * services' own ({@link FiguresRepository}'s, {@link ProgressRepository}'s and {@link ExerciseSearchSql}'s public
 * constants, read from the services' jars on the bench's class path, so no copy to keep in step); only the dashboard's sort key
 * ({@code sort=-painTrend}, ClinicSummaryService.Sort) and the search's tsquery assembly for one word are spelled out
 * here.
 */
final class ServiceSql {

    static final String WEEKS = sql(ProgressRepository.class, "WEEKS");
    static final String SUMMARY = sql(ProgressRepository.class, "SUMMARY");

    /** The order of {@code sort=-painTrend}: ClinicSummaryService.Sort.PAIN_TREND, descending, ties by id. */
    static final String PAIN_TREND_DESCENDING = "m.pain_trend DESC NULLS LAST, " + sql(ProgressRepository.class, "ID_ORDER");
    /** The same order over the stored figures (ClinicSummaryService.Sort.storedOrderBy). */
    static final String STORED_PAIN_TREND_DESCENDING = "f.pain_trend DESC NULLS LAST, f.id_key";
    /**
     * The stored figures' page as the service runs it for {@code sort=-painTrend}, no filter: one statement with the
     * total and the staleness check ({@link FiguresRepository#pageSql}, the text the service prepares).
     */
    static final String PAGE = FiguresRepository.pageSql(false, false, false, STORED_PAIN_TREND_DESCENDING);

    /**
     * The catalog search's statement for a one-word text query (the word matched as a prefix, no filters), as
     * ExerciseVersionRepository.textSearch fills in {@link ExerciseSearchSql#TEXT_SEARCH}: the tsquery's parts joined
     * with {@code &&} in parentheses (here the prefix part alone), no filters. Bound with {@code prefix} = word:*,
     * {@code limit} 20, {@code offset} 0: the first page as {@code GET /exercises?q=word&size=20} asks for it.
     */
    static final String SEARCH = sql(ExerciseSearchSql.class, "TEXT_SEARCH").formatted("(" + sql(ExerciseSearchSql.class, "PREFIX_QUERY") + ")",
            "");

    private ServiceSql() {
    }

    /**
     * A service's statement constant as its jar on the class path holds it now: read by reflection, because javac
     * copies a compile-time constant into this class and a bench compiled before the service changed would run the
     * old text.
     */
    static String sql(Class<?> owner, String constant) {
        try {
            return (String) owner.getField(constant).get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(owner.getSimpleName() + "." + constant + " is not a public statement", e);
        }
    }

    /**
     * The dashboard's statement for one clinic over {@code weeks} weeks (a stored window), as the service runs it for
     * {@code sort=-painTrend&size=50}, first page, once the figures are up to date: the page with its total and the
     * staleness check, one round trip; returns the rows read.
     */
    static int dashboard(Connection db, UUID clinic, int weeks) throws SQLException {
        try (PreparedStatement st = page(db, "", clinic, weeks)) {
            return drain(st.executeQuery());
        }
    }

    private static PreparedStatement page(Connection db, String prefix, UUID clinic, int weeks) throws SQLException {
        // :now as the service binds it (an OffsetDateTime, typed timestamptz): a Timestamp goes as a parameter of
        // unknown type, PgJDBC then describes the statement and sends a Sync before every execution (a second round
        // trip the service's read does not make)
        return bind(db, prefix + PAGE, Map.of("clinic", clinic, "weeks", weeks, "size", 50, "offset", 0L,
                "now", Instant.now().atOffset(ZoneOffset.UTC)));
    }

    /**
     * The same page computed for the request from the raw logs, as the service does for a window it does not store
     * (and did for every window before the figures were kept): what keeping them saves, on the same data.
     */
    static int dashboardPerRequest(Connection db, UUID clinic, int weeks, Instant now) throws SQLException {
        try (PreparedStatement st = summary(db, "", clinic, weeks, now)) {
            return drain(st.executeQuery());
        }
    }

    /**
     * Computes the stored figures of every patient of the clinic whose figures are not up to date, with the
     * service's refresh statement, batch after batch, as the first dashboard read or the scheduled refresh would;
     * returns the patients refreshed.
     */
    static int refreshFigures(Connection db, UUID clinic, Instant now) throws SQLException {
        int total = 0;
        int batch;
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        do {
            // as the service does: one refresh of a clinic at a time (its scheduled refresh may be running)
            try (PreparedStatement lock = bind(db, sql(FiguresRepository.class, "LOCK_CLINIC"), Map.of("clinic", clinic))) {
                drain(lock.executeQuery());
            }
            try (PreparedStatement st = bind(db, sql(FiguresRepository.class, "REFRESH").formatted(sql(FiguresRepository.class, "DUE_OF_CLINIC")),
                    Map.of("clinic", clinic, "now", Timestamp.from(now), "batch", FiguresRepository.BATCH,
                            "weeks", FiguresRepository.LONGEST_WINDOW, "atRiskAdherencePercent", 50,
                            "atRiskPainTrend", new java.math.BigDecimal("0.50")));
                 ResultSet rs = st.executeQuery()) {
                rs.next();
                batch = rs.getInt("refreshed");
            }
            db.commit();
            total += batch;
        } while (batch == FiguresRepository.BATCH);
        db.setAutoCommit(autoCommit);
        return total;
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

    /**
     * A patient's progress statements: the first program's start, the weeks (every week since it, for the
     * streak, when longer than the window), the prescribed items, the last session.
     */
    static int progress(Connection db, UUID clinic, UUID patient, int weeks, Instant now, LocalDate from)
            throws SQLException {
        int rows = 0;
        int counted = weeks;
        try (PreparedStatement st = bind(db, sql(ProgressRepository.class, "FIRST_PROGRAM_START"), Map.of("patient", patient));
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
        try (PreparedStatement st = bind(db, sql(ProgressRepository.class, "PRESCRIBED_ITEMS"), Map.of("patient", patient, "from", from))) {
            rows += drain(st.executeQuery());
        }
        try (PreparedStatement st = bind(db, sql(ProgressRepository.class, "LAST_SESSION"), Map.of("patient", patient))) {
            rows += drain(st.executeQuery());
        }
        return rows;
    }

    /**
     * EXPLAIN (ANALYZE, BUFFERS) of the dashboard's page over the stored figures of each clinic (the same plan and
     * about the same buffers whatever the clinic's size: a range scan of one index), then of the same page
     * computed per request for the first clinic given.
     */
    static String explainDashboard(Connection db, List<UUID> clinics, List<Integer> sizes, UUID perRequest,
                                   int weeks, Instant now) throws SQLException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < clinics.size(); i++) {
            try (PreparedStatement st = page(db, "EXPLAIN (ANALYZE, BUFFERS) ", clinics.get(i), weeks)) {
                out.append("-- the dashboard's page (sort=-painTrend, size=50) over the stored figures, clinic of ")
                        .append(sizes.get(i)).append(" patients\n").append(plan(st.executeQuery())).append('\n');
            }
        }
        try (PreparedStatement st = summary(db, "EXPLAIN (ANALYZE, BUFFERS) ", perRequest, weeks, now)) {
            out.append("-- the same page computed per request from the raw logs (windows not stored)\n")
                    .append(plan(st.executeQuery()));
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

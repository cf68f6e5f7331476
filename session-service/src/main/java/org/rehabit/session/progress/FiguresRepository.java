package org.rehabit.session.progress;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import org.rehabit.session.alert.AlertSettings;
import org.rehabit.session.program.ProgramStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard's figures kept as data (migration V12): {@code patient_day}, the rollup of the session logs kept by
 * a trigger in the log's transaction; {@code patient_refresh}, when each patient's figures stop being true (a log,
 * an alert, a program, the patient or the clinic's thresholds changing makes them due at once, and they hold until
 * the patient's next local midnight); {@code patient_figures}, each patient's figures per stored window, computed
 * by {@link #REFRESH} with the arithmetic of {@link ProgressRepository#SUMMARY} (one text,
 * {@link ProgressRepository#FIGURES}) and read a page at a time by {@link #PAGE} along an index. The statements are public constants, as the benchmark runs them.
 */
@ApplicationScoped
public class FiguresRepository {

    /** The windows (weeks) whose figures are stored; other windows are computed per request. */
    public static final Set<Integer> STORED_WINDOWS = Set.of(4, 12);
    /** The longest stored window: the refresh counts its weeks, the shorter windows are its last weeks. */
    public static final int LONGEST_WINDOW = 12;
    /** Patients refreshed per statement. */
    public static final int BATCH = 200;

    /**
     * A clinic's patients whose figures are not true at {@code :now} (due, or computed for another day): what a
     * refresh takes, whether a reader's or the scheduled one.
     */
    public static final String STALE_OF_CLINIC =
            "r.clinic_id = :clinic AND (r.valid_until <= CAST(:now AS timestamptz) OR r.valid_from > CAST(:now AS timestamptz))";

    /**
     * Whether any of the clinic's figures is stale at {@code :now} ({@link #STALE_OF_CLINIC}), as two probes of one
     * index each: each finds its answer at the first entry of its index range, whatever the statistics say. As one
     * EXISTS over the OR, the planner chose a sequential scan whenever its statistics took most rows for stale (a
     * first match soon, it reckoned): after a bulk load, or before autoanalyze caught up with the refresh, the
     * benchmark's 10,000-patient clinic had it read 20,000 pages of {@code patient_refresh} to find none (56 ms).
     */
    public static final String ANY_STALE_IN_CLINIC = """
            (EXISTS (SELECT 1 FROM patient_refresh r
                     WHERE r.clinic_id = :clinic AND r.valid_until <= CAST(:now AS timestamptz))
             OR EXISTS (SELECT 1 FROM patient_refresh r
                        WHERE r.clinic_id = :clinic AND r.valid_from > CAST(:now AS timestamptz)))""";

    /**
     * Up to {@code :batch} of the clinic's stale patients ({@link #STALE_OF_CLINIC}), the first by id of the union of
     * the same two index ranges as {@link #ANY_STALE_IN_CLINIC}, each walked in its index's order to at most
     * {@code :batch} rows, with the generation their figures are computed for. So a refresh reads the stale rows
     * only, whatever the statistics say: over the OR (or a plain union) with statistics taken while most rows were
     * stale, the planner walked or bitmap-scanned all of {@code patient_refresh} for a handful.
     */
    public static final String DUE_OF_CLINIC = """
            SELECT patient_id, generation FROM (
                (SELECT r.patient_id, r.generation FROM patient_refresh r
                 WHERE r.clinic_id = :clinic AND r.valid_until <= CAST(:now AS timestamptz)
                 ORDER BY r.valid_until LIMIT :batch)
                UNION
                (SELECT r.patient_id, r.generation FROM patient_refresh r
                 WHERE r.clinic_id = :clinic AND r.valid_from > CAST(:now AS timestamptz)
                 ORDER BY r.valid_from DESC LIMIT :batch)) stale
            ORDER BY patient_id
            LIMIT :batch""";

    /**
     * The patients of the selection {@code %s} (its columns {@code patient_id, generation}), with the bounds of the
     * longest stored window in their own time and the generation their figures are computed for.
     */
    static final String DUE_BOUNDS = """
            WITH due AS MATERIALIZED (
                %s
            ),
            bounds AS (
                SELECT pt.id AS patient_id, pt.clinic_id, pt.timezone, pt.name_key, pt.ref_key, d.generation,
                       (CAST(:now AS timestamptz) AT TIME ZONE pt.timezone)::date AS today,
                       date_trunc('week', (CAST(:now AS timestamptz) AT TIME ZONE pt.timezone)::date)::date
                           - 7 * (:weeks - 1) AS start
                FROM due d
                JOIN patient pt ON pt.id = d.patient_id
            ),
            """;

    /**
     * The weeks' done sessions and pains from the rollup: the same numbers as
     * {@link ProgressRepository#DONE_FROM_LOGS} (an average is the sum over the count in numeric, as avg does).
     */
    static final String DONE_FROM_DAYS = """
            done AS (
                SELECT d.patient_id, date_trunc('week', d.local_date)::date AS week_start, sum(d.done) AS done,
                       sum(d.pain_after_sum)::numeric / nullif(sum(d.pain_after_count), 0)::numeric AS pain_after,
                       sum(d.pain_before_sum)::numeric / nullif(sum(d.pain_before_count), 0)::numeric AS pain_before
                FROM patient_day d
                JOIN bounds b ON b.patient_id = d.patient_id
                WHERE d.local_date BETWEEN b.start AND b.today
                GROUP BY d.patient_id, 2
            ),
            """;

    /**
     * Computes and stores the figures of the patients of {@link #DUE_BOUNDS} for every stored window (each the last
     * weeks of the longest one, its week index {@code j} counted from its own first week) with the text of
     * {@link ProgressRepository#FIGURES} and {@link ProgressRepository#AT_RISK} (as the per-request summary), and
     * marks them true until the patient's next local midnight unless something changed them meanwhile (generation
     * moved). Rows whose figures did not change are not
     * rewritten. Returns the number of patients refreshed.
     */
    public static final String REFRESH = DUE_BOUNDS + ProgressRepository.PRESCRIBED + DONE_FROM_DAYS
            + ProgressRepository.JOIN_WEEKS + """
            , windows AS (
                SELECT wc.*, win.weeks, wc.i - (:weeks - win.weeks) AS j
                FROM week_counts wc
                CROSS JOIN (VALUES (4), (12)) win(weeks)
                WHERE wc.i >= :weeks - win.weeks
            ),
            """ + ProgressRepository.FIGURES + """
            latest AS (
                -- per patient: the last session no later log corrects, open alerts, the clinic's thresholds
                SELECT b.patient_id, last.performed_at, last.utc_offset_minutes, oa.open_alerts,
                       coalesce(cs.at_risk_adherence_percent, :atRiskAdherencePercent)::float8 / 100::float8
                           AS risk_adherence,
                       coalesce(cs.at_risk_pain_trend, :atRiskPainTrend)::float8 AS risk_pain_trend
                FROM bounds b
                LEFT JOIN clinic_settings cs ON cs.clinic_id = b.clinic_id
                CROSS JOIN LATERAL (SELECT count(*) AS open_alerts FROM alert a
                                    WHERE a.patient_id = b.patient_id AND a.status = 'OPEN') oa
                LEFT JOIN LATERAL (
            """ + ProgressRepository.lastSession("b.patient_id") + """
            ) last ON true
            ),
            stored AS (
                INSERT INTO patient_figures AS pf (patient_id, weeks, clinic_id, name_key, ref_key, adherence,
                                                   adherence_complete_weeks, pain_trend, weekly_pain_after,
                                                   last_session_at, last_session_offset_minutes, open_alerts, at_risk)
                SELECT f.patient_id, f.weeks, b.clinic_id, b.name_key, b.ref_key, f.adherence,
                       f.adherence_complete_weeks, f.pain_trend, f.weekly_pain_after, l.performed_at,
                       l.utc_offset_minutes, l.open_alerts,
            """ + ProgressRepository.AT_RISK + """

                FROM figures f
                JOIN bounds b ON b.patient_id = f.patient_id
                JOIN latest l ON l.patient_id = f.patient_id
                ORDER BY f.patient_id, f.weeks
                ON CONFLICT (patient_id, weeks) DO UPDATE
                    SET name_key = excluded.name_key, ref_key = excluded.ref_key, adherence = excluded.adherence,
                        adherence_complete_weeks = excluded.adherence_complete_weeks,
                        pain_trend = excluded.pain_trend, weekly_pain_after = excluded.weekly_pain_after,
                        last_session_at = excluded.last_session_at,
                        last_session_offset_minutes = excluded.last_session_offset_minutes,
                        open_alerts = excluded.open_alerts, at_risk = excluded.at_risk
                    WHERE (pf.name_key, pf.ref_key, pf.adherence, pf.adherence_complete_weeks, pf.pain_trend,
                           pf.weekly_pain_after, pf.last_session_at, pf.last_session_offset_minutes,
                           pf.open_alerts, pf.at_risk)
                          IS DISTINCT FROM (excluded.name_key, excluded.ref_key, excluded.adherence,
                           excluded.adherence_complete_weeks, excluded.pain_trend, excluded.weekly_pain_after,
                           excluded.last_session_at, excluded.last_session_offset_minutes, excluded.open_alerts,
                           excluded.at_risk)
                RETURNING 1
            ),
            free AS (
                -- the rows no session log is changing now: a log's transaction holds its patient's row until it
                -- commits, and its patient stays due anyway (generation moved); waiting for it instead could close a
                -- cycle with a batch of logs that waits for a row taken here (a deadlock, which PostgreSQL breaks
                -- only after deadlock_timeout, a second in which every log waits)
                SELECT r.patient_id FROM patient_refresh r
                WHERE r.patient_id IN (SELECT patient_id FROM bounds)
                FOR UPDATE SKIP LOCKED
            ),
            marked AS (
                UPDATE patient_refresh r
                SET valid_from = b.today::timestamp AT TIME ZONE b.timezone,
                    -- (at least a minute on: a zone whose clocks skip midnight must not make it due at once)
                    valid_until = greatest((b.today + 1)::timestamp AT TIME ZONE b.timezone,
                                           CAST(:now AS timestamptz) + interval '1 minute')
                FROM bounds b
                WHERE r.patient_id = b.patient_id AND r.generation = b.generation
                  AND r.patient_id IN (SELECT patient_id FROM free)
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM due) AS refreshed, (SELECT count(*) FROM stored) AS changed,
                   (SELECT count(*) FROM marked) AS marked
            """;

    /**
     * One page of a clinic's stored figures for one window, in one statement (one round trip): the first row says
     * how many patients match ({@code total}: {@code %3$s}, {@link #KEPT_TOTAL} or {@link #MATCHING_TOTAL}) and
     * whether any of the clinic's figures is stale at {@code :now} ({@code stale}, {@link #ANY_STALE_IN_CLINIC}: then
     * the reader refreshes and reads again); each row then carries one patient of the page (null columns when the
     * page is empty), with name, reference and open program. {@code %1$s} the filter (over {@code f.}),
     * {@code %2$s} the ORDER BY keys (an index's order: the page is a range scan of it).
     */
    public static final String PAGE = """
            SELECT h.total, h.stale, p.*
            FROM (SELECT %3$s AS total, """ + ANY_STALE_IN_CLINIC + """
             AS stale) h
            LEFT JOIN LATERAL (
                SELECT f.patient_id AS id, pt.display_name, pt.external_ref, f.adherence, f.adherence_complete_weeks,
                       f.pain_trend, f.weekly_pain_after, f.last_session_at AS performed_at,
                       f.last_session_offset_minutes AS utc_offset_minutes, f.open_alerts, f.at_risk,
            """ + ProgressRepository.openProgram("f.patient_id") + """
            ,
                       row_number() OVER (ORDER BY %2$s) AS position
                FROM (SELECT f.* FROM patient_figures f
                      WHERE f.clinic_id = :clinic AND f.weeks = :weeks %1$s
                      ORDER BY %2$s
                      LIMIT :size OFFSET :offset) f
                JOIN patient pt ON pt.id = f.patient_id
            ) p ON true
            ORDER BY p.position
            """;

    /** The total of {@link #PAGE} without a text or physio filter: the kept count ({@code %s}: patients, at_risk). */
    public static final String KEPT_TOTAL = "coalesce((SELECT c.%s FROM clinic_figures_count c "
            + "WHERE c.clinic_id = :clinic AND c.weeks = :weeks), 0)";
    /** The total of {@link #PAGE} with a text or physio filter (the count is not kept for those): {@code %s} it. */
    public static final String MATCHING_TOTAL = "(SELECT count(*) FROM patient_figures f "
            + "WHERE f.clinic_id = :clinic AND f.weeks = :weeks %s)";

    /** The filter of {@link #PAGE} for a name or reference ({@link org.rehabit.session.patient.NameKey}). */
    public static final String TEXT_FILTER = " AND (strpos(f.name_key, :needle) > 0 OR strpos(f.ref_key, :needle) > 0)";
    /**
     * The filter of {@link #PAGE} for one physio's patients ("my patients"): the assignment is the patient's, read
     * through its primary key per row of the index range (not kept in the figures, so a reassignment needs no
     * refresh).
     */
    public static final String ASSIGNED_FILTER =
            " AND EXISTS (SELECT 1 FROM patient pa WHERE pa.id = f.patient_id AND pa.physio_id = :physio)";
    /** The filter of {@link #PAGE} for the patients at risk. */
    public static final String AT_RISK_FILTER = " AND f.at_risk";

    /** One refresh of a clinic at a time: a transaction-scoped advisory lock per clinic. */
    public static final String LOCK_CLINIC = "SELECT pg_advisory_xact_lock(1216, hashtext(CAST(:clinic AS text)))";

    /** Clinics with patients whose figures are due, for the scheduled refresh. */
    static final String DUE_CLINICS = """
            SELECT DISTINCT r.clinic_id FROM (SELECT r.clinic_id FROM patient_refresh r
                                              WHERE r.valid_until <= CAST(:now AS timestamptz) LIMIT 10000) r
            """;

    private final EntityManager em;
    private final AgroalDataSource dataSource;
    /** {@link #PAGE} per filter and order, ready for JDBC. */
    private final Map<String, NamedSql> pages = new ConcurrentHashMap<>();

    public FiguresRepository(EntityManager em, AgroalDataSource dataSource) {
        this.em = em;
        this.dataSource = dataSource;
    }

    /** Whether any of the clinic's patients has figures that are not true at {@code now}. */
    public boolean anyStale(UUID clinicId, Instant now) {
        return (Boolean) em.createNativeQuery("SELECT " + ANY_STALE_IN_CLINIC)
                .setParameter("clinic", clinicId)
                .setParameter("now", now)
                .getSingleResult();
    }

    /**
     * Waits for any other refresh of the clinic in flight (a transaction-scoped advisory lock), so that two
     * refreshes never write the same rows at once.
     */
    public void lockClinic(UUID clinicId) {
        em.createNativeQuery(LOCK_CLINIC)
                .setParameter("clinic", clinicId)
                .getSingleResult();
    }

    /** Like {@link #lockClinic} without waiting: false when another refresh of the clinic holds it. */
    public boolean tryLockClinic(UUID clinicId) {
        return Boolean.TRUE.equals(em.createNativeQuery(
                        "SELECT pg_try_advisory_xact_lock(1216, hashtext(CAST(:clinic AS text)))")
                .setParameter("clinic", clinicId)
                .getSingleResult());
    }

    /** Refreshes one batch of the clinic's stale patients ({@link #DUE_OF_CLINIC}); returns how many were in it. */
    public int refreshBatch(UUID clinicId, Instant now) {
        return refreshBatch(clinicId, now, BATCH);
    }

    /** Like {@link #refreshBatch(UUID, Instant)} with at most {@code batch} patients. */
    public int refreshBatch(UUID clinicId, Instant now, int batch) {
        Tuple t = (Tuple) em.createNativeQuery(REFRESH.formatted(DUE_OF_CLINIC), Tuple.class)
                .setParameter("clinic", clinicId)
                .setParameter("now", now)
                .setParameter("batch", batch)
                .setParameter("weeks", LONGEST_WINDOW)
                .setParameter("atRiskAdherencePercent", AlertSettings.DEFAULT_AT_RISK_ADHERENCE_PERCENT)
                .setParameter("atRiskPainTrend", AlertSettings.DEFAULT_AT_RISK_PAIN_TREND)
                .getSingleResult();
        return (int) ProgressRepository.number(t.get("refreshed"));
    }

    /** Clinics with figures due at {@code now}. */
    @SuppressWarnings("unchecked")
    public List<UUID> dueClinics(Instant now) {
        return em.createNativeQuery(DUE_CLINICS, UUID.class).setParameter("now", now).getResultList();
    }

    /** A page of stored figures as read: its rows, how many patients match, and whether figures were stale. */
    public record StoredPage(List<ClinicSummaryView> rows, long total, boolean stale) {
    }

    /**
     * One page of stored figures and its total ({@link #PAGE}), read over plain JDBC on a connection of its own
     * (autocommit: one statement needs no transaction) straight into the views: no Hibernate query or result
     * mapping for a read page. The statement's text is made once per filter and order.
     */
    public StoredPage page(UUID clinicId, int weeks, String needle, String physio, boolean atRiskOnly,
                           String orderBy, int page, int size, Instant now) {
        int filters = (needle == null ? 0 : 1) | (physio == null ? 0 : 2) | (atRiskOnly ? 4 : 0);
        NamedSql sql = pages.computeIfAbsent(filters + orderBy, k -> NamedSql.of(pageSql(needle != null,
                physio != null, atRiskOnly, orderBy)));
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement(sql.text())) {
            String[] names = sql.names();
            for (int i = 0; i < names.length; i++) {
                st.setObject(i + 1, switch (names[i]) {
                    case "clinic" -> clinicId;
                    case "weeks" -> weeks;
                    case "now" -> now.atOffset(ZoneOffset.UTC);
                    case "size" -> size;
                    case "offset" -> (long) page * size;
                    case "needle" -> needle;
                    case "physio" -> physio;
                    default -> throw new IllegalStateException("No value for :" + names[i]);
                });
            }
            try (ResultSet rs = st.executeQuery()) {
                List<ClinicSummaryView> rows = new ArrayList<>(size);
                long total = 0;
                boolean stale = false;
                while (rs.next()) {
                    total = rs.getLong("total");
                    stale = rs.getBoolean("stale");
                    UUID id = rs.getObject("id", UUID.class);
                    if (id != null) {
                        rows.add(view(rs, id));
                    }
                }
                return new StoredPage(rows, total, stale);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the dashboard of clinic " + clinicId + " failed", e);
        }
    }

    /** {@link #PAGE} filled in for the filters given and {@code orderBy}. */
    public static String pageSql(boolean text, boolean physio, boolean atRiskOnly, String orderBy) {
        String filter = filter(text, physio, atRiskOnly);
        String total = text || physio ? MATCHING_TOTAL.formatted(filter)
                : KEPT_TOTAL.formatted(atRiskOnly ? "at_risk" : "patients");
        return PAGE.formatted(filter, orderBy, total);
    }

    private static ClinicSummaryView view(ResultSet rs, UUID id) throws SQLException {
        OffsetDateTime performed = rs.getObject("performed_at", OffsetDateTime.class);
        String status = rs.getString("program_status");
        String exercises = rs.getString("program_exercises");
        return new ClinicSummaryView(id, rs.getString("display_name"), rs.getString("external_ref"),
                status == null ? null : ProgramStatus.valueOf(status), nullableDouble(rs, "adherence"),
                nullableDouble(rs, "adherence_complete_weeks"), nullableDouble(rs, "pain_trend"),
                weeklyPainAfter(rs.getArray("weekly_pain_after")),
                performed == null ? null : performed.toInstant()
                        .atOffset(ZoneOffset.ofTotalSeconds(rs.getInt("utc_offset_minutes") * 60)),
                rs.getInt("open_alerts"), rs.getBoolean("at_risk"),
                exercises == null || exercises.isEmpty() ? List.of() : List.of(exercises.split(",")));
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    /** The weeks' average pain after sessions (a float8[] with nulls), rounded for display. */
    private static List<Double> weeklyPainAfter(java.sql.Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        List<Double> weeks = new ArrayList<>(values.length);
        for (Object value : values) {
            weeks.add(ProgressMath.round(ProgressRepository.nullableNumber(value)));
        }
        return weeks;
    }

    /** A statement with {@code :name} parameters (not {@code ::casts}) as JDBC's {@code ?}, and the names in order. */
    record NamedSql(String text, String[] names) {
        private static final Pattern NAMED = Pattern.compile("(?<![:\\w]):([a-zA-Z]\\w*)");

        static NamedSql of(String sql) {
            Matcher m = NAMED.matcher(sql);
            List<String> names = new ArrayList<>();
            StringBuilder positional = new StringBuilder();
            while (m.find()) {
                names.add(m.group(1));
                m.appendReplacement(positional, "?");
            }
            m.appendTail(positional);
            return new NamedSql(positional.toString(), names.toArray(String[]::new));
        }
    }

    /** Whether PostgreSQL aborted the transaction to break a deadlock (SQLSTATE 40P01). */
    static boolean isDeadlock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "40P01".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static String filter(boolean text, boolean physio, boolean atRiskOnly) {
        return (!text ? "" : TEXT_FILTER) + (!physio ? "" : ASSIGNED_FILTER)
                + (atRiskOnly ? AT_RISK_FILTER : "");
    }
}

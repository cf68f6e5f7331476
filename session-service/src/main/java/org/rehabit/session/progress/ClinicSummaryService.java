package org.rehabit.session.progress;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;
import org.rehabit.session.common.PageView;
import org.rehabit.session.identity.Caller;
import org.rehabit.session.patient.NameKey;
import org.rehabit.session.patient.PatientService;
import org.rehabit.session.program.ProgramStatus;
import org.rehabit.support.InvalidInput;
import org.rehabit.support.NotFound;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The data behind the clinic dashboard: every patient of the clinic with adherence, pain trend, last
 * session and open alerts. For a stored window the page is read from the figures kept as data
 * ({@link FiguresRepository}: one index range scan, whatever the clinic's size); for another window one statement
 * computes the figures of every matching patient from the raw logs, filters, sorts and pages them in the database
 * (the arithmetic of {@link ProgressMath}, done the same way there). Either way only the shown page leaves the
 * database, with its pinned exercises.
 */
@ApplicationScoped
public class ClinicSummaryService {

    /**
     * Orders the dashboard can be sorted by; prefix with '-' for descending. Ascending puts patients without a
     * figure first, descending last (as a reversed nulls-first comparator did); ties go by id.
     */
    enum Sort {
        NAME("m.name_key", "f.name_key", false), // NameKey, in the "C" collation: byte order
        ADHERENCE("m.adherence", "f.adherence", true),
        PAIN_TREND("m.pain_trend", "f.pain_trend", true),
        LAST_SESSION(ProgressRepository.LAST_SESSION_AT, "f.last_session_at", true),
        OPEN_ALERTS("m.open_alerts", "f.open_alerts", false);

        /** The key in the per-request statement, and in the stored figures (where an index has this order). */
        final String column;
        final String stored;
        final boolean nullable;

        Sort(String column, String stored, boolean nullable) {
            this.column = column;
            this.stored = stored;
            this.nullable = nullable;
        }

        String orderBy(boolean descending) {
            return column + direction(descending) + ", " + ProgressRepository.ID_ORDER;
        }

        /** Ties by f.id_key: UUID.compareTo's order, as ID_ORDER. */
        String storedOrderBy(boolean descending) {
            return stored + direction(descending) + ", f.id_key";
        }

        private String direction(boolean descending) {
            return (descending ? " DESC" : " ASC") + (!nullable ? "" : descending ? " NULLS LAST" : " NULLS FIRST");
        }
    }

    /** A sort as asked for. */
    record Order(Sort sort, boolean descending) {
    }

    /** More batches than any clinic needs: a bound, not a figure. */
    private static final int MAX_BATCHES = 1_000;

    private final ProgressRepository progress;
    private final FiguresRepository figures;
    private final PatientService patients;
    private final Clock clock;

    public ClinicSummaryService(ProgressRepository progress, FiguresRepository figures, PatientService patients,
                                Clock clock) {
        this.clock = clock;
        this.patients = patients;
        this.progress = progress;
        this.figures = figures;
    }

    /**
     * A page of the dashboard: from the stored figures for a stored window, else computed for the request over the
     * raw logs. A stored page is one statement (no transaction), which also says whether any of the clinic's figures
     * is stale; only then are they brought up to date (a transaction of its own) and the page read again. So a
     * request holds one connection at a time (one held while waiting for another clinic refresh to end would let a
     * few concurrent dashboards exhaust the pool).
     */
    public PageView<ClinicSummaryView> summary(Caller caller, UUID clinicId, int weeks, String sort, boolean atRiskOnly,
                                               String text, String assignedTo, int page, int size) {
        if (!caller.clinicId().equals(clinicId)) {
            throw new NotFound("No clinic " + clinicId + ".");
        }
        Order order = order(sort);
        // a transaction only when there is another physio to look up ("me" needs none: the caller is staff)
        String physio = assignedTo == null || assignedTo.isBlank() ? null
                : PatientService.isCaller(caller, assignedTo) ? caller.subject()
                : QuarkusTransaction.joiningExisting().call(() -> patients.assignedSubject(caller, assignedTo));
        String needle = text == null || text.isBlank() ? null : NameKey.of(text.strip());
        Instant now = clock.instant();
        if (!FiguresRepository.STORED_WINDOWS.contains(weeks)) {
            return recomputed(clinicId, weeks, order, needle, physio, atRiskOnly, page, size);
        }
        String orderBy = order.sort().storedOrderBy(order.descending());
        FiguresRepository.StoredPage read = figures.page(clinicId, weeks, needle, physio, atRiskOnly, orderBy, page,
                size, now);
        if (read.stale()) {
            refreshStale(clinicId, now);
            read = figures.page(clinicId, weeks, needle, physio, atRiskOnly, orderBy, page, size, now);
        }
        return new PageView<>(read.rows(), page, size, read.total());
    }

    /** The same page computed for the request from the raw logs (what the stored figures must equal). */
    PageView<ClinicSummaryView> recomputed(UUID clinicId, int weeks, Order order, String needle, String physio,
                                           boolean atRiskOnly, int page, int size) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            ProgressRepository.SummaryPage computed = progress.summary(clinicId, weeks, clock.instant(), needle,
                    physio, atRiskOnly, order.sort().orderBy(order.descending()), page, size);
            return new PageView<>(views(computed.rows()), page, size, computed.total());
        });
    }

    private static List<ClinicSummaryView> views(List<Tuple> found) {
        List<ClinicSummaryView> rows = new ArrayList<>(found.size());
        for (Tuple t : found) {
            Object performed = t.get("performed_at");
            String status = t.get("program_status", String.class);
            String exercises = t.get("program_exercises", String.class);
            rows.add(new ClinicSummaryView(t.get("id", UUID.class), t.get("display_name", String.class),
                    t.get("external_ref", String.class), status == null ? null : ProgramStatus.valueOf(status),
                    ProgressRepository.nullableNumber(t.get("adherence")),
                    ProgressRepository.nullableNumber(t.get("adherence_complete_weeks")),
                    ProgressRepository.nullableNumber(t.get("pain_trend")),
                    weeklyPainAfter(t.get("weekly_pain_after")),
                    performed == null ? null : ProgressRepository.instant(performed).atOffset(ZoneOffset
                            .ofTotalSeconds((int) ProgressRepository.number(t.get("utc_offset_minutes")) * 60)),
                    (int) ProgressRepository.number(t.get("open_alerts")), t.get("at_risk", Boolean.class),
                    exercises == null || exercises.isEmpty() ? List.of() : List.of(exercises.split(","))));
        }
        return rows;
    }

    /**
     * Brings the clinic's stored figures up to date before they are read: usually nothing to do (the scheduled
     * refresh keeps them), otherwise the patients changed since (a log, an alert, a program) or whose day ended.
     * The check and the refresh share a transaction of their own (one connection, none held meanwhile), tried again
     * once if PostgreSQL broke a deadlock with a concurrent write that made many patients due at once (the clinic's
     * thresholds, the inactivity rule).
     */
    private void refreshStale(UUID clinicId, Instant now) {
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    if (!figures.anyStale(clinicId, now)) {
                        return;
                    }
                    figures.lockClinic(clinicId);
                    for (int i = 0; i < MAX_BATCHES && figures.refreshBatch(clinicId, now)
                            == FiguresRepository.BATCH; i++) {
                        // the next batch
                    }
                });
                return;
            } catch (RuntimeException e) {
                if (attempt > 1 || !FiguresRepository.isDeadlock(e)) {
                    throw e;
                }
            }
        }
    }

    /** The weeks' average pain after sessions (a float8[] with nulls), rounded for display as before. */
    private static List<Double> weeklyPainAfter(Object array) {
        Object[] values;
        try {
            values = array instanceof java.sql.Array sql ? (Object[]) sql.getArray() : (Object[]) array;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        List<Double> weeks = new ArrayList<>(values.length);
        for (Object value : values) {
            weeks.add(ProgressMath.round(ProgressRepository.nullableNumber(value)));
        }
        return weeks;
    }

    static Order order(String sort) {
        String key = sort == null || sort.isBlank() ? "name" : sort.strip();
        boolean descending = key.startsWith("-");
        String name = (descending ? key.substring(1) : key).toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return new Order(Sort.valueOf(camelToSnake(name)), descending);
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of("sort", "must be one of name, adherence, painTrend, lastSession, openAlerts "
                    + "(prefix - for descending)");
        }
    }

    private static String camelToSnake(String upper) {
        return switch (upper) {
            case "PAINTREND" -> "PAIN_TREND";
            case "LASTSESSION" -> "LAST_SESSION";
            case "OPENALERTS" -> "OPEN_ALERTS";
            default -> upper;
        };
    }
}

package org.rehabit.session.progress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import org.rehabit.session.common.PageView;
import org.rehabit.session.identity.Caller;
import org.rehabit.session.patient.NameKey;
import org.rehabit.session.program.ProgramStatus;
import org.rehabit.support.InvalidInput;
import org.rehabit.support.NotFound;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The data behind the clinic dashboard: every patient of the clinic with adherence, pain trend, last
 * session and open alerts. One statement computes the figures of every matching patient, filters, sorts and
 * pages them in the database (the arithmetic of {@link ProgressMath}, done the same way there), and returns the
 * shown page only, with its pinned exercises.
 */
@ApplicationScoped
public class ClinicSummaryService {

    /**
     * Orders the dashboard can be sorted by; prefix with '-' for descending. Ascending puts patients without a
     * figure first, descending last (as a reversed nulls-first comparator did); ties go by id.
     */
    enum Sort {
        NAME("m.name_key", false), // NameKey, in the "C" collation: byte order
        ADHERENCE("m.adherence", true),
        PAIN_TREND("m.pain_trend", true),
        LAST_SESSION(ProgressRepository.LAST_SESSION_AT, true),
        OPEN_ALERTS("m.open_alerts", false);

        final String column;
        final boolean nullable;

        Sort(String column, boolean nullable) {
            this.column = column;
            this.nullable = nullable;
        }

        String orderBy(boolean descending) {
            return column + (descending ? " DESC" : " ASC") + (!nullable ? "" : descending ? " NULLS LAST"
                    : " NULLS FIRST");
        }
    }

    private final ProgressRepository progress;
    private final Clock clock;

    public ClinicSummaryService(ProgressRepository progress, Clock clock) {
        this.clock = clock;
        this.progress = progress;
    }

    @Transactional
    public PageView<ClinicSummaryView> summary(Caller caller, UUID clinicId, int weeks, String sort, boolean atRiskOnly,
                                               String text, int page, int size) {
        if (!caller.clinicId().equals(clinicId)) {
            throw new NotFound("No clinic " + clinicId + ".");
        }
        String orderBy = orderBy(sort);
        String needle = text == null || text.isBlank() ? null : NameKey.of(text.strip());
        ProgressRepository.SummaryPage found = progress.summary(clinicId, weeks, clock.instant(), needle,
                atRiskOnly, orderBy, page, size);
        List<ClinicSummaryView> rows = new ArrayList<>(found.rows().size());
        for (Tuple t : found.rows()) {
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
        return new PageView<>(rows, page, size, found.total());
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

    private static String orderBy(String sort) {
        String key = sort == null || sort.isBlank() ? "name" : sort.strip();
        boolean descending = key.startsWith("-");
        String name = (descending ? key.substring(1) : key).toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return Sort.valueOf(camelToSnake(name)).orderBy(descending);
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

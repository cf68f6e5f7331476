package org.rehabit.session.progress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import org.rehabit.session.common.PageView;
import org.rehabit.session.identity.Caller;
import org.rehabit.session.program.ProgramStatus;
import org.rehabit.support.InvalidInput;
import org.rehabit.support.NotFound;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The data behind the clinic dashboard: every patient of the clinic with adherence, pain trend, last
 * session and open alerts. Two set-based queries for the whole clinic, whatever its size (what sorting and
 * filtering need), and one for what only the shown page carries (the pinned exercises).
 */
@ApplicationScoped
public class ClinicSummaryService {

    static final double AT_RISK_ADHERENCE = 0.5;
    static final double AT_RISK_PAIN_TREND = 0.5;

    /** Orders the dashboard can be sorted by; prefix with '-' for descending. */
    enum Sort {
        NAME(Comparator.comparing((ClinicSummaryView r) -> r.displayName().toLowerCase(Locale.ROOT))),
        ADHERENCE(Comparator.comparing(ClinicSummaryView::adherence, Comparator.nullsFirst(Comparator.naturalOrder()))),
        PAIN_TREND(Comparator.comparing(ClinicSummaryView::painTrend,
                Comparator.nullsFirst(Comparator.naturalOrder()))),
        LAST_SESSION(Comparator.comparing((ClinicSummaryView r) -> r.lastSessionAt() == null ? null
                : r.lastSessionAt().toInstant(), Comparator.nullsFirst(Comparator.naturalOrder()))),
        OPEN_ALERTS(Comparator.comparingInt(ClinicSummaryView::openAlerts));

        final Comparator<ClinicSummaryView> order;

        Sort(Comparator<ClinicSummaryView> order) {
            this.order = order;
        }
    }

    private final ProgressRepository progress;
    private final EntityManager em;
    private final Clock clock;

    public ClinicSummaryService(ProgressRepository progress, EntityManager em, Clock clock) {
        this.clock = clock;
        this.progress = progress;
        this.em = em;
    }

    @Transactional
    public PageView<ClinicSummaryView> summary(Caller caller, UUID clinicId, int weeks, String sort, boolean atRiskOnly,
                                               String text, int page, int size) {
        if (!caller.clinicId().equals(clinicId)) {
            throw new NotFound("No clinic " + clinicId + ".");
        }
        Comparator<ClinicSummaryView> order = order(sort);
        Instant now = clock.instant();
        Map<UUID, List<ProgressMath.WeekCount>> weeksByPatient = progress.weeks(clinicId, null, weeks, now);
        String needle = text == null || text.isBlank() ? null : text.strip().toLowerCase(Locale.ROOT);
        List<ClinicSummaryView> rows = new ArrayList<>();
        for (Object o : em.createNativeQuery("""
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
                        WHERE pt.clinic_id = :clinic
                        """, Tuple.class)
                .setParameter("clinic", clinicId)
                .getResultList()) {
            Tuple t = (Tuple) o;
            String name = t.get("display_name", String.class);
            String ref = t.get("external_ref", String.class);
            if (needle != null && !name.toLowerCase(Locale.ROOT).contains(needle)
                    && (ref == null || !ref.toLowerCase(Locale.ROOT).contains(needle))) {
                continue;
            }
            UUID id = t.get("id", UUID.class);
            List<ProgressMath.WeekCount> counts = weeksByPatient.getOrDefault(id, List.of());
            Double adherence = ProgressMath.round(ProgressMath.overallAdherence(counts));
            Double trend = ProgressMath.round(ProgressMath.painTrend(counts));
            int openAlerts = (int) ProgressRepository.number(t.get("open_alerts"));
            Object performed = t.get("performed_at");
            String status = t.get("program_status", String.class);
            boolean atRisk = openAlerts > 0 || (adherence != null && adherence < AT_RISK_ADHERENCE)
                    || (trend != null && trend >= AT_RISK_PAIN_TREND);
            if (atRiskOnly && !atRisk) {
                continue;
            }
            rows.add(new ClinicSummaryView(id, name, ref, status == null ? null : ProgramStatus.valueOf(status),
                    adherence, trend, counts.stream().map(w -> ProgressMath.round(w.painAfter())).toList(),
                    performed == null ? null : ProgressRepository.instant(performed).atOffset(ZoneOffset
                            .ofTotalSeconds((int) ProgressRepository.number(t.get("utc_offset_minutes")) * 60)),
                    openAlerts, atRisk, List.of()));
        }
        rows.sort(order.thenComparing(ClinicSummaryView::patientId));
        int fromIndex = Math.min(rows.size(), page * size);
        List<ClinicSummaryView> shown = rows.subList(fromIndex, Math.min(rows.size(), fromIndex + size));
        Map<UUID, List<String>> pinned = pinnedExercises(shown.stream().map(ClinicSummaryView::patientId).toList());
        return new PageView<>(shown.stream().map(r -> new ClinicSummaryView(r.patientId(), r.displayName(),
                r.externalRef(), r.programStatus(), r.adherence(), r.painTrend(), r.weeklyPainAfter(),
                r.lastSessionAt(), r.openAlerts(), r.atRisk(), pinned.getOrDefault(r.patientId(), List.of())))
                .toList(), page, size, rows.size());
    }

    /** The open program's exercises, {@code slug@version} in order, of the patients on the page only. */
    private Map<UUID, List<String>> pinnedExercises(List<UUID> patients) {
        Map<UUID, List<String>> pinned = new HashMap<>();
        if (patients.isEmpty()) {
            return pinned;
        }
        for (Object o : em.createNativeQuery("""
                        SELECT p.patient_id, string_agg(pi.exercise_slug || '@' || pi.exercise_version, ','
                                                        ORDER BY pi.position) AS program_exercises
                        FROM program p JOIN program_item pi ON pi.program_id = p.id
                        WHERE p.patient_id IN (:patients) AND p.status IN ('ACTIVE', 'PAUSED')
                        GROUP BY p.patient_id
                        """, Tuple.class)
                .setParameter("patients", patients)
                .getResultList()) {
            Tuple t = (Tuple) o;
            String joined = t.get("program_exercises", String.class);
            pinned.put(t.get("patient_id", UUID.class),
                    joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(",")));
        }
        return pinned;
    }

    private static Comparator<ClinicSummaryView> order(String sort) {
        String key = sort == null || sort.isBlank() ? "name" : sort.strip();
        boolean descending = key.startsWith("-");
        String name = (descending ? key.substring(1) : key).toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            Comparator<ClinicSummaryView> order = Sort.valueOf(camelToSnake(name)).order;
            return descending ? order.reversed() : order;
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

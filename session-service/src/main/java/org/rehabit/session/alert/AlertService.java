package org.rehabit.session.alert;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.rehabit.session.common.PageView;
import org.rehabit.session.identity.Caller;
import org.rehabit.session.patient.Patient;
import org.rehabit.session.patient.PatientRepository;
import org.rehabit.support.Conflict;
import org.rehabit.support.NotFound;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Raises alerts from the clinic's rules (pain after a session, pain rising within a session, pain during an
 * exercise, inactivity),
 * lists them and records their acknowledgement.
 */
@ApplicationScoped
public class AlertService {

    private static final Logger LOG = Logger.getLogger(AlertService.class);

    private final AlertRepository alerts;
    private final AlertSettingsRepository settings;
    private final MeterRegistry registry;
    private final PatientRepository patients;
    private final Clock clock;

    public AlertService(AlertRepository alerts, AlertSettingsRepository settings, PatientRepository patients,
                        MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.patients = patients;
        this.alerts = alerts;
        this.settings = settings;
        this.registry = registry;
    }

    /**
     * What a stored session log tells the rules.
     *
     * @param painDuring the highest pain during an item of the session, or null when none was reported
     * @param painDuringWhere which item (exercise, and side when per side) that pain was reported for
     */
    public record LoggedSession(UUID clinicId, UUID patientId, UUID sessionId, UUID causeSessionId, UUID programId,
                                int painBefore, int painAfter, Integer painDuring, String painDuringWhere) {
    }

    /** Applies the session rules to a log, inside the transaction that stores it. */
    public void onSessionLogged(LoggedSession s) {
        AlertSettings rules = settings.forClinic(s.clinicId());
        onSessionLogged(s, new SessionThresholds(rules.painAfterThreshold, rules.painRiseThreshold,
                rules.painDuringThreshold));
    }

    /**
     * The same, with the clinic's thresholds already read in the transaction that stores the log (they are read
     * with every log, not cached, so a changed threshold applies to the next log on every instance).
     */
    public void onSessionLogged(LoggedSession s, SessionThresholds rules) {
        Instant now = now();
        if (rules.painHigh(s.painAfter())) {
            raise(s, AlertRule.PAIN_HIGH, "Pain after the session was " + s.painAfter() + "/10 (threshold "
                    + rules.painAfter() + ")", now);
        }
        if (rules.painRose(s.painBefore(), s.painAfter())) {
            raise(s, AlertRule.PAIN_RISE, "Pain rose from " + s.painBefore() + " to " + s.painAfter()
                    + " during the session (threshold +" + rules.painRise() + ")", now);
        }
        if (rules.painDuringHigh(s.painDuring())) {
            raise(s, AlertRule.PAIN_DURING, "Pain during " + s.painDuringWhere() + " was " + s.painDuring()
                    + "/10 (threshold " + rules.painDuring() + ")", now);
        }
    }

    private void raise(LoggedSession s, AlertRule rule, String detail, Instant now) {
        if (alerts.raiseForSession(s.clinicId(), s.patientId(), rule, s.causeSessionId(), s.sessionId(),
                s.programId(), detail, now)) {
            registry.counter("rehabit.alerts.raised", "rule", rule.name()).increment();
        }
    }

    /**
     * The outcome rule, inside the transaction that stores the response: a score worse than the assignment's
     * baseline by at least the MCID (the caller judged it with {@code Change.between}).
     */
    public void onOutcomeWorse(UUID clinicId, UUID patientId, UUID assignmentId, UUID responseId, String detail) {
        if (alerts.raiseForOutcome(clinicId, patientId, assignmentId, responseId, detail, now())) {
            registry.counter("rehabit.alerts.raised", "rule", AlertRule.OUTCOME_WORSE.name()).increment();
        }
    }

    /**
     * The inactivity rule. Safe when several instances run it at once: each cause is recorded only once.
     */
    @Transactional
    public int raiseInactivity() {
        int raised = alerts.raiseInactivity(now());
        if (raised > 0) {
            registry.counter("rehabit.alerts.raised", "rule", AlertRule.INACTIVE.name()).increment(raised);
            LOG.infof("Raised %d inactivity alerts", raised);
        }
        return raised;
    }

    @Transactional
    public PageView<AlertView> list(Caller caller, UUID clinicId, Alert.Status status, UUID patientId, int page,
                                    int size) {
        requireOwnClinic(caller, clinicId);
        var query = alerts.ofClinic(clinicId, status, patientId).page(Page.of(page, size));
        var found = query.list();
        // the page's patients' names in one query, so a list of alerts says whose each one is
        Map<UUID, String> names = found.isEmpty() ? Map.of() : patients
                .list("id in ?1 and clinicId = ?2", found.stream().map(a -> a.patientId).distinct().toList(), clinicId)
                .stream().collect(Collectors.toMap(Patient::id, Patient::displayName));
        // and their occurrences in one query
        var occurrences = alerts.occurrences(found.stream().map(a -> a.id).toList());
        return new PageView<>(found.stream()
                .map(a -> AlertView.of(a, names.get(a.patientId), occurrences.get(a.id))).toList(), page, size,
                query.count());
    }

    @Transactional
    public AlertView acknowledge(Caller caller, UUID alertId, String note) {
        Alert alert = alerts.lockInClinic(alertId, caller.clinicId())
                .orElseThrow(() -> new NotFound("No alert " + alertId + "."));
        if (alert.status == Alert.Status.ACKNOWLEDGED) {
            throw new Conflict("Alert " + alertId + " was already acknowledged by " + alert.acknowledgedBy + " at "
                    + alert.acknowledgedAt + ".");
        }
        alert.status = Alert.Status.ACKNOWLEDGED;
        alert.acknowledgedAt = now();
        alert.acknowledgedBy = caller.subject();
        alert.acknowledgedNote = note == null || note.isBlank() ? null : note.strip();
        alerts.flush();
        return AlertView.of(alert, patients.findByIdOptional(alert.patientId).map(Patient::displayName).orElse(null),
                alerts.occurrences(List.of(alert.id)).get(alert.id));
    }

    @Transactional
    public AlertSettingsView settings(Caller caller, UUID clinicId) {
        requireOwnClinic(caller, clinicId);
        return AlertSettingsView.of(settings.forClinic(clinicId));
    }

    @Transactional
    public AlertSettingsView updateSettings(Caller caller, UUID clinicId, AlertSettingsView update) {
        requireOwnClinic(caller, clinicId);
        AlertSettings existing = settings.findByIdOptional(clinicId).orElse(null);
        AlertSettings current = existing != null ? existing : new AlertSettings(clinicId);
        current.painAfterThreshold = update.painAfterThreshold().shortValue();
        current.painRiseThreshold = update.painRiseThreshold().shortValue();
        current.inactivityDays = update.inactivityDays().shortValue();
        if (update.painDuringThreshold() != null) {
            current.painDuringThreshold = update.painDuringThreshold().shortValue();
        }
        if (update.atRiskAdherencePercent() != null) {
            current.atRiskAdherencePercent = update.atRiskAdherencePercent().shortValue();
        }
        if (update.atRiskPainTrend() != null) {
            current.atRiskPainTrend = update.atRiskPainTrend();
        }
        current.updatedAt = now();
        current.updatedBy = caller.subject();
        if (existing == null) {
            // persisted only once complete: the insert carries the state at persist time (updated_at NOT NULL)
            settings.persist(current);
        }
        settings.flush();
        return AlertSettingsView.of(current);
    }

    /** Another clinic's id answers like an unknown one. */
    static void requireOwnClinic(Caller caller, UUID clinicId) {
        if (!caller.clinicId().equals(clinicId)) {
            throw new NotFound("No clinic " + clinicId + ".");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

package org.rehabit.session.outcome;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.rehabit.session.alert.AlertService;
import org.rehabit.session.catalog.CatalogClient;
import org.rehabit.session.catalog.CatalogInstruments;
import org.rehabit.session.identity.Caller;
import org.rehabit.session.patient.Patient;
import org.rehabit.session.patient.PatientService;
import org.rehabit.support.Conflict;
import org.rehabit.support.InvalidInput;
import org.rehabit.support.NotFound;
import org.rehabit.support.Problem.FieldError;
import org.rehabit.support.Unavailable;
import org.rehabit.support.outcome.Change;
import org.rehabit.support.outcome.Item;
import org.rehabit.support.outcome.Score;
import org.rehabit.support.outcome.Scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Outcome measures of a patient: assigning an instrument version (pinned from the catalog), taking responses
 * (checked against the pinned items, scored by the pinned rule), the trend of scores, and the alert when a score is
 * worse than the baseline by at least the MCID.
 */
@ApplicationScoped
public class OutcomeMeasureService {

    private static final int CATALOG_RETRY_AFTER_SECONDS = 5;
    /** The instrument whose answers carry the activities the patient chose. */
    static final String PSFS = "psfs";

    private final OutcomeAssignmentRepository assignments;
    private final OutcomeResponseRepository responses;
    private final PatientService patients;
    private final CatalogClient catalog;
    private final AlertService alerts;
    private final Clock clock;

    public OutcomeMeasureService(OutcomeAssignmentRepository assignments, OutcomeResponseRepository responses,
                                 PatientService patients, CatalogClient catalog, AlertService alerts, Clock clock) {
        this.assignments = assignments;
        this.responses = responses;
        this.patients = patients;
        this.catalog = catalog;
        this.alerts = alerts;
        this.clock = clock;
    }

    /**
     * Assigns an instrument, pinning the version the catalog publishes (the newest when none is named). The catalog
     * is asked outside any transaction; when it cannot answer nothing is written (503).
     */
    public OutcomeAssignmentView assign(Caller caller, UUID patientId, AssignOutcomeMeasureRequest request) {
        boolean weekly = request.schedule() == OutcomeSchedule.EVERY_N_WEEKS;
        if (weekly && request.everyWeeks() == null) {
            throw InvalidInput.of("everyWeeks", "is required with EVERY_N_WEEKS (1 to 52)");
        }
        if (!weekly && request.everyWeeks() != null) {
            throw InvalidInput.of("everyWeeks", "is only for EVERY_N_WEEKS");
        }
        Patient patient = QuarkusTransaction.requiringNew().call(() -> patients.require(caller, patientId));
        CatalogInstruments.Instrument pinned = fetch(request.instrument(), request.version());
        return QuarkusTransaction.requiringNew().call(() -> {
            OutcomeAssignment assignment = new OutcomeAssignment(caller.clinicId(), patient.id(), pinned.slug(),
                    pinned.version(), pinned.name(), pinned.abbreviation(), pinned.items(), pinned.scoring(),
                    pinned.mcid() == null ? null : pinned.mcid().value(), request.schedule(), request.everyWeeks(),
                    caller.subject(), now());
            assignments.persist(assignment);
            assignments.flush();
            return OutcomeAssignmentView.of(assignment, OutcomeResponseRepository.Answered.NEVER,
                    patient.dischargedAt(), now());
        });
    }

    private CatalogInstruments.Instrument fetch(String slug, Integer version) {
        CatalogInstruments.Instrument found;
        try {
            found = catalog.instrument(slug, version).orElse(null);
        } catch (RuntimeException e) {
            throw new Unavailable("The catalog cannot be reached to pin the instrument; nothing was written. Try "
                    + "again shortly.", CATALOG_RETRY_AFTER_SECONDS, e);
        }
        if (found == null) {
            throw version == null ? InvalidInput.of("instrument", "is not an instrument of the catalog")
                    : InvalidInput.of("version", "is not a published version of instrument " + slug);
        }
        if (found.items() == null || found.items().isEmpty() || found.scoring() == null) {
            throw new Unavailable("The catalog's answer for instrument " + slug + " lacks its items or scoring rule; "
                    + "nothing was written.", CATALOG_RETRY_AFTER_SECONDS, null);
        }
        return found;
    }

    @Transactional
    public List<OutcomeAssignmentView> list(Caller caller, UUID patientId) {
        Patient patient = patients.require(caller, patientId);
        var answered = responses.answeredByAssignment(patient.id());
        Instant now = now();
        return assignments.allOfPatient(patient.id()).stream()
                .map(a -> OutcomeAssignmentView.of(a, answered.getOrDefault(a.id,
                        OutcomeResponseRepository.Answered.NEVER), patient.dischargedAt(), now))
                .toList();
    }

    /** Cancels an active assignment (409 when it was cancelled already); its responses stay. */
    @Transactional
    public OutcomeAssignmentView cancel(Caller caller, UUID patientId, UUID assignmentId) {
        Patient patient = patients.require(caller, patientId);
        OutcomeAssignment a = assignments.lockOfPatient(patient.id(), assignmentId)
                .orElseThrow(() -> notFound(assignmentId));
        if (a.status != OutcomeAssignment.Status.ACTIVE) {
            throw new Conflict("Outcome measure " + assignmentId + " was cancelled already.");
        }
        a.status = OutcomeAssignment.Status.CANCELLED;
        a.cancelledAt = now();
        a.cancelledBy = caller.subject();
        assignments.flush();
        return OutcomeAssignmentView.of(a, responses.answeredByAssignment(patient.id())
                .getOrDefault(a.id, OutcomeResponseRepository.Answered.NEVER), patient.dischargedAt(), now());
    }

    /**
     * Takes one set of answers: each must be an item of the pinned version with an answer in its range (400 naming
     * {@code answers.<id>}, nothing stored); scored by the pinned rule, or stored with no score and the reason when
     * too many items are missing. A score worse than the baseline by at least the MCID raises an alert.
     */
    @Transactional
    public OutcomeResponseView answer(Caller caller, UUID patientId, UUID assignmentId,
                                      AnswerOutcomeMeasureRequest request) {
        Patient patient = patients.require(caller, patientId);
        OutcomeAssignment a = assignments.lockOfPatient(patient.id(), assignmentId)
                .orElseThrow(() -> notFound(assignmentId));
        if (a.status != OutcomeAssignment.Status.ACTIVE) {
            throw new Conflict("Outcome measure " + assignmentId + " was cancelled; it takes no more answers.");
        }
        Map<String, Integer> answers = new LinkedHashMap<>();
        request.answers().forEach((id, value) -> {
            if (value != null) {
                answers.put(id, value);
            }
        });
        Score score = Scoring.score(a.items, a.scoring, answers);
        Map<String, String> activities = activities(a, answers, request.activities());
        List<OutcomeResponse> earlier = responses.ofAssignment(a.id);
        OutcomeResponse response = new OutcomeResponse(a, earlier.size() + 1, now(), caller.subject(), answers,
                activities, score.value(), score.answered(), score.missing(), score.reason());
        responses.persist(response);
        responses.flush();
        List<OutcomeResponse> all = new ArrayList<>(earlier);
        all.add(response);
        List<OutcomeResponseView> trend = trend(a, all);
        OutcomeResponseView view = trend.stream().filter(r -> r.id().equals(response.id)).findFirst().orElseThrow();
        if (view.fromBaseline() == Change.WORSENED) {
            OutcomeResponseView baseline = trend.stream().filter(OutcomeResponseView::baseline).findFirst()
                    .orElseThrow();
            alerts.onOutcomeWorse(a.clinicId, a.patientId, a.id, response.id, a.shortName() + " score "
                    + plain(view.score()) + " is " + plain(Math.abs(view.changeFromBaseline()))
                    + " points worse than the baseline " + plain(baseline.score()) + " of "
                    + LocalDate.ofInstant(baseline.answeredAt(), patient.zone()) + " (MCID "
                    + plain(a.mcid) + ")");
        }
        return view;
    }

    /**
     * The PSFS's answers name the activity rated under each answered item (required; none for an item left
     * unanswered); other instruments take no activities.
     */
    private static Map<String, String> activities(OutcomeAssignment a, Map<String, Integer> answers,
                                                  Map<String, String> given) {
        List<FieldError> errors = new ArrayList<>();
        if (!PSFS.equals(a.instrumentSlug)) {
            if (given != null && !given.isEmpty()) {
                throw InvalidInput.of("activities", "only the PSFS names activities");
            }
            return null;
        }
        Map<String, String> named = given == null ? Map.of() : given;
        Set<String> ids = new HashSet<>(a.items.stream().map(Item::id).toList());
        Map<String, String> activities = new HashMap<>();
        for (var entry : named.entrySet()) {
            if (!ids.contains(entry.getKey())) {
                errors.add(new FieldError("activities." + entry.getKey(), "is not an item of this questionnaire"));
            } else if (!answers.containsKey(entry.getKey())) {
                errors.add(new FieldError("activities." + entry.getKey(), "names an activity that was not rated"));
            } else {
                activities.put(entry.getKey(), entry.getValue().strip());
            }
        }
        for (String id : answers.keySet()) {
            if (!named.containsKey(id)) {
                errors.add(new FieldError("activities." + id, "must name the activity rated"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return activities;
    }

    @Transactional
    public ScoreTrendView scores(Caller caller, UUID patientId, UUID assignmentId) {
        Patient patient = patients.require(caller, patientId);
        OutcomeAssignment a = assignments.ofPatient(patient.id(), assignmentId)
                .orElseThrow(() -> notFound(assignmentId));
        return new ScoreTrendView(a.id, a.patientId, a.instrumentSlug, a.instrumentVersion, a.instrumentName,
                a.abbreviation, a.scoring.direction(), a.scoring.min(), a.scoring.max(), a.mcid,
                trend(a, responses.ofAssignment(a.id)));
    }

    /** Each response, oldest first, compared with the first scored one (the baseline) and the previous scored one. */
    static List<OutcomeResponseView> trend(OutcomeAssignment a, List<OutcomeResponse> all) {
        List<OutcomeResponseView> views = new ArrayList<>();
        Double baseline = null;
        Double previous = null;
        for (OutcomeResponse r : all) {
            if (r.score == null) {
                views.add(view(r, false, null, null, null, null));
                continue;
            }
            if (baseline == null) {
                baseline = r.score;
                previous = r.score;
                views.add(view(r, true, null, null, null, null));
                continue;
            }
            views.add(view(r, false, change(a, baseline, r.score), judge(a, baseline, r.score),
                    change(a, previous, r.score), judge(a, previous, r.score)));
            previous = r.score;
        }
        return views;
    }

    private static OutcomeResponseView view(OutcomeResponse r, boolean baseline, Double fromBaseline,
                                            Change baselineChange, Double fromPrevious, Change previousChange) {
        return new OutcomeResponseView(r.id, r.assignmentId, r.answeredAt, r.answeredBy, r.score, r.unscoredReason,
                r.answeredCount, r.missingCount, r.answers, r.activities, baseline, fromBaseline, baselineChange,
                fromPrevious, previousChange);
    }

    private static Double change(OutcomeAssignment a, double before, double after) {
        return BigDecimal.valueOf(after).subtract(BigDecimal.valueOf(before))
                .setScale(a.scoring.decimals(), RoundingMode.HALF_UP).doubleValue();
    }

    private static Change judge(OutcomeAssignment a, double before, double after) {
        return a.mcid == null ? null : Change.between(before, after, a.scoring.direction(), a.mcid);
    }

    private static NotFound notFound(UUID assignmentId) {
        return new NotFound("No outcome measure " + assignmentId + ".");
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

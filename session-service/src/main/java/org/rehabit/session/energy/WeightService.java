package org.rehabit.session.energy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.rehabit.session.identity.Caller;
import org.rehabit.session.patient.Patient;
import org.rehabit.session.patient.PatientService;
import org.rehabit.support.Conflict;
import org.rehabit.support.InvalidInput;
import org.rehabit.support.NotFound;
import org.rehabit.support.Problem;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Recording a patient's weight, at most once a day, and reading it back with its trend toward the goal of the
 * patient's energy profile.
 */
@ApplicationScoped
public class WeightService {

    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    private static final String ONE_PER_DAY_CONSTRAINT = "weight_entry_one_per_day";

    private final WeightEntryRepository weights;
    private final EnergyProfileRepository profiles;
    private final PatientService patients;
    private final Clock clock;

    public WeightService(WeightEntryRepository weights, EnergyProfileRepository profiles, PatientService patients,
            Clock clock) {
        this.clock = clock;
        this.weights = weights;
        this.profiles = profiles;
        this.patients = patients;
    }

    @Transactional
    public WeightEntryView record(Caller caller, UUID patientId, RecordWeightRequest request) {
        Patient patient = patients.require(caller, patientId);
        List<Problem.FieldError> errors = new ArrayList<>();
        LocalDate today = LocalDate.now(clock.withZone(patient.zone()));
        if (request.measuredOn().isAfter(today)) {
            errors.add(new Problem.FieldError("measuredOn",
                    "is in the future (today is " + today + " in the patient's time zone)"));
        } else if (request.measuredOn().isBefore(EARLIEST)) {
            errors.add(new Problem.FieldError("measuredOn", "must be after " + EARLIEST));
        }
        Measures.weightKg(request.weight(), "weight", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        weights.findOn(patient.id(), request.measuredOn()).ifPresent(earlier -> {
            throw alreadyRecorded(request.measuredOn(), earlier.id);
        });
        WeightEntry entry = new WeightEntry(patient.clinicId(), patient.id(), request.measuredOn(), request.weight(),
                caller.subject(), now());
        try {
            weights.persist(entry);
            weights.flush();
        } catch (org.hibernate.exception.ConstraintViolationException e) {
            if (ONE_PER_DAY_CONSTRAINT.equals(e.getConstraintName())) {
                throw alreadyRecorded(request.measuredOn(), null);
            }
            throw e;
        }
        return WeightEntryView.of(entry);
    }

    @Transactional
    public WeightEntryView get(Caller caller, UUID patientId, UUID entryId) {
        Patient patient = patients.require(caller, patientId);
        return weights.findOfPatient(patient.id(), entryId).map(WeightEntryView::of)
                .orElseThrow(() -> new NotFound("Patient " + patientId + " has no weight entry " + entryId + "."));
    }

    @Transactional
    public WeightHistoryView history(Caller caller, UUID patientId, LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw InvalidInput.of("to", "must not be before from");
        }
        Patient patient = patients.require(caller, patientId);
        List<WeightEntry> entries = weights.between(patient.id(), from, to);
        Optional<BigDecimal> slope = EnergyMath.slopeKgPerWeek(entries.stream()
                .map(e -> new EnergyMath.Point(e.measuredOn, e.exactKg())).toList());
        Optional<Goal> goal = profiles.findByIdOptional(patient.id()).map(p -> p.goal);
        WeightHistoryView.Trend trend = new WeightHistoryView.Trend(
                slope.map(s -> s.setScale(3, RoundingMode.HALF_UP)).orElse(null),
                goal.orElse(null),
                goal.map(Goal::direction).orElse(null),
                goal.map(g -> g.lbPerWeek().abs()).orElse(null),
                goal.map(g -> EnergyMath.kg(g.lbPerWeek().abs()).setScale(3, RoundingMode.HALF_UP)).orElse(null),
                slope.isPresent() && goal.isPresent() ? EnergyMath.onTrack(goal.get(), slope.get()) : null);
        return new WeightHistoryView(patient.id(), from, to, entries.stream().map(WeightEntryView::of).toList(),
                trend);
    }

    private static Conflict alreadyRecorded(LocalDate day, UUID earlier) {
        return new Conflict("A weight was already recorded for " + day + (earlier == null ? "" : " (" + earlier + ")")
                + "; one entry per day.");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

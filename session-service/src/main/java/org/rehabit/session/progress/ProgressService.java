package org.rehabit.session.progress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.rehabit.session.identity.Caller;
import org.rehabit.session.patient.Patient;
import org.rehabit.session.patient.PatientService;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A patient's progress over a window of weeks. */
@ApplicationScoped
public class ProgressService {

    private final ProgressRepository progress;
    private final PatientService patients;
    private final Clock clock;

    public ProgressService(ProgressRepository progress, PatientService patients, Clock clock) {
        this.clock = clock;
        this.progress = progress;
        this.patients = patients;
    }

    @Transactional
    public ProgressView of(Caller caller, java.util.UUID patientId, int weeks) {
        Patient patient = patients.require(caller, patientId);
        Instant now = clock.instant();
        List<ProgressMath.WeekCount> counts = progress.weeks(patient.clinicId(), patient.id(), weeks, now)
                .getOrDefault(patient.id(), List.of());
        LocalDate from = counts.isEmpty() ? LocalDate.now(clock.withZone(patient.zone())) : counts.get(0).weekStart();
        LocalDate to = LocalDate.now(clock.withZone(patient.zone()));
        List<ProgressView.Week> byWeek = counts.stream()
                .map(w -> new ProgressView.Week(w.weekStart(), ProgressMath.round(w.prescribed()), w.done(),
                        ProgressMath.round(ProgressMath.adherence(w.prescribed(), w.done())),
                        ProgressMath.round(w.painBefore()), ProgressMath.round(w.painAfter())))
                .toList();
        return new ProgressView(patient.id(), from, to, weeks,
                ProgressMath.round(ProgressMath.overallAdherence(counts)),
                ProgressMath.round(ProgressMath.completeWeeksAdherence(counts)),
                ProgressMath.round(ProgressMath.painTrend(counts)), ProgressMath.streak(counts),
                progress.lastSession(patient.id()), counts.stream().mapToInt(ProgressMath.WeekCount::done).sum(),
                byWeek, progress.exercises(patient.id(), from));
    }
}

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

    /**
     * One statement counts the weeks: the window's, or, when the patient's first program started before the
     * window, every week since, so that the streak runs over the program's whole life; the other figures read the
     * window's weeks only.
     */
    @Transactional
    public ProgressView of(Caller caller, java.util.UUID patientId, int weeks) {
        Patient patient = patients.require(caller, patientId);
        Instant now = clock.instant();
        LocalDate to = LocalDate.now(clock.withZone(patient.zone()));
        int counted = Math.max(weeks, weeksSince(progress.firstProgramStart(patient.id()), to));
        List<ProgressMath.WeekCount> all = progress.weeks(patient.clinicId(), patient.id(), counted, now)
                .getOrDefault(patient.id(), List.of());
        List<ProgressMath.WeekCount> counts = all.subList(Math.max(0, all.size() - weeks), all.size());
        LocalDate from = counts.isEmpty() ? to : counts.get(0).weekStart();
        List<ProgressView.Week> byWeek = counts.stream()
                .map(w -> new ProgressView.Week(w.weekStart(), ProgressMath.round(w.prescribed()), w.done(),
                        ProgressMath.round(ProgressMath.adherence(w.prescribed(), w.done())),
                        ProgressMath.round(w.painBefore()), ProgressMath.round(w.painAfter())))
                .toList();
        ProgressRepository.Exercises exercises = progress.exercises(patient.id(), from);
        return new ProgressView(patient.id(), from, to, weeks,
                ProgressMath.round(ProgressMath.overallAdherence(counts)),
                ProgressMath.round(ProgressMath.completeWeeksAdherence(counts)),
                ProgressMath.round(ProgressMath.painTrend(counts)), ProgressMath.streak(all),
                progress.lastSession(patient.id()), counts.stream().mapToInt(ProgressMath.WeekCount::done).sum(),
                exercises.doseCompletion(), exercises.doseItemsUnmeasured(), byWeek, exercises.byExercise());
    }

    /** ISO weeks from the one holding {@code first} to the one holding {@code today}, both counted; 0 if none. */
    static int weeksSince(LocalDate first, LocalDate today) {
        if (first == null || first.isAfter(today)) {
            return 0;
        }
        LocalDate firstMonday = first.with(java.time.DayOfWeek.MONDAY);
        LocalDate thisMonday = today.with(java.time.DayOfWeek.MONDAY);
        return (int) (java.time.temporal.ChronoUnit.WEEKS.between(firstMonday, thisMonday) + 1);
    }
}

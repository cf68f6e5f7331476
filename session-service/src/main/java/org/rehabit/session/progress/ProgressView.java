package org.rehabit.session.progress;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A patient's progress over a window of weeks (see {@link ProgressMath} for every formula).
 *
 * @param adherence      Σ min(done, prescribed) ÷ Σ prescribed over the window, 0-1; null if nothing prescribed
 * @param adherenceCompleteWeeks the same over the window's complete weeks (all but the current one): what the
 *                       dashboard's at-risk rule reads
 * @param painTrend      slope of weekly average pain after sessions, points per week (positive = worse)
 * @param streakWeeks    consecutive weeks, back from now, that met the prescription
 * @param sessionsDone   sessions with work done (at least one item DONE) in the window
 */
public record ProgressView(UUID patientId, LocalDate from, LocalDate to, int weeks, Double adherence,
                           Double adherenceCompleteWeeks, Double painTrend, int streakWeeks, OffsetDateTime lastSessionAt, int sessionsDone,
                           List<Week> byWeek, List<ExerciseStats> byExercise) {

    /** One ISO week (Monday first) in the patient's own time zone. */
    public record Week(LocalDate weekStart, double prescribed, int done, Double adherence, Double painBefore,
                       Double painAfter) {
    }

    /**
     * What the patient did of one exercise in the window.
     *
     * @param holdDifferenceSeconds average left hold minus average right hold, where both were logged
     */
    public record ExerciseStats(String exerciseSlug, int done, int skipped, Double completionRate,
                                Double skipRate, Double averageHoldLeftSeconds, Double averageHoldRightSeconds,
                                Double holdDifferenceSeconds) {
    }
}

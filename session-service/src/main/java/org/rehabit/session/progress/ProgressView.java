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
 * @param streakWeeks    consecutive weeks, back from now, that met the prescription, over the whole life of the
 *                       patient's programs (not only the window)
 * @param sessionsDone   sessions with work done (at least one item DONE) in the window
 * @param doseCompletion what was done ÷ what was prescribed, 0-1: the mean over the window's sessions with work
 *                       done of each prescribed item's completion (reps done ÷ sets × reps, times average hold ÷
 *                       prescribed hold; a two-sided item the mean of its sides; skipped or left out 0); null if
 *                       nothing was measured
 * @param doseItemsUnmeasured items of those sessions logged DONE without any count (sets, reps or hold): they
 *                       say the item was done, not how much, and are left out of doseCompletion
 */
public record ProgressView(UUID patientId, LocalDate from, LocalDate to, int weeks, Double adherence,
                           Double adherenceCompleteWeeks, Double painTrend, int streakWeeks,
                           OffsetDateTime lastSessionAt, int sessionsDone, Double doseCompletion,
                           int doseItemsUnmeasured, List<Week> byWeek, List<ExerciseStats> byExercise) {

    /** One ISO week (Monday first) in the patient's own time zone. */
    public record Week(LocalDate weekStart, double prescribed, int done, Double adherence, Double painBefore,
                       Double painAfter) {
    }

    /**
     * What the patient did of one exercise in the window, counted per prescribed item and session (a two-sided
     * item once per session, whatever its sides).
     *
     * @param prescribed            sessions in which the item was prescribed (it belonged to the session's program)
     * @param done                  ... in which it was DONE (on at least one side)
     * @param skipped               ... in which it was logged, but SKIPPED on every side
     * @param omitted               ... that left it out (not done)
     * @param completionRate        done ÷ prescribed
     * @param skipRate              skipped ÷ prescribed
     * @param doseCompletion        the exercise's dose completion over the sessions with work done (see
     *                              {@link ProgressView#doseCompletion})
     * @param holdDifferenceSeconds average left hold minus average right hold, where both were logged
     */
    public record ExerciseStats(String exerciseSlug, int prescribed, int done, int skipped, int omitted,
                                Double completionRate, Double skipRate, Double doseCompletion,
                                Double averageHoldLeftSeconds, Double averageHoldRightSeconds,
                                Double holdDifferenceSeconds) {
    }
}

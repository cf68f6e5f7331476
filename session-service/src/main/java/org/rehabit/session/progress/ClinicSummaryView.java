package org.rehabit.session.progress;

import org.rehabit.session.program.ProgramStatus;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One row of the clinic dashboard: how a patient is doing over the window.
 *
 * @param weeklyPainAfter average pain after sessions per week, oldest first (null for weeks without sessions):
 *                        the sparkline
 * @param adherenceCompleteWeeks adherence over the window's complete weeks (all but the current one)
 * @param atRisk          an open alert, adherenceCompleteWeeks below the clinic's threshold (default 50 %), or
 *                        a pain trend at or above the clinic's threshold (default 0.5 points a week)
 * @param programExercises the open program's exercises as pinned, {@code slug@version}, in order
 */
public record ClinicSummaryView(UUID patientId, String displayName, String externalRef, ProgramStatus programStatus,
                                Double adherence, Double adherenceCompleteWeeks, Double painTrend, List<Double> weeklyPainAfter,
                                OffsetDateTime lastSessionAt, int openAlerts, boolean atRisk,
                                List<String> programExercises) {
}

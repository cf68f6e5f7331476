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
 * @param atRisk          open alerts, adherence below 50 %, or pain rising by half a point a week or more
 * @param programExercises the open program's exercises as pinned, {@code slug@version}, in order
 */
public record ClinicSummaryView(UUID patientId, String displayName, String externalRef, ProgramStatus programStatus,
                                Double adherence, Double painTrend, List<Double> weeklyPainAfter,
                                OffsetDateTime lastSessionAt, int openAlerts, boolean atRisk,
                                List<String> programExercises) {
}

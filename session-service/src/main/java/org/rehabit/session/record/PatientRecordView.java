package org.rehabit.session.record;

import org.rehabit.session.alert.AlertView;
import org.rehabit.session.energy.EnergyProfileView;
import org.rehabit.session.energy.WeightHistoryView;
import org.rehabit.session.log.SessionLogView;
import org.rehabit.session.outcome.ScoreTrendView;
import org.rehabit.session.patient.PatientView;
import org.rehabit.session.program.ProgramHistoryView;
import org.rehabit.session.program.ProgramView;
import org.rehabit.session.progress.ProgressView;

import java.time.Instant;
import java.util.List;

/**
 * One patient's whole record, as exported: the profile, every program with its items and history, every session
 * (voided and superseded ones included, marked), the energy profile and weights, the alerts, every outcome measure
 * with its scores, and the figures over the last {@link PatientRecordService#FIGURE_WEEKS} weeks.
 *
 * @param energyProfile null when the patient has none
 */
public record PatientRecordView(Instant exportedAt, String exportedBy, PatientView patient,
                                List<ProgramRecord> programs, List<SessionLogView> sessions,
                                EnergyProfileView energyProfile, WeightHistoryView weights, List<AlertView> alerts,
                                List<ScoreTrendView> outcomeMeasures, ProgressView figures) {

    /** A program with its history (assignment, adjustments, re-pins). */
    public record ProgramRecord(ProgramView program, ProgramHistoryView history) {
    }
}

package org.rehabit.session.record;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.rehabit.session.alert.AlertService;
import org.rehabit.session.alert.AlertView;
import org.rehabit.session.outcome.OutcomeMeasureService;
import org.rehabit.session.energy.EnergyProfileView;
import org.rehabit.session.energy.EnergyService;
import org.rehabit.session.energy.WeightService;
import org.rehabit.session.identity.Caller;
import org.rehabit.session.log.SessionLogService;
import org.rehabit.session.patient.PatientService;
import org.rehabit.session.program.ProgramService;
import org.rehabit.session.progress.ProgressService;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The export of one patient's record (staff of the clinic; the patient for their own), read in one transaction so
 * that its parts agree with each other.
 */
@ApplicationScoped
public class PatientRecordService {

    /** The window of the figures in an export. */
    public static final int FIGURE_WEEKS = 12;
    private static final int ALERT_PAGE = 200;

    private final PatientService patients;
    private final ProgramService programs;
    private final SessionLogService sessions;
    private final EnergyService energy;
    private final WeightService weights;
    private final AlertService alerts;
    private final ProgressService progress;
    private final OutcomeMeasureService outcomes;
    private final Clock clock;

    public PatientRecordService(PatientService patients, ProgramService programs, SessionLogService sessions,
                                EnergyService energy, WeightService weights, AlertService alerts,
                                ProgressService progress, OutcomeMeasureService outcomes, Clock clock) {
        this.patients = patients;
        this.programs = programs;
        this.sessions = sessions;
        this.energy = energy;
        this.weights = weights;
        this.alerts = alerts;
        this.progress = progress;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    @Transactional
    public PatientRecordView export(Caller caller, UUID patientId) {
        var patient = patients.get(caller, patientId).patient();
        List<PatientRecordView.ProgramRecord> programRecords = programs.list(caller, patientId).stream()
                .map(p -> new PatientRecordView.ProgramRecord(p, programs.history(caller, patientId, p.id())))
                .toList();
        EnergyProfileView profile = energy.find(caller, patientId).orElse(null);
        List<AlertView> patientAlerts = new ArrayList<>();
        for (int page = 0; ; page++) {
            var found = alerts.list(caller, patient.clinicId(), null, patient.id(), page, ALERT_PAGE);
            patientAlerts.addAll(found.items());
            if (found.items().size() < ALERT_PAGE) {
                break;
            }
        }
        return new PatientRecordView(clock.instant().truncatedTo(ChronoUnit.SECONDS), caller.subject(), patient,
                programRecords, sessions.all(caller, patientId), profile,
                weights.history(caller, patientId, null, null), patientAlerts,
                outcomes.list(caller, patientId).stream().map(a -> outcomes.scores(caller, patientId, a.id()))
                        .toList(),
                progress.of(caller, patientId, FIGURE_WEEKS));
    }
}

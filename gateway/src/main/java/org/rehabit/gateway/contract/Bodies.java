package org.rehabit.gateway.contract;

import org.rehabit.gateway.contract.Alerts.AcknowledgeRequest;
import org.rehabit.gateway.contract.Alerts.AlertPage;
import org.rehabit.gateway.contract.Alerts.AlertSettings;
import org.rehabit.gateway.contract.Alerts.AlertView;
import org.rehabit.gateway.contract.Alerts.AuditPage;
import org.rehabit.gateway.contract.Composed.DashboardView;
import org.rehabit.gateway.contract.Composed.MeView;
import org.rehabit.gateway.contract.Composed.TodayView;
import org.rehabit.gateway.contract.Energy.EnergyProfileRequest;
import org.rehabit.gateway.contract.Energy.EnergyProfileView;
import org.rehabit.gateway.contract.Energy.EnergyTargetView;
import org.rehabit.gateway.contract.Energy.RecordWeightRequest;
import org.rehabit.gateway.contract.Energy.WeightEntryView;
import org.rehabit.gateway.contract.Energy.WeightHistoryView;
import org.rehabit.gateway.contract.Exercises.ConditionSummary;
import org.rehabit.gateway.contract.Exercises.ConditionView;
import org.rehabit.gateway.contract.Exercises.ExerciseInput;
import org.rehabit.gateway.contract.Exercises.ExercisePage;
import org.rehabit.gateway.contract.Exercises.ExerciseView;
import org.rehabit.gateway.contract.Exercises.RoutineTemplateSummary;
import org.rehabit.gateway.contract.Exercises.RoutineTemplateView;
import org.rehabit.gateway.contract.Exercises.VersionSummary;
import org.rehabit.gateway.contract.Instruments.InstrumentInput;
import org.rehabit.gateway.contract.Instruments.InstrumentSummary;
import org.rehabit.gateway.contract.Instruments.InstrumentView;
import org.rehabit.gateway.contract.Instruments.TextImport;
import org.rehabit.gateway.contract.OutcomeMeasures.AnswerOutcomeMeasureRequest;
import org.rehabit.gateway.contract.OutcomeMeasures.AssignOutcomeMeasureRequest;
import org.rehabit.gateway.contract.OutcomeMeasures.OutcomeAssignmentView;
import org.rehabit.gateway.contract.OutcomeMeasures.OutcomeResponseView;
import org.rehabit.gateway.contract.OutcomeMeasures.ScoreTrendView;
import org.rehabit.gateway.contract.Patients.AssignPhysioRequest;
import org.rehabit.gateway.contract.Patients.PatientInput;
import org.rehabit.gateway.contract.Patients.PatientPage;
import org.rehabit.gateway.contract.Patients.PatientView;
import org.rehabit.gateway.contract.Patients.StaffView;
import org.rehabit.gateway.contract.Programs.AdjustProgramRequest;
import org.rehabit.gateway.contract.Programs.AssignProgramRequest;
import org.rehabit.gateway.contract.Programs.ProgramHistoryView;
import org.rehabit.gateway.contract.Programs.RepinPreview;
import org.rehabit.gateway.contract.Programs.RepinRequest;
import org.rehabit.gateway.contract.Programs.ProgramView;
import org.rehabit.gateway.contract.Programs.ProgramWithContent;
import org.rehabit.gateway.contract.Sessions.LogSessionRequest;
import org.rehabit.gateway.contract.Sessions.ProgressView;
import org.rehabit.gateway.contract.Sessions.SessionLogPage;
import org.rehabit.gateway.contract.Sessions.SessionLogView;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bodies of every /api/v1 operation, by operationId: what it takes, what it answers and with which status, and
 * the errors it can give beyond those every operation has (api.PublicContract writes them into the document). Each
 * entry mirrors what the service behind the operation does (its resource and exception mapper).
 */
public final class Bodies {

    /**
     * One operation's bodies.
     *
     * @param request  the JSON body it takes, or null for none
     * @param optional whether the body may be left out
     * @param response the JSON body of its success answer
     * @param list     whether the success answer is a JSON array of {@code response}
     * @param status   the success status: 201 answers carry a Location header naming what was created
     * @param etag     whether the success answer carries an ETag (to send back as If-Match / If-None-Match)
     * @param answers  the errors it can give besides 400, 401, 403, 404, 429, 500 and 503, each with when
     */
    public record Body(Class<?> request, boolean optional, Class<?> response, boolean list, int status, boolean etag,
                       Map<String, String> answers) {
    }

    static final String CONFLICT_PATIENT = "Another patient of this clinic has this externalRef";
    static final String KEY_REUSED = "This Idempotency-Key was used with another body";
    static final String STALE = "If-Match names an older version: read it again and retry";
    static final String NO_IF_MATCH = "If-Match is required";
    static final String NOT_MODIFIED = "Unchanged since the ETag sent in If-None-Match";

    private static final Map<String, Body> BY_OPERATION = Map.ofEntries(
            // Patients
            Map.entry("register", created(PatientInput.class, PatientView.class, true,
                    Map.of("409", CONFLICT_PATIENT, "422", KEY_REUSED))),
            Map.entry("listPatients", read(PatientPage.class)),
            Map.entry("getPatient", new Body(null, false, PatientView.class, false, 200, true, Map.of())),
            Map.entry("updatePatient", new Body(PatientInput.class, false, PatientView.class, false, 200, true,
                    Map.of("409", CONFLICT_PATIENT, "412", STALE, "428", NO_IF_MATCH))),
            Map.entry("reassignPatient", new Body(AssignPhysioRequest.class, false, PatientView.class, false, 200,
                    true, Map.of("412", STALE, "428", NO_IF_MATCH))),
            Map.entry("staff", new Body(null, false, StaffView.class, true, 200, false, Map.of())),
            Map.entry("assign", created(AssignProgramRequest.class, ProgramView.class, false,
                    Map.of("409", "The patient already has an open (active or paused) program", "422", KEY_REUSED))),
            Map.entry("programs", new Body(null, false, ProgramView.class, true, 200, false, Map.of())),
            Map.entry("current", read(ProgramWithContent.class)),
            Map.entry("program", new Body(null, false, ProgramView.class, false, 200, true, Map.of())),
            Map.entry("adjustProgram", new Body(AdjustProgramRequest.class, false, ProgramView.class, false, 200,
                    true, Map.of("409", "The program is no longer open", "412", STALE, "428", NO_IF_MATCH))),
            Map.entry("programHistory", read(ProgramHistoryView.class)),
            Map.entry("previewRepin", new Body(RepinRequest.class, true, RepinPreview.class, false, 200, false,
                    Map.of("409", "The program is no longer open"))),
            Map.entry("repinProgram", new Body(RepinRequest.class, true, ProgramView.class, false, 200, true,
                    Map.of("409", "The program is no longer open", "412", STALE, "428", NO_IF_MATCH))),
            Map.entry("transition", new Body(null, false, ProgramView.class, false, 200, false,
                    Map.of("409", "The transition makes no sense in the program's status"))),
            Map.entry("confirmSafety", new Body(null, false, ProgramView.class, false, 200, false,
                    Map.of("409", "The program is no longer open"))),
            Map.entry("logSession", created(LogSessionRequest.class, SessionLogView.class, false,
                    Map.of("409", "No open program, the program is not open, its safety check is not confirmed, or "
                                    + "the corrected session was corrected already",
                            "422", KEY_REUSED + ", or the session is dated outside the program"))),
            Map.entry("sessions", read(SessionLogPage.class)),
            Map.entry("progress", read(ProgressView.class)),
            Map.entry("putEnergyProfile", new Body(EnergyProfileRequest.class, false, EnergyProfileView.class, false,
                    200, true, Map.of("409", "Another request created the profile at the same moment; read it and "
                            + "retry with If-Match", "412", STALE))),
            Map.entry("energyProfile", new Body(null, false, EnergyProfileView.class, false, 200, true, Map.of())),
            Map.entry("energyTarget", read(EnergyTargetView.class)),
            Map.entry("recordWeight", created(RecordWeightRequest.class, WeightEntryView.class, false,
                    Map.of("409", "A weight was already recorded for that day", "422", KEY_REUSED))),
            Map.entry("weights", read(WeightHistoryView.class)),
            // A patient's outcome measures (#17)
            Map.entry("assignOutcomeMeasure", created(AssignOutcomeMeasureRequest.class, OutcomeAssignmentView.class,
                    false, Map.of("422", KEY_REUSED))),
            Map.entry("outcomeMeasures", new Body(null, false, OutcomeAssignmentView.class, true, 200, false,
                    Map.of())),
            Map.entry("cancelOutcomeMeasure", new Body(null, false, OutcomeAssignmentView.class, false, 200, false,
                    Map.of("409", "The outcome measure was cancelled already"))),
            Map.entry("answerOutcomeMeasure", created(AnswerOutcomeMeasureRequest.class, OutcomeResponseView.class,
                    false, Map.of("409", "The outcome measure was cancelled", "422", KEY_REUSED))),
            Map.entry("outcomeScores", read(ScoreTrendView.class)),
            // Patients: lifecycle (void, discharge, reactivation, export, erasure)
            Map.entry("voidSession", new Body(Lifecycle.VoidSessionRequest.class, false, SessionLogView.class, false,
                    200, false, Map.of("409", "The session is voided already, or superseded by its correction"))),
            Map.entry("dischargePatient", new Body(Lifecycle.DischargeRequest.class, false, PatientView.class, false,
                    200, true, Map.of("409", "The patient is discharged already", "412", STALE, "428", NO_IF_MATCH))),
            Map.entry("reactivatePatient", new Body(null, false, PatientView.class, false, 200, true,
                    Map.of("409", "The patient is not discharged", "412", STALE, "428", NO_IF_MATCH))),
            Map.entry("exportPatient", read(Lifecycle.PatientRecord.class)),
            Map.entry("erasePatient", new Body(Lifecycle.ErasureRequest.class, false, Lifecycle.ErasureView.class,
                    false, 200, false, Map.of())),
            // Clinic
            Map.entry("dashboard", read(DashboardView.class)),
            Map.entry("alerts", read(AlertPage.class)),
            Map.entry("acknowledge", new Body(AcknowledgeRequest.class, true, AlertView.class, false, 200, false,
                    Map.of("409", "The alert was already acknowledged", "422", KEY_REUSED))),
            Map.entry("alertSettings", read(AlertSettings.class)),
            Map.entry("putAlertSettings", new Body(AlertSettings.class, false, AlertSettings.class, false, 200, false,
                    Map.of())),
            Map.entry("audit", read(AuditPage.class)),
            // Exercise library
            Map.entry("search", read(ExercisePage.class)),
            Map.entry("exercise", new Body(null, false, ExerciseView.class, false, 200, true,
                    Map.of("304", NOT_MODIFIED))),
            Map.entry("versions", new Body(null, false, VersionSummary.class, true, 200, false, Map.of())),
            Map.entry("version", new Body(null, false, ExerciseView.class, false, 200, true,
                    Map.of("304", NOT_MODIFIED))),
            Map.entry("draft", new Body(null, false, ExerciseView.class, false, 200, true,
                    Map.of("304", NOT_MODIFIED))),
            Map.entry("createExercise", new Body(ExerciseInput.class, false, ExerciseView.class, false, 201, true,
                    Map.of("409", "An exercise with this slug exists already"))),
            Map.entry("updateExerciseDraft", new Body(ExerciseInput.class, false, ExerciseView.class, false, 200, true,
                    Map.of("412", STALE, "428", NO_IF_MATCH))),
            Map.entry("publish", new Body(null, false, ExerciseView.class, false, 200, true,
                    Map.of("409", "There is no draft to publish", "412", STALE))),
            Map.entry("retire", new Body(null, false, ExerciseView.class, false, 200, true,
                    Map.of("409", "Already retired, or never published", "412", STALE))),
            Map.entry("conditions", new Body(null, false, ConditionSummary.class, true, 200, false, Map.of())),
            Map.entry("condition", read(ConditionView.class)),
            Map.entry("templates", new Body(null, false, RoutineTemplateSummary.class, true, 200, false, Map.of())),
            Map.entry("template", read(RoutineTemplateView.class)),
            // Outcome measures
            Map.entry("instruments", new Body(null, false, InstrumentSummary.class, true, 200, false, Map.of())),
            Map.entry("instrument", read(InstrumentView.class)),
            Map.entry("instrumentVersion", read(InstrumentView.class)),
            Map.entry("publishInstrument", created(InstrumentInput.class, InstrumentView.class, false,
                    Map.of("409", "Another version was published at the same moment: read it and retry"))),
            Map.entry("importInstrumentText", new Body(TextImport.class, false, InstrumentView.class, false, 200,
                    false, Map.of("409", "This version ships its own text"))),
            // Me
            Map.entry("me", read(MeView.class)),
            Map.entry("today", read(TodayView.class)));

    private Bodies() {
    }

    /** The bodies of the operation with this operationId; empty for an operation this table does not know. */
    public static Optional<Body> of(String operationId) {
        return Optional.ofNullable(operationId).map(BY_OPERATION::get);
    }

    /** Every request and response type the table names. */
    static List<Class<?>> types() {
        return BY_OPERATION.values().stream()
                .flatMap(body -> java.util.stream.Stream.of(body.request(), body.response()))
                .filter(java.util.Objects::nonNull).distinct().toList();
    }

    /** The component a contract record is written as: its @Schema name, else its simple name. */
    public static String componentName(Class<?> type) {
        org.eclipse.microprofile.openapi.annotations.media.Schema named =
                type.getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
        return named == null || named.name().isEmpty() ? type.getSimpleName() : named.name();
    }

    private static Body read(Class<?> response) {
        return new Body(null, false, response, false, 200, false, Map.of());
    }

    private static Body created(Class<?> request, Class<?> response, boolean etag, Map<String, String> answers) {
        return new Body(request, false, response, false, 201, etag, answers);
    }
}

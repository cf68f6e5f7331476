package org.rehabit.gateway.contract;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A patient's lifecycle as the session-service takes and gives it: voiding a session (log.VoidSessionRequest),
 * discharge and reactivation (patient.DischargeRequest, PatientView's status and discharge), the export
 * (record.PatientRecordView) and erasure (record.ErasureRequest, ErasureView).
 */
public final class Lifecycle {

    private Lifecycle() {
    }

    @Schema(name = "PatientStatus", description = "ACTIVE, or DISCHARGED until reactivated")
    public enum PatientStatus { ACTIVE, DISCHARGED }

    @Schema(name = "VoidSession", description = "Why a session is voided as logged in error")
    public record VoidSessionRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @Schema(name = "SessionVoided", description = "Who voided a session as logged in error, when and why")
    public record SessionVoided(@NotNull Instant at, @NotNull @Size(max = 255) String by,
                                @NotNull @Size(max = 500) String reason) {
    }

    @Schema(name = "Discharge", description = "Discharging a patient: why, and optionally the last day of their own "
            + "access (their time zone; from the discharge day to a year after it; default 30 days after it)")
    public record DischargeRequest(@NotBlank @Size(max = 500) String reason, LocalDate accessEndsOn) {
    }

    @Schema(name = "PatientDischarge", description = "When (the patient's day), by whom and why a patient was "
            + "discharged, and the last day their own token is accepted")
    public record PatientDischarge(@NotNull LocalDate dischargedOn, @NotNull Instant dischargedAt,
                                   @NotNull @Size(max = 255) String dischargedBy,
                                   @NotNull @Size(max = 500) String reason, @NotNull LocalDate accessEndsOn) {
    }

    @Schema(name = "Erasure", description = "The confirmation of an erasure: the patient's id, repeated")
    public record ErasureRequest(@NotNull UUID confirmPatientId) {
    }

    @Schema(name = "Erased", description = "What an erasure did (nothing of it is kept but an audit row without "
            + "the patient's id)")
    public record ErasureView(@NotNull UUID patientId, @NotNull Instant erasedAt,
                              @Min(0) @Max(Long.MAX_VALUE) long rowsDeleted) {
    }

    @Schema(name = "ProgramRecord", description = "A program with its history")
    public record ProgramRecord(@NotNull Programs.ProgramView program, @NotNull Programs.ProgramHistoryView history) {
    }

    @Schema(name = "PatientRecord", description = "One patient's whole record: profile, programs with items and "
            + "history, every session (voided and superseded ones marked), energy profile, weights, alerts, every "
            + "outcome measure with its scores, and the figures of the last 12 weeks")
    public record PatientRecord(
            @NotNull Instant exportedAt, @NotNull @Size(max = 255) String exportedBy,
            @NotNull Patients.PatientView patient, @NotNull @Size(max = 10_000) List<ProgramRecord> programs,
            @NotNull @Size(max = 1_000_000) List<Sessions.SessionLogView> sessions,
            Energy.EnergyProfileView energyProfile, @NotNull Energy.WeightHistoryView weights,
            @NotNull @Size(max = 1_000_000) List<Alerts.AlertView> alerts,
            @NotNull @Size(max = 10_000) List<OutcomeMeasures.ScoreTrendView> outcomeMeasures,
            @NotNull Sessions.ProgressView figures) {
    }
}

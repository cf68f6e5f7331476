package org.rehabit.gateway.contract;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rehabit.gateway.contract.Alerts.AlertPage;
import org.rehabit.gateway.contract.Patients.PatientView;
import org.rehabit.gateway.contract.Programs.ProgramStatus;
import org.rehabit.gateway.contract.Programs.ProgramWithContent;
import org.rehabit.gateway.contract.Sessions.SessionLogView;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The views the gateway composes itself (api.MeApi, api.ClinicApi's dashboard). */
public final class Composed {

    private Composed() {
    }

    @Schema(name = "Me", description = "Who the token says the caller is")
    public record MeView(
            @NotNull @Size(max = 255) String subject,
            @NotNull @Size(max = 4) @Schema(description = "The caller's roles the API knows (patient, physio, "
                    + "clinic-admin, content-editor), sorted") List<@Size(max = 20) String> roles,
            @Size(max = 64) @Schema(description = "The token's clinic_id claim") String clinicId,
            @Size(max = 64) @Schema(description = "The token's patient_id claim (patients only)") String patientId) {
    }

    @Schema(name = "Today", description = "A patient's day: the current program with full exercise content (null "
            + "without one) and the sessions logged today, 'today' being the patient's own date in their time zone")
    public record TodayView(
            @NotNull LocalDate date, @NotNull PatientView patient, ProgramWithContent program,
            @NotNull @Size(max = 20) List<SessionLogView> sessionsToday, boolean degraded) {
    }

    @Schema(name = "Dashboard", description = "The clinic dashboard: a page of patients with their figures and the "
            + "newest open alerts (null, with partial true, when they could not be read)")
    public record DashboardView(@NotNull DashboardPage patients, AlertPage openAlerts, boolean degraded,
                                boolean partial) {
    }

    @Schema(name = "DashboardPage", description = "One page of the clinic's patients with their figures")
    public record DashboardPage(
            @NotNull @Size(max = 200) List<DashboardRow> items, @Min(0) @Max(100_000) int page,
            @Min(1) @Max(200) int size, @Min(0) @Max(Long.MAX_VALUE) long total) {
    }

    @Schema(name = "DashboardRow", description = "How a patient is doing over the window; exerciseUpdates is left out "
            + "when the catalog could not be asked (the dashboard then says degraded)")
    public record DashboardRow(
            @NotNull UUID patientId, @NotNull @Size(max = 120) String displayName,
            @Size(max = 64) String externalRef, ProgramStatus programStatus,
            @Schema(minimum = "0", maximum = "1") Double adherence,
            @Schema(minimum = "0", maximum = "1") Double adherenceCompleteWeeks, Double painTrend,
            @NotNull @Size(max = 52) @Schema(description = "Average pain after sessions per week, oldest first (null "
                    + "for weeks without sessions)") List<Double> weeklyPainAfter,
            OffsetDateTime lastSessionAt, @Min(0) @Max(Integer.MAX_VALUE) int openAlerts, boolean atRisk,
            @NotNull @Size(max = 20) @Schema(description = "The open program's exercises as pinned, slug@version")
            List<@Size(max = 90) String> programExercises,
            @Size(max = 20) List<ExerciseUpdate> exerciseUpdates) {
    }

    @Schema(name = "ExerciseUpdate", description = "A pinned exercise the catalog has since republished (a newer "
            + "version to re-pin) or retired")
    public record ExerciseUpdate(
            @NotNull @Size(max = 80) String exercise, @Min(1) @Max(Integer.MAX_VALUE) int pinnedVersion,
            @Min(1) @Max(Integer.MAX_VALUE) Integer currentVersion, boolean retired) {
    }
}

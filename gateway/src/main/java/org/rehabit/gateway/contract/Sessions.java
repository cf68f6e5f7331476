package org.rehabit.gateway.contract;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Session logs as the session-service takes and gives them (its log.LogSessionRequest and SessionLogView). */
public final class Sessions {

    private Sessions() {
    }

    /** Whether the patient did a program item in a session. */
    public enum ItemStatus { DONE, SKIPPED }

    /** One side of a two-sided (EACH_SIDE or ALTERNATING) item. */
    public enum LoggedSide { BOTH, EACH_SIDE, LEFT, RIGHT, ALTERNATING }

    @Schema(name = "LogSession", description = "A session as the patient's phone (or their physio) logs it")
    public record LogSessionRequest(
            @Schema(description = "Defaults to the patient's open program") UUID programId,
            @NotNull @Schema(description = "When, in the patient's local time with its offset, e.g. "
                    + "2026-11-24T08:30:00+01:00") OffsetDateTime performedAt,
            @NotNull @Min(0) @Max(10) Integer painBefore,
            @NotNull @Min(0) @Max(10) Integer painAfter,
            @Min(1) @Max(10) Integer perceivedDifficulty,
            @Min(0) @Max(86_400) Integer durationSeconds,
            @Size(max = 2000) String notes,
            @Schema(description = "The earlier log this one corrects, if it is a correction") UUID correctsId,
            @NotNull @Size(min = 1, max = 50) List<LogSessionItem> items) {
    }

    @Schema(name = "LogSessionItem", description = "What was done of one program item, or of one side of it (LEFT "
            + "and RIGHT entries for an EACH_SIDE or ALTERNATING item)")
    public record LogSessionItem(
            @NotNull UUID programItemId,
            @NotNull ItemStatus status,
            @Min(0) @Max(100) Integer setsDone,
            @Min(0) @Max(1000) @Schema(description = "Repetitions done over all sets (on that side)") Integer repsDone,
            @Min(0) @Max(3600) @Schema(description = "Average seconds held per repetition") Integer holdSeconds,
            LoggedSide side,
            @Min(0) @Max(10) Integer painDuring) {
    }

    @Schema(name = "SessionLog", description = "A logged session; performedAt keeps the offset the client sent; "
            + "supersededBy names the log that corrects this one (null while it stands)")
    public record SessionLogView(
            @NotNull UUID id, @NotNull UUID patientId, @NotNull UUID programId, @NotNull OffsetDateTime performedAt,
            @NotNull LocalDate localDate, @Min(0) @Max(10) Integer painBefore, @Min(0) @Max(10) Integer painAfter,
            @Min(1) @Max(10) Integer perceivedDifficulty, @Min(0) @Max(86_400) Integer durationSeconds,
            @Size(max = 2000) String notes, UUID correctsId, UUID supersededBy,
            @NotNull @Size(max = 255) String loggedBy, @NotNull Instant createdAt,
            @NotNull @Size(max = 50) List<SessionItem> items,
            @Schema(description = "Null unless voided as logged in error: then it counts in no figure")
            Lifecycle.SessionVoided voided) {
    }

    @Schema(name = "SessionItem", description = "What was done of one program item in a logged session")
    public record SessionItem(
            @NotNull UUID programItemId, @NotNull @Size(max = 80) String exerciseSlug, @NotNull ItemStatus status,
            @Min(0) @Max(100) Integer setsDone, @Min(0) @Max(1000) Integer repsDone,
            @Min(0) @Max(3600) Integer holdSeconds, LoggedSide side, @Min(0) @Max(10) Integer painDuring) {
    }

    @Schema(name = "SessionLogPage", description = "One page of a patient's sessions, newest first")
    public record SessionLogPage(
            @NotNull @Size(max = 200) List<SessionLogView> items, @Min(0) @Max(100_000) int page,
            @Min(1) @Max(200) int size, @Min(0) @Max(Long.MAX_VALUE) long total) {
    }

    @Schema(name = "Progress", description = "A patient's progress over a window of weeks (formulas in the progress "
            + "operation's description)")
    public record ProgressView(
            @NotNull UUID patientId, @NotNull LocalDate from, @NotNull LocalDate to, @Min(1) @Max(52) int weeks,
            @Schema(minimum = "0", maximum = "1") Double adherence,
            @Schema(minimum = "0", maximum = "1") Double adherenceCompleteWeeks,
            @Schema(description = "Points per week; positive = worse") Double painTrend,
            @Min(0) @Max(Integer.MAX_VALUE) int streakWeeks, OffsetDateTime lastSessionAt,
            @Min(0) @Max(Integer.MAX_VALUE) int sessionsDone,
            @Schema(minimum = "0", maximum = "1") Double doseCompletion,
            @Min(0) @Max(Integer.MAX_VALUE) int doseItemsUnmeasured,
            @NotNull @Size(max = 53) List<ProgressWeek> byWeek,
            @NotNull List<ExerciseProgress> byExercise) {
    }

    @Schema(name = "ProgressWeek", description = "One ISO week (Monday first) in the patient's own time zone")
    public record ProgressWeek(
            @NotNull LocalDate weekStart, @Schema(minimum = "0") double prescribed,
            @Min(0) @Max(Integer.MAX_VALUE) int done, @Schema(minimum = "0", maximum = "1") Double adherence,
            @Schema(minimum = "0", maximum = "10") Double painBefore,
            @Schema(minimum = "0", maximum = "10") Double painAfter) {
    }

    @Schema(name = "ExerciseProgress", description = "What the patient did of one exercise in the window, per "
            + "prescribed item and session")
    public record ExerciseProgress(
            @NotNull @Size(max = 80) String exerciseSlug, @Min(0) @Max(Integer.MAX_VALUE) int prescribed,
            @Min(0) @Max(Integer.MAX_VALUE) int done, @Min(0) @Max(Integer.MAX_VALUE) int skipped,
            @Min(0) @Max(Integer.MAX_VALUE) int omitted, @Schema(minimum = "0", maximum = "1") Double completionRate,
            @Schema(minimum = "0", maximum = "1") Double skipRate,
            @Schema(minimum = "0", maximum = "1") Double doseCompletion,
            Double averageHoldLeftSeconds, Double averageHoldRightSeconds, Double holdDifferenceSeconds) {
    }
}

package org.rehabit.gateway.contract;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rehabit.gateway.contract.Instruments.Direction;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A patient's outcome measures as the session-service takes and gives them (its outcome package):
 * docs/outcome-measures.md.
 */
public final class OutcomeMeasures {

    private OutcomeMeasures() {
    }

    /** When an assigned instrument is due. */
    public enum OutcomeSchedule { INTAKE, EVERY_N_WEEKS, DISCHARGE }

    /** Whether an assignment still takes answers. */
    public enum OutcomeStatus { ACTIVE, CANCELLED }

    /** How a score compares with an earlier one, by the instrument version's MCID. */
    public enum ScoreChange { IMPROVED, NO_IMPORTANT_CHANGE, WORSENED }

    @Schema(name = "AssignOutcomeMeasure", description = "An instrument to assign: its slug, the version (left out: "
            + "the newest published) and the schedule; everyWeeks only and always with EVERY_N_WEEKS")
    public record AssignOutcomeMeasureRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = "^[a-z0-9][a-z0-9-]*$") String instrument,
            @Min(1) @Max(100_000) Integer version,
            @NotNull OutcomeSchedule schedule,
            @Min(1) @Max(52) Integer everyWeeks) {
    }

    @Schema(name = "OutcomeMeasure", description = "An instrument version assigned to a patient, pinned when "
            + "assigned, with what is due: nextDueAt (null when nothing is due by date: answered at intake, at "
            + "discharge, cancelled) and due (that time has come)")
    public record OutcomeAssignmentView(
            @NotNull UUID id, @NotNull UUID patientId, @NotNull @Size(max = 64) String instrument,
            @Min(1) @Max(100_000) int version, @NotNull @Size(max = 200) String name,
            @Size(max = 32) String abbreviation, @Min(1) @Max(100) int items, @NotNull Direction direction,
            double min, double max, Double mcid, @NotNull OutcomeSchedule schedule,
            @Min(1) @Max(52) Integer everyWeeks, @NotNull OutcomeStatus status, @NotNull Instant assignedAt,
            @NotNull @Size(max = 255) String assignedBy, Instant cancelledAt, @Size(max = 255) String cancelledBy,
            @Min(0) @Max(Integer.MAX_VALUE) int responses, Instant lastAnsweredAt, Instant nextDueAt,
            boolean due) {
    }

    @Schema(name = "AnswerOutcomeMeasure", description = "One set of answers: item id to a whole number within the "
            + "item's range (an item left out or null is unanswered); for the PSFS, activities names the activity "
            + "rated under each answered item id")
    public record AnswerOutcomeMeasureRequest(
            @NotNull @Size(max = 100) Map<@Size(max = 32) String, @Min(0) @Max(1000) Integer> answers,
            @Size(max = 100) Map<@Size(max = 32) String, @Size(max = 200) String> activities) {
    }

    @Schema(name = "OutcomeResponse", description = "One response: its score by the pinned rule (or none and the "
            + "reason), and its change in score points from the baseline (the first scored response) and from the "
            + "previous scored one, each judged by the MCID (null where there is nothing to compare)")
    public record OutcomeResponseView(
            @NotNull UUID id, @NotNull UUID assignmentId, @NotNull Instant answeredAt,
            @NotNull @Size(max = 255) String answeredBy, Double score, @Size(max = 300) String unscoredReason,
            @Min(0) @Max(100) int answered, @Min(0) @Max(100) int missing,
            @NotNull @Size(max = 100) Map<@Size(max = 32) String, @Min(0) @Max(1000) Integer> answers,
            @Size(max = 100) Map<@Size(max = 32) String, @Size(max = 200) String> activities,
            boolean baseline, Double changeFromBaseline, ScoreChange fromBaseline, Double changeFromPrevious,
            ScoreChange fromPrevious) {
    }

    @Schema(name = "OutcomeScores", description = "An outcome measure's responses, oldest first, with the scale they "
            + "are read on")
    public record ScoreTrendView(
            @NotNull UUID assignmentId, @NotNull UUID patientId, @NotNull @Size(max = 64) String instrument,
            @Min(1) @Max(100_000) int version, @NotNull @Size(max = 200) String name,
            @Size(max = 32) String abbreviation, @NotNull Direction direction, double min, double max, Double mcid,
            @NotNull List<OutcomeResponseView> responses) {
    }
}

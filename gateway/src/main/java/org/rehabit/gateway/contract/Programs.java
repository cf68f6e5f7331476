package org.rehabit.gateway.contract;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rehabit.gateway.contract.Exercises.ExerciseView;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Programs as the session-service takes and gives them (its program.AssignProgramRequest and ProgramView). */
public final class Programs {

    private Programs() {
    }

    /** Where a program is in its life; open ones (ACTIVE, PAUSED) are at most one per patient. */
    public enum ProgramStatus { ACTIVE, PAUSED, COMPLETED, CANCELLED }

    @Schema(name = "AssignProgram", description = "A program from a routine template (whose doses may be "
            + "overridden per exercise) or from explicit items (whose dose defaults to the exercise's own)")
    public record AssignProgramRequest(
            @Size(min = 3, max = 80) @Pattern(regexp = Slugs.PATTERN)
            @Schema(description = "Slug of a routine template; or none, with items") String template,
            @Size(max = 20) @Schema(description = "With a template: exercise slug to the dose to use instead of the "
                    + "template's") Map<String, Dose> doseOverrides,
            @Size(max = 20) List<AssignProgramItem> items,
            @NotNull @Min(1) @Max(14) Integer sessionsPerWeek,
            @Schema(description = "Defaults to today in the patient's time zone") LocalDate startDate,
            LocalDate endDate,
            @Size(max = 2000) String notes) {
    }

    @Schema(name = "AssignProgramItem", description = "One exercise to assign")
    public record AssignProgramItem(
            @NotNull @Size(min = 3, max = 80) @Pattern(regexp = Slugs.PATTERN) String exercise,
            Dose dose,
            @Size(max = 300) String notes) {
    }

    @Schema(name = "Program", description = "A program, items in order with their pinned exercise versions")
    public record ProgramView(
            @NotNull UUID id, @NotNull UUID patientId, @NotNull ProgramStatus status,
            @Size(max = 80) String template, @Min(1) @Max(14) int sessionsPerWeek, @NotNull LocalDate startDate,
            LocalDate endDate, @Size(max = 2000) String notes, boolean safetyConfirmed, Instant safetyConfirmedAt,
            @Size(max = 255) String safetyConfirmedBy, @NotNull @Size(max = 255) String assignedBy,
            @NotNull @Size(max = 20) List<ProgramItem> items, @NotNull Instant createdAt, @NotNull Instant updatedAt,
            Instant endedAt,
            @Schema(description = "The program's version, its ETag's value: send it as If-Match to adjust or re-pin")
            @Min(0) @Max(Long.MAX_VALUE) long version) {
    }

    @Schema(name = "AdjustProgram", description = "Adjusting an open program: only the fields given change")
    public record AdjustProgramRequest(
            @Min(1) @Max(14) Integer sessionsPerWeek,
            LocalDate endDate,
            @Schema(description = "true removes the end date (not with endDate)") Boolean clearEndDate,
            @Size(max = 2000) @Schema(description = "An empty text removes the notes") String notes,
            @Size(min = 1, max = 20) @Schema(description = "The complete new item list in order: existing items by "
                    + "id, new exercises by slug; items left out are removed") List<AdjustProgramItem> items) {
    }

    @Schema(name = "AdjustProgramItem", description = "An existing item by id (dose and notes change it when given), "
            + "or a new exercise by slug")
    public record AdjustProgramItem(
            UUID id,
            @Size(min = 3, max = 80) @Pattern(regexp = Slugs.PATTERN) String exercise,
            Dose dose,
            @Size(max = 300) String notes) {
    }

    @Schema(name = "ProgramHistory", description = "A program's history, oldest first")
    public record ProgramHistoryView(@NotNull List<ProgramChange> entries) {
    }

    @Schema(name = "ProgramChange", description = "The assignment, an adjustment or a re-pin")
    public record ProgramChange(
            @NotNull @Schema(enumeration = {"ASSIGNED", "ADJUSTED", "REPINNED"}) String kind,
            @Schema(description = "The program's version after it") @Min(0) @Max(Long.MAX_VALUE) long version,
            @NotNull Instant at, @NotNull @Size(max = 255) String by,
            @NotNull @Schema(description = "What changed, one readable line each") List<@Size(max = 2000) String> changes,
            @Schema(description = "Whether it asked the patient to confirm the safety check again")
            boolean safetyConfirmationReset) {
    }

    @Schema(name = "Repin", description = "Which items to re-pin; none (or no body) for all")
    public record RepinRequest(@Size(max = 20) List<UUID> items) {
    }

    @Schema(name = "RepinPreview", description = "What a re-pin would change, item by item")
    public record RepinPreview(@NotNull UUID programId,
                               @Schema(description = "The version previewed: send it as If-Match") @Min(0)
                               @Max(Long.MAX_VALUE) long version,
                               @NotNull @Size(max = 20) List<RepinItem> items, boolean safetyConfirmationRequired) {
    }

    @Schema(name = "RepinItem", description = "What a re-pin would do to one item")
    public record RepinItem(
            @NotNull UUID itemId, @Min(1) @Max(20) int position, @NotNull @Size(max = 80) String exerciseSlug,
            @NotNull @Size(max = 200) String exerciseName, @Min(1) @Max(Integer.MAX_VALUE) int pinnedVersion,
            @Schema(description = "null when retired or unavailable") @Min(1) @Max(Integer.MAX_VALUE) Integer newestVersion,
            @NotNull @Schema(enumeration = {"UP_TO_DATE", "NEWER_VERSION", "RETIRED", "UNAVAILABLE"}) String outcome,
            @Schema(description = "For a retired exercise, the one the catalog suggests instead") @Size(max = 80)
            String replacedBy,
            @NotNull @Schema(description = "Readable differences: name, steps, cautions, the catalog's default dose")
            List<@Size(max = 2000) String> changes,
            boolean cautionsChanged) {
    }

    @Schema(name = "ProgramItem", description = "One pinned exercise of a program with its dose")
    public record ProgramItem(
            @NotNull UUID id, @Min(1) @Max(20) int position, @NotNull @Size(max = 80) String exerciseSlug,
            @Min(1) @Max(Integer.MAX_VALUE) int exerciseVersion, @NotNull @Size(max = 120) String exerciseName,
            @NotNull Dose dose, @Size(max = 300) String notes) {
    }

    @Schema(name = "ProgramWithContent", description = "The current program with each item's full pinned exercise "
            + "content; degraded when the catalog was down and content came from the gateway's cache (an item the "
            + "cache lacks has exercise null)")
    public record ProgramWithContent(
            @NotNull UUID id, @NotNull UUID patientId, @NotNull ProgramStatus status,
            @Size(max = 80) String template, @Min(1) @Max(14) int sessionsPerWeek, @NotNull LocalDate startDate,
            LocalDate endDate, @Size(max = 2000) String notes, boolean safetyConfirmed, Instant safetyConfirmedAt,
            @Size(max = 255) String safetyConfirmedBy, @NotNull @Size(max = 255) String assignedBy,
            @NotNull @Size(max = 20) List<ProgramItemWithContent> items, @NotNull Instant createdAt,
            @NotNull Instant updatedAt, Instant endedAt, @Min(0) @Max(Long.MAX_VALUE) long version, boolean degraded) {
    }

    @Schema(name = "ProgramItemWithContent", description = "One pinned exercise of a program with its dose and the "
            + "pinned version's full content")
    public record ProgramItemWithContent(
            @NotNull UUID id, @Min(1) @Max(20) int position, @NotNull @Size(max = 80) String exerciseSlug,
            @Min(1) @Max(Integer.MAX_VALUE) int exerciseVersion, @NotNull @Size(max = 120) String exerciseName,
            @NotNull Dose dose, @Size(max = 300) String notes, ExerciseView exercise) {
    }
}

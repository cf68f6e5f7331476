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
            Instant endedAt) {
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
            @NotNull Instant updatedAt, Instant endedAt, boolean degraded) {
    }

    @Schema(name = "ProgramItemWithContent", description = "One pinned exercise of a program with its dose and the "
            + "pinned version's full content")
    public record ProgramItemWithContent(
            @NotNull UUID id, @Min(1) @Max(20) int position, @NotNull @Size(max = 80) String exerciseSlug,
            @Min(1) @Max(Integer.MAX_VALUE) int exerciseVersion, @NotNull @Size(max = 120) String exerciseName,
            @NotNull Dose dose, @Size(max = 300) String notes, ExerciseView exercise) {
    }
}

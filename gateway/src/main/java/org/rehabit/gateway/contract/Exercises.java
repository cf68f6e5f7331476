package org.rehabit.gateway.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** The exercise library as the catalog-service takes and gives it (its exercise, condition and template packages). */
public final class Exercises {

    private Exercises() {
    }

    /** A part of the body an exercise works on. */
    public enum BodyRegion { NECK, UPPER_BACK, SHOULDER, CHEST, LOWER_BACK, HIP, CORE, ARM, KNEE, ANKLE }

    /** The kind of work an exercise is. */
    public enum Category { WARM_UP, STRETCH, MOBILITY, STRENGTH, STABILITY, BREATHING }

    /** How the patient is placed when an exercise begins. */
    public enum StartPosition {
        STANDING, SEATED, SEATED_CROSS_LEGGED, SUPINE, PRONE, SIDE_LYING, QUADRUPED, KNEELING, HALF_KNEELING
    }

    /** What a step of an exercise is for. */
    public enum StepRole { SETUP, MOVE, HOLD, RETURN, BREATHING }

    /** The kind of a media link. */
    public enum MediaKind { IMAGE, VIDEO }

    /** DRAFT, PUBLISHED, or RETIRED (a published version of a retired exercise: still readable, no longer offered). */
    public enum VersionStatus { DRAFT, PUBLISHED, RETIRED }

    /** Where a figure is seen from. */
    public enum FigureView { SIDE, FRONT, BACK, TOP }

    /** What is drawn around a figure. */
    public enum Prop { CHAIR, MAT, WALL_BEHIND, WALL_AHEAD, DOORWAY, TABLE, BAND, TOWEL_ROLL, TOWEL_STRAP, PILLOW }

    private static final String EQUIPMENT = "^[a-z][a-z0-9-]{1,39}$";
    private static final String URL = "^https?://\\S+$";

    @Schema(name = "ExerciseInput", description = "The content of an exercise as an editor writes it; slug is "
            + "required to create and may be left out to edit; optional lists may be left out and mean none")
    public record ExerciseInput(
            @Size(min = 3, max = 80) @Pattern(regexp = Slugs.PATTERN) String slug,
            @NotBlank @Size(max = 120) String name,
            @Size(max = 10) List<@NotBlank @Size(max = 120) String> aliases,
            @NotBlank @Size(max = 500) String summary,
            @NotBlank @Size(max = 1000) String purpose,
            @NotNull Category category,
            @NotEmpty @Size(max = 5) List<@NotNull BodyRegion> bodyRegions,
            @NotNull StartPosition startPosition,
            @Size(max = 5) List<@NotNull @Size(min = 2, max = 40) @Pattern(regexp = EQUIPMENT) String> equipment,
            @NotNull @Min(1) @Max(3) Integer difficulty,
            @NotNull @Size(min = 2, max = 12) List<@NotNull Step> steps,
            @Size(max = 10) List<@NotBlank @Size(max = 300) String> cautions,
            @Size(max = 10) List<@NotBlank @Size(max = 300) String> contraindications,
            @NotNull @Size(min = 1, max = 10) List<@NotBlank @Size(max = 300) String> stopRules,
            @NotNull Dose defaultDose,
            @Size(max = 10) List<@NotNull Media> media,
            Figure figure,
            @Size(max = 10) List<@NotNull @Size(min = 3, max = 80) @Pattern(regexp = Slugs.PATTERN) String> conditions,
            Source source,
            @NotBlank @Size(max = 64) String licence) {
    }

    @Schema(name = "Step", description = "One instruction of an exercise, in order, with what it is for")
    public record Step(@NotNull StepRole role, @NotBlank @Size(max = 500) String instruction) {
    }

    @Schema(name = "Media", description = "An image or video showing an exercise; alt text is required")
    public record Media(
            @NotNull MediaKind type,
            @NotBlank @Size(max = 2000) @Pattern(regexp = URL) String url,
            @NotBlank @Size(max = 300) String altText) {
    }

    @Schema(name = "Source", description = "Where an exercise's facts come from, for attribution")
    public record Source(
            @NotBlank @Size(max = 200) String title,
            @Size(max = 200) String author,
            @Size(max = 200) String publisher,
            @Size(max = 2000) @Pattern(regexp = URL) String url,
            @Size(max = 500) String note) {
    }

    @Schema(name = "Figure", description = "The picture of an exercise as data: one or two poses of a mannequin as "
            + "joint angles in degrees (conventions in docs/catalog.md), the props around it and its alt text")
    public record Figure(
            @NotNull FigureView view,
            @NotNull @Size(min = 1, max = 2) List<@NotNull Pose> poses,
            @Size(max = 6) List<@NotNull Prop> props,
            @NotBlank @Size(max = 300) String altText) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Pose", description = "One position of the mannequin; trunk is the whole body's lean from upright, "
            + "the other joints are relative to the segment they hang from")
    public record Pose(
            @NotBlank @Size(max = 40) String label,
            @NotNull @Min(-180) @Max(180) Integer trunk,
            @Min(-60) @Max(60) Integer spine,
            @Min(-90) @Max(90) Integer head,
            @Min(-90) @Max(90) Integer headTurn,
            @NotNull Pair shoulders,
            @NotNull Pair elbows,
            @NotNull Pair hips,
            @NotNull Pair knees,
            Pair ankles,
            Pair shouldersForward,
            Pair hipsForward,
            Pair kneesForward) {
    }

    @Schema(name = "JointPair", description = "The angle of a joint on the figure's left and right side, in degrees")
    public record Pair(@NotNull @Min(-200) @Max(200) Integer left, @NotNull @Min(-200) @Max(200) Integer right) {
    }

    @Schema(name = "Exercise", description = "One version of an exercise with its full content")
    public record ExerciseView(
            @NotNull @Size(max = 80) String slug, @Min(1) @Max(Integer.MAX_VALUE) int version,
            @NotNull VersionStatus status,
            @Schema(description = "Whether this is the version clients get for the bare slug") boolean current,
            @Min(1) @Max(Integer.MAX_VALUE) int latestVersion,
            @NotNull @Size(max = 120) String name, @NotNull @Size(max = 10) List<@Size(max = 120) String> aliases,
            @NotNull @Size(max = 500) String summary, @NotNull @Size(max = 1000) String purpose,
            @NotNull Category category, @NotNull @Size(max = 5) List<BodyRegion> bodyRegions,
            @NotNull StartPosition startPosition, @NotNull @Size(max = 5) List<@Size(max = 40) String> equipment,
            @Min(1) @Max(3) int difficulty, @NotNull @Size(max = 12) List<Step> steps,
            @NotNull @Size(max = 10) List<@Size(max = 300) String> cautions,
            @NotNull @Size(max = 10) List<@Size(max = 300) String> contraindications,
            @NotNull @Size(max = 10) List<@Size(max = 300) String> stopRules,
            @NotNull Dose defaultDose, @NotNull @Size(max = 10) List<Media> media, Figure figure,
            @NotNull @Size(max = 10) List<@Size(max = 80) String> conditions, Source source,
            @NotNull @Size(max = 64) String licence, @NotNull Instant createdAt, @NotNull Instant updatedAt,
            Instant publishedAt, Instant retiredAt) {
    }

    @Schema(name = "ExerciseSummary", description = "An exercise as a search result or list entry: enough to choose "
            + "it, not to do it")
    public record ExerciseSummary(
            @NotNull @Size(max = 80) String slug, @Min(1) @Max(Integer.MAX_VALUE) int version,
            @NotNull @Size(max = 120) String name, @NotNull @Size(max = 500) String summary,
            @NotNull Category category, @NotNull @Size(max = 5) List<BodyRegion> bodyRegions,
            @NotNull StartPosition startPosition, @NotNull @Size(max = 5) List<@Size(max = 40) String> equipment,
            @Min(1) @Max(3) int difficulty, @NotNull @Size(max = 10) List<@Size(max = 80) String> conditions,
            Figure figure) {
    }

    @Schema(name = "ExercisePage", description = "One page of search results, every match ranked; total is exact")
    public record ExercisePage(
            @NotNull @Size(max = 100) List<ExerciseSummary> items, @Min(0) @Max(100_000) int page,
            @Min(1) @Max(100) int size, @Min(0) @Max(Long.MAX_VALUE) long total, boolean totalExact,
            @Schema(description = "Pass as after= for the next page; null on the last page", nullable = true)
            @Size(max = 1000) @Pattern(regexp = "^[A-Za-z0-9_-]*$") String next) {
    }

    @Schema(name = "ExerciseVersionSummary", description = "One entry of an exercise's version history")
    public record VersionSummary(
            @Min(1) @Max(Integer.MAX_VALUE) int version, @NotNull VersionStatus status, boolean current,
            @NotNull @Size(max = 120) String name, @NotNull Instant createdAt, @NotNull Instant updatedAt,
            Instant publishedAt) {
    }

    @Schema(name = "ConditionSummary", description = "A condition in a list")
    public record ConditionSummary(
            @NotNull @Size(max = 80) String slug, @NotNull @Size(max = 120) String name,
            @NotNull @Size(max = 2000) String description, @NotNull @Size(max = 10) List<BodyRegion> bodyRegions,
            boolean seeDoctorFirst) {
    }

    @Schema(name = "Condition", description = "A condition with its guidance, red flags (signs that mean stop and "
            + "seek care), the published exercises that help with it and its starter routines")
    public record ConditionView(
            @NotNull @Size(max = 80) String slug, @NotNull @Size(max = 120) String name,
            @NotNull @Size(max = 2000) String description, @NotNull @Size(max = 10) List<BodyRegion> bodyRegions,
            @NotNull @Size(max = 2000) String guidance, boolean seeDoctorFirst,
            @NotNull @Size(max = 10) List<@Size(max = 300) String> redFlags,
            @NotNull List<ExerciseSummary> recommendedExercises,
            @NotNull List<RoutineTemplateSummary> routineTemplates) {
    }

    @Schema(name = "RoutineTemplateSummary", description = "A routine template in a list")
    public record RoutineTemplateSummary(
            @NotNull @Size(max = 80) String slug, @NotNull @Size(max = 120) String name,
            @NotNull @Size(max = 500) String summary, @Size(max = 80) String condition,
            @Min(1) @Max(20) int itemCount) {
    }

    @Schema(name = "RoutineTemplate", description = "A routine template with its items in order")
    public record RoutineTemplateView(
            @NotNull @Size(max = 80) String slug, @NotNull @Size(max = 120) String name,
            @NotNull @Size(max = 500) String summary, @Size(max = 80) String condition,
            @NotNull @Size(max = 20) List<RoutineTemplateItem> items) {
    }

    @Schema(name = "RoutineTemplateItem", description = "One step of a routine: the exercise as currently published "
            + "(null when retired or unpublished), whether it can be assigned today, and the routine's dose")
    public record RoutineTemplateItem(
            @Min(1) @Max(20) int position, @NotNull @Size(max = 80) String exerciseSlug, ExerciseSummary exercise,
            boolean available, @NotNull Dose dose, @Size(max = 300) String notes) {
    }
}

package org.rehabit.catalog.exercise;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * The picture of an exercise as data: one or two poses of a mannequin (the start position and, where it helps,
 * the key movement) given as joint angles in degrees, seen from the side or the front, with the props around it
 * and the alt text that says what the picture shows. The web app draws every figure the same way from this, so a
 * new exercise gets its picture from its content. The angle conventions are in docs/catalog.md.
 */
public record Figure(
        @NotNull View view,
        @NotNull @Size(min = 1, max = 2) List<@NotNull @Valid Pose> poses,
        @Size(max = 6) List<@NotNull Prop> props,
        @NotBlank @Size(max = 300) String altText) {

    public Figure {
        props = props == null ? List.of() : List.copyOf(props);
    }

    /**
     * Where the figure is seen from: SIDE (facing right, its right side nearest), FRONT, BACK (the front view seen
     * from behind: mirrored, what is behind the back in front), or TOP (the front view's geometry seen from above, for
     * lying face down or on the back; no floor line).
     */
    public enum View { SIDE, FRONT, BACK, TOP }

    /** What is drawn around the figure; each is placed from the pose (a chair under the pelvis, a wall behind...). */
    public enum Prop { CHAIR, MAT, WALL_BEHIND, WALL_AHEAD, DOORWAY, TABLE, BAND, TOWEL_ROLL, TOWEL_STRAP, PILLOW }

    /**
     * One position of the mannequin. {@code trunk} is the whole body's lean from upright (SIDE: forward positive, so
     * 90 is face down and -90 on the back; FRONT: toward the figure's left, so 90 is lying on the left side); the
     * others are relative to the segment they hang from (SIDE: flexion; FRONT: abduction for shoulders and hips).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pose(
            @NotBlank @Size(max = 40) String label,
            @NotNull @Min(-180) @Max(180) Integer trunk,
            @Min(-60) @Max(60) Integer spine,
            @Min(-90) @Max(90) Integer head,
            @Min(-90) @Max(90) Integer headTurn,
            @NotNull @Valid Pair shoulders,
            @NotNull @Valid Pair elbows,
            @NotNull @Valid Pair hips,
            @NotNull @Valid Pair knees,
            @Valid Pair ankles,
            @Valid Pair shouldersForward,
            @Valid Pair hipsForward,
            @Valid Pair kneesForward) {
    }

    /**
     * The angle of a joint on the figure's left and right side, in degrees. No joint turns further than 200 degrees
     * from where it starts (200, not 180, so that arms raised overhead can be lifted a little more).
     */
    public record Pair(@NotNull @Min(-200) @Max(200) Integer left, @NotNull @Min(-200) @Max(200) Integer right) {
    }
}

package org.rehabit.session.log;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.rehabit.session.program.Side;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A session as the patient's phone (or their physio) logs it.
 *
 * @param programId   defaults to the patient's open program
 * @param performedAt when, in the patient's local time with its offset (e.g. 2026-11-24T08:30:00+01:00)
 * @param correctsId  the earlier log this one corrects, if it is a correction
 */
public record LogSessionRequest(
        UUID programId,
        @NotNull OffsetDateTime performedAt,
        @NotNull @Min(0) @Max(10) Integer painBefore,
        @NotNull @Min(0) @Max(10) Integer painAfter,
        @Min(1) @Max(10) Integer perceivedDifficulty,
        @Min(0) @Max(86_400) Integer durationSeconds,
        @Size(max = 2000) String notes,
        UUID correctsId,
        @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Item> items) {

    /**
     * Whether every constraint above holds, checked by hand: the common case, a log with nothing to report, without
     * Hibernate Validator's walk over the request and its items (6-8 % of the session-service's CPU per log). When
     * this says no, the constraints are validated as declared and their violations answered as before
     * ({@code SessionLogResource}); {@code LogSessionRequestTest} pins this check to Hibernate Validator's verdict.
     */
    boolean satisfiesConstraints() {
        if (performedAt == null || !within(painBefore, 0, 10) || !within(painAfter, 0, 10)
                || !absentOrWithin(perceivedDifficulty, 1, 10) || !absentOrWithin(durationSeconds, 0, 86_400)
                || notes != null && notes.length() > 2000
                || items == null || items.isEmpty() || items.size() > 50) {
            return false;
        }
        for (Item item : items) {
            if (item == null || !item.satisfiesConstraints()) {
                return false;
            }
        }
        return true;
    }

    private static boolean within(Integer value, int min, int max) {
        return value != null && value >= min && value <= max;
    }

    private static boolean absentOrWithin(Integer value, int min, int max) {
        return value == null || value >= min && value <= max;
    }

    /**
     * What was done of one program item, or of one side of it.
     *
     * @param setsDone   sets finished
     * @param repsDone   repetitions done in total over all sets (on that side)
     * @param holdSeconds the average of the seconds actually held per repetition (on that side); null when the item
     *                   prescribes no hold
     * @param side       LEFT or RIGHT for one side of an EACH_SIDE or ALTERNATING item (one entry per side); left
     *                   out otherwise (an item done on both sides, or a two-sided item logged as one entry)
     * @param painDuring 0-10 when pain was reported during it; at or above the clinic's threshold it raises
     *                   PAIN_DURING
     */
    public record Item(
            @NotNull UUID programItemId,
            @NotNull ItemStatus status,
            @Min(0) @Max(100) Integer setsDone,
            @Min(0) @Max(1000) Integer repsDone,
            @Min(0) @Max(3600) Integer holdSeconds,
            Side side,
            @Min(0) @Max(10) Integer painDuring) {

        /** Whether every constraint above holds (see {@link LogSessionRequest#satisfiesConstraints()}). */
        boolean satisfiesConstraints() {
            return programItemId != null && status != null && absentOrWithin(setsDone, 0, 100)
                    && absentOrWithin(repsDone, 0, 1000) && absentOrWithin(holdSeconds, 0, 3600)
                    && absentOrWithin(painDuring, 0, 10);
        }
    }
}

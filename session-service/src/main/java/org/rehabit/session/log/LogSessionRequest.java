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
    }
}

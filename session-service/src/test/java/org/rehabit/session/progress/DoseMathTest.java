package org.rehabit.session.progress;

import org.junit.jupiter.api.Test;
import org.rehabit.session.log.ItemStatus;
import org.rehabit.session.program.Side;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The dose-completion rule on worked examples (docs/session.md, "Progress formulas"). */
class DoseMathTest {

    /** 2 × 10, no hold. */
    private static final DoseMath.Prescribed REPS = new DoseMath.Prescribed(Side.BOTH, 2, 10, null);
    /** 1 × 3 held 30 s on each side. */
    private static final DoseMath.Prescribed HOLDS = new DoseMath.Prescribed(Side.EACH_SIDE, 1, 3, 30);
    /** 2 sets of 30 s, no reps (a timed exercise). */
    private static final DoseMath.Prescribed TIMED = new DoseMath.Prescribed(Side.BOTH, 2, null, null);

    private static DoseMath.Entry done(Side side, Integer sets, Integer reps, Integer hold) {
        return new DoseMath.Entry(ItemStatus.DONE, side, sets, reps, hold);
    }

    @Test
    void repetitionsCountAgainstSetsTimesReps() {
        assertEquals(1.0, DoseMath.item(REPS, List.of(done(null, 2, 20, null))));
        assertEquals(0.5, DoseMath.item(REPS, List.of(done(null, 1, 10, null))));
        // more than prescribed is not more than done in full
        assertEquals(1.0, DoseMath.item(REPS, List.of(done(null, 3, 30, null))));
        // sets alone when repetitions were not reported
        assertEquals(0.5, DoseMath.item(REPS, List.of(done(null, 1, null, null))));
        assertEquals(0.5, DoseMath.item(TIMED, List.of(done(null, 1, null, null))));
    }

    @Test
    void holdsScaleTheVolumeAndTwoSidedItemsAverageTheirSides() {
        // left: 3 reps held 15 of 30 s = 0.5; right: in full = 1
        assertEquals(0.75, DoseMath.item(HOLDS, List.of(done(Side.LEFT, 1, 3, 15), done(Side.RIGHT, 1, 3, 30))));
        // 2 of 3 reps held 30 s on the left, the right skipped: (2/3 + 0) / 2
        assertEquals(1.0 / 3, DoseMath.item(HOLDS, List.of(done(Side.LEFT, 1, 2, 30),
                new DoseMath.Entry(ItemStatus.SKIPPED, Side.RIGHT, null, null, null))), 1e-9);
        // a side not logged counts 0
        assertEquals(0.5, DoseMath.item(HOLDS, List.of(done(Side.RIGHT, 1, 3, 30))));
        // the whole item logged once, without a side, counts as it is
        assertEquals(0.5, DoseMath.item(HOLDS, List.of(done(null, 1, 3, 15))));
        // a hold alone, no counts
        assertEquals(0.8, DoseMath.item(HOLDS, List.of(done(Side.LEFT, null, null, 24),
                done(Side.RIGHT, null, null, 24))), 1e-9);
    }

    @Test
    void skippedOrLeftOutIsNothingAndDoneWithoutCountsIsUnmeasured() {
        assertEquals(0.0, DoseMath.item(REPS, List.of()));
        assertEquals(0.0, DoseMath.item(REPS, List.of(new DoseMath.Entry(ItemStatus.SKIPPED, null, null, null,
                null))));
        assertNull(DoseMath.item(REPS, List.of(done(null, null, null, null))));
        // a hold reported on an item without a prescribed hold says nothing either
        assertNull(DoseMath.item(REPS, List.of(done(null, null, null, 12))));
        assertNull(DoseMath.item(HOLDS, List.of(done(Side.LEFT, null, null, null), done(Side.RIGHT, 1, 3, 30))));
    }
}

package org.rehabit.session.progress;

import org.junit.jupiter.api.Test;
import org.rehabit.session.progress.ProgressMath.WeekCount;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The formulas of progress (adherence, pain trend, streak, rounding) checked by hand, without the database. */
class ProgressMathTest {

    private static final LocalDate MONDAY = LocalDate.parse("2026-03-02");
    private static final double EXACT = 1e-12;

    private static WeekCount week(int index, double prescribed, int done, Double painAfter) {
        return new WeekCount(MONDAY.plusWeeks(index), prescribed, done, painAfter, null);
    }

    @Test
    void weeklyAdherenceIsDoneOverPrescribedCappedAtOne() {
        assertEquals(0.5, ProgressMath.adherence(4, 2), EXACT);
        assertEquals(7.0 / 9, ProgressMath.adherence(9.0 / 7, 1), EXACT);
        assertEquals(1.0, ProgressMath.adherence(3, 5), EXACT);
        assertEquals(0.0, ProgressMath.adherence(3, 0), EXACT);
        assertNull(ProgressMath.adherence(0, 2), "nothing prescribed: no adherence, not 100 %");
    }

    @Test
    void extraSessionsOneWeekDoNotMakeUpForMissedOnesAnother() {
        // 3 prescribed each week; 6 done then 0: 3 of 6 count, not 6 of 6
        List<WeekCount> weeks = List.of(week(0, 3, 6, null), week(1, 3, 0, null));
        assertEquals(0.5, ProgressMath.overallAdherence(weeks), EXACT);
        // (2 + 0 + 12/7 + 1) / (15/7 + 3 + 12/7 + 9/7) = 33/57
        List<WeekCount> fixture = List.of(week(0, 15.0 / 7, 2, null), week(1, 3, 0, null),
                week(2, 12.0 / 7, 3, null), week(3, 9.0 / 7, 1, null));
        assertEquals(33.0 / 57, ProgressMath.overallAdherence(fixture), EXACT);
        assertNull(ProgressMath.overallAdherence(List.of(week(0, 0, 2, null))));
        assertNull(ProgressMath.overallAdherence(List.of()));
    }

    @Test
    void theAtRiskAdherenceCountsTheCompleteWeeksOnly() {
        // the current week (the last) with nothing done yet does not pull 3 of 3 down
        assertEquals(1.0, ProgressMath.completeWeeksAdherence(List.of(week(0, 3, 3, null), week(1, 2.0 / 7, 0,
                null))), EXACT);
        // assigned this week: no complete week, no adherence to be at risk for
        assertNull(ProgressMath.completeWeeksAdherence(List.of(week(0, 3.0 / 7, 0, null))));
        assertNull(ProgressMath.completeWeeksAdherence(List.of()));
        assertEquals(0.0, ProgressMath.completeWeeksAdherence(List.of(week(0, 3, 0, null), week(1, 3, 3, null))),
                EXACT);
    }

    @Test
    void theSlopeIsTheLeastSquaresFit() {
        // y = 2x + 1 exactly
        assertEquals(2.0, ProgressMath.slope(List.of(new double[] {0, 1}, new double[] {1, 3},
                new double[] {2, 5})), EXACT);
        // (0,4) (2,5) (3,6): (3*28 - 5*15) / (3*13 - 25) = 9/14
        assertEquals(9.0 / 14, ProgressMath.slope(List.of(new double[] {0, 4}, new double[] {2, 5},
                new double[] {3, 6})), EXACT);
        // falling: (0,6) (1,4) (2,5) (3,1): Sx=6 Sy=16 Sxx=14 Sxy=17 -> (4*17 - 96) / (56 - 36) = -1.4
        assertEquals(-1.4, ProgressMath.slope(List.of(new double[] {0, 6}, new double[] {1, 4},
                new double[] {2, 5}, new double[] {3, 1})), EXACT);
        assertNull(ProgressMath.slope(List.of(new double[] {0, 4})));
        assertNull(ProgressMath.slope(List.of()));
        assertNull(ProgressMath.slope(List.of(new double[] {1, 4}, new double[] {1, 6})), "no spread in x");
    }

    @Test
    void thePainTrendSkipsWeeksWithoutSessionsButKeepsTheirPlace() {
        List<WeekCount> weeks = List.of(week(0, 3, 2, 4.0), week(1, 3, 0, null), week(2, 3, 3, 5.0),
                week(3, 3, 1, 6.0));
        assertEquals(9.0 / 14, ProgressMath.painTrend(weeks), EXACT);
        assertEquals(0.0, ProgressMath.painTrend(List.of(week(0, 1, 1, 2.0), week(1, 1, 1, 2.0))), EXACT);
        assertNull(ProgressMath.painTrend(List.of(week(0, 1, 1, 2.0), week(1, 1, 0, null))));
    }

    @Test
    void theStreakCountsMetWeeksBackFromNow() {
        // the current week (last) met 1 of ceil(3/7) = 1: counts
        assertEquals(4, ProgressMath.streak(List.of(week(0, 1, 1, null), week(1, 1, 1, null), week(2, 1, 2, null),
                week(3, 3.0 / 7, 1, null))));
        // under way and not met yet: no break, but no credit either
        assertEquals(2, ProgressMath.streak(List.of(week(0, 3, 0, null), week(1, 3, 3, null), week(2, 3, 4, null),
                week(3, 9.0 / 7, 1, null))));
        // a missed past week ends it
        assertEquals(1, ProgressMath.streak(List.of(week(0, 3, 3, null), week(1, 3, 2, null), week(2, 3, 3, null),
                week(3, 9.0 / 7, 0, null))));
        // a fractional prescription is rounded up: 12/7 needs 2
        assertEquals(0, ProgressMath.streak(List.of(week(0, 12.0 / 7, 1, null), week(1, 12.0 / 7, 1, null))));
        assertEquals(2, ProgressMath.streak(List.of(week(0, 12.0 / 7, 2, null), week(1, 12.0 / 7, 2, null))));
        // exactly whole prescriptions do not need one more because of floating point: 7 x 1/7 = 1
        assertEquals(1, ProgressMath.streak(List.of(week(0, 7 * (1.0 / 7), 1, null))));
        // nothing prescribed (before the start) is not a met week
        assertEquals(0, ProgressMath.streak(List.of(week(0, 0, 0, null), week(1, 0, 0, null))));
        // a fully paused week in between neither counts nor breaks: 2 met weeks around it make a streak of 2
        assertEquals(2, ProgressMath.streak(List.of(week(0, 3, 3, null), week(1, 0, 0, null), week(2, 3, 3, null))));
        assertEquals(0, ProgressMath.streak(List.of()));
    }

    @Test
    void valuesAreRoundedToTwoDecimalsForDisplay() {
        assertEquals(0.58, ProgressMath.round(33.0 / 57));
        assertEquals(0.64, ProgressMath.round(9.0 / 14));
        assertEquals(0.78, ProgressMath.round(7.0 / 9));
        assertEquals(1.29, ProgressMath.round(9.0 / 7));
        assertEquals(-1.4, ProgressMath.round(-1.4));
        assertNull(ProgressMath.round(null));
    }
}

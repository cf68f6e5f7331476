package org.rehabit.session.energy;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The calorie formula and the weight trend against worked examples computed by hand (the arithmetic is in the
 * comments), in both unit systems.
 */
class EnergyMathTest {

    @Test
    void conversionsAreExact() {
        // 5 ft 6 in = 66 in; 66 × 2.54 = 167.64 cm
        assertExactly("167.64", EnergyMath.cm(bd("5"), bd("6")));
        // 8 ft 11 in = 107 in; 107 × 2.54 = 271.78 cm
        assertExactly("271.78", EnergyMath.cm(bd("8"), bd("11")));
        // 5 ft 7.5 in = 67.5 in; 67.5 × 2.54 = 171.45 cm
        assertExactly("171.45", EnergyMath.cm(bd("5"), bd("7.5")));
        // 150 × 0.45359237 = 68.0388555 kg
        assertExactly("68.0388555", EnergyMath.kg(bd("150")));
        // 2,000 × 0.45359237 = 907.18474 kg
        assertExactly("907.18474", EnergyMath.kg(bd("2000")));
    }

    @Test
    void womanInFeetInchesAndPoundsModerateLosingOnePound() {
        // 30-year-old woman, 5 ft 6 in, 150 lb, MODERATE (1.55), LOSE_1:
        //   height   = 66 in × 2.54            = 167.64 cm
        //   weight   = 150 lb × 0.45359237     = 68.0388555 kg
        //   resting  = 10 × 68.0388555 + 6.25 × 167.64 − 5 × 30 − 161
        //            = 680.388555 + 1047.75 − 150 − 161 = 1417.138555       → 1417
        //   maint.   = 1417.138555 × 1.55      = 2196.56476025              → 2197
        //   goal     = −1 lb × 3500 / 7        = −500
        //   target   = 2196.56476025 − 500     = 1696.56476025              → 1697 (≥ 1200: not raised)
        EnergyMath.Target t = EnergyMath.target(Sex.FEMALE, EnergyMath.kg(bd("150")),
                EnergyMath.cm(bd("5"), bd("6")), 30, ActivityLevel.MODERATE, Goal.LOSE_1);
        assertExactly("1417.138555", t.restingKcal());
        assertExactly("1.55", t.activityFactor());
        assertExactly("2196.56476025", t.maintenanceKcal());
        assertExactly("-500", t.goalAdjustmentKcal());
        assertExactly("1696.56476025", t.targetKcal());
        assertExactly("1200", t.floorKcal());
        assertFalse(t.raisedToFloor());
        assertEquals(1417, EnergyMath.wholeKcal(t.restingKcal()));
        assertEquals(2197, EnergyMath.wholeKcal(t.maintenanceKcal()));
        assertEquals(1697, EnergyMath.wholeKcal(t.targetKcal()));

        // The same woman entered in cm and kg gets exactly the same numbers.
        EnergyMath.Target metric = EnergyMath.target(Sex.FEMALE, bd("68.0388555"), bd("167.64"), 30,
                ActivityLevel.MODERATE, Goal.LOSE_1);
        assertExactly(t.restingKcal().toPlainString(), metric.restingKcal());
        assertExactly(t.targetKcal().toPlainString(), metric.targetKcal());
    }

    @Test
    void manInCentimetresAndKilogramsSedentaryGainingHalfAPound() {
        // 45-year-old man, 180.5 cm, 82.4 kg, SEDENTARY (1.2), GAIN_0_5:
        //   resting  = 10 × 82.4 + 6.25 × 180.5 − 5 × 45 + 5
        //            = 824 + 1128.125 − 225 + 5 = 1732.125                  → 1732
        //   maint.   = 1732.125 × 1.2          = 2078.55                    → 2079
        //   goal     = +0.5 lb × 3500 / 7      = +250
        //   target   = 2078.55 + 250           = 2328.55                    → 2329 (≥ 1500: not raised)
        EnergyMath.Target t = EnergyMath.target(Sex.MALE, bd("82.4"), bd("180.5"), 45, ActivityLevel.SEDENTARY,
                Goal.GAIN_0_5);
        assertExactly("1732.125", t.restingKcal());
        assertExactly("2078.55", t.maintenanceKcal());
        assertExactly("250", t.goalAdjustmentKcal());
        assertExactly("2328.55", t.targetKcal());
        assertExactly("1500", t.floorKcal());
        assertFalse(t.raisedToFloor());
        assertEquals(1732, EnergyMath.wholeKcal(t.restingKcal()));
        assertEquals(2079, EnergyMath.wholeKcal(t.maintenanceKcal()));
        assertEquals(2329, EnergyMath.wholeKcal(t.targetKcal()));
    }

    @Test
    void smallOlderWomanLosingTwoPoundsIsRaisedToTheWomensFloor() {
        // 70-year-old woman, 4 ft 11 in, 95 lb, SEDENTARY, LOSE_2:
        //   height   = 59 in × 2.54            = 149.86 cm
        //   weight   = 95 × 0.45359237         = 43.09127515 kg
        //   resting  = 430.9127515 + 6.25 × 149.86 (936.625) − 350 − 161 = 856.5377515 → 857
        //   maint.   = 856.5377515 × 1.2       = 1027.8453018               → 1028
        //   goal     = −2 × 3500 / 7           = −1000
        //   target   = 27.8453018 < 1200       → raised to 1200
        EnergyMath.Target t = EnergyMath.target(Sex.FEMALE, EnergyMath.kg(bd("95")),
                EnergyMath.cm(bd("4"), bd("11")), 70, ActivityLevel.SEDENTARY, Goal.LOSE_2);
        assertExactly("856.5377515", t.restingKcal());
        assertExactly("1027.8453018", t.maintenanceKcal());
        assertExactly("-1000", t.goalAdjustmentKcal());
        assertExactly("1200", t.targetKcal());
        assertTrue(t.raisedToFloor());
        assertEquals(857, EnergyMath.wholeKcal(t.restingKcal()));
        assertEquals(1028, EnergyMath.wholeKcal(t.maintenanceKcal()));
    }

    @Test
    void floorsDifferBySex() {
        // 60-year-old man, 165 cm, 60 kg, SEDENTARY, LOSE_0_5:
        //   resting  = 600 + 1031.25 − 300 + 5 = 1336.25                   → 1336
        //   maint.   = 1336.25 × 1.2           = 1603.5                     → 1604 (half rounds up)
        //   target   = 1603.5 − 250            = 1353.5 < 1500              → raised to 1500
        EnergyMath.Target man = EnergyMath.target(Sex.MALE, bd("60"), bd("165"), 60, ActivityLevel.SEDENTARY,
                Goal.LOSE_0_5);
        assertExactly("1336.25", man.restingKcal());
        assertExactly("1603.5", man.maintenanceKcal());
        assertEquals(1604, EnergyMath.wholeKcal(man.maintenanceKcal()));
        assertExactly("1500", man.targetKcal());
        assertTrue(man.raisedToFloor());

        // A woman of the same age and build, MAINTAIN:
        //   resting  = 600 + 1031.25 − 300 − 161 = 1170.25
        //   maint.   = 1170.25 × 1.2           = 1404.3                     → 1404
        //   target   = 1404.3 ≥ 1200           → kept (a man would be raised to 1500)
        EnergyMath.Target woman = EnergyMath.target(Sex.FEMALE, bd("60"), bd("165"), 60, ActivityLevel.SEDENTARY,
                Goal.MAINTAIN);
        assertExactly("1170.25", woman.restingKcal());
        assertExactly("1404.3", woman.targetKcal());
        assertFalse(woman.raisedToFloor());
        assertEquals(1404, EnergyMath.wholeKcal(woman.targetKcal()));
    }

    @Test
    void goalAdjustmentIsThirtyFiveHundredKcalPerPoundSpreadOverAWeek() {
        // lb per week × 3500 / 7 = lb × 500
        Map<Goal, String> expected = Map.of(Goal.LOSE_2, "-1000", Goal.LOSE_1_5, "-750", Goal.LOSE_1, "-500",
                Goal.LOSE_0_5, "-250", Goal.MAINTAIN, "0", Goal.GAIN_0_5, "250", Goal.GAIN_1, "500",
                Goal.GAIN_1_5, "750", Goal.GAIN_2, "1000");
        assertEquals(Goal.values().length, expected.size());
        expected.forEach((goal, kcal) -> assertExactly(kcal, EnergyMath.goalAdjustmentKcal(goal)));
    }

    @Test
    void activityFactorsAreTheCalculatorsOnes() {
        assertExactly("1.2", ActivityLevel.SEDENTARY.factor());
        assertExactly("1.375", ActivityLevel.LIGHT.factor());
        assertExactly("1.55", ActivityLevel.MODERATE.factor());
        assertExactly("1.725", ActivityLevel.ACTIVE.factor());
        assertExactly("1.9", ActivityLevel.VERY_ACTIVE.factor());
    }

    @Test
    void ageCountsCompletedYears() {
        assertEquals(29, EnergyMath.age(LocalDate.of(1996, 11, 24), LocalDate.of(2026, 11, 23)));
        assertEquals(30, EnergyMath.age(LocalDate.of(1996, 11, 24), LocalDate.of(2026, 11, 24)));
        // born on 29 February: a year is complete on 1 March in a common year
        assertEquals(25, EnergyMath.age(LocalDate.of(2000, 2, 29), LocalDate.of(2026, 2, 28)));
        assertEquals(26, EnergyMath.age(LocalDate.of(2000, 2, 29), LocalDate.of(2026, 3, 1)));
    }

    @Test
    void slopeIsTheLeastSquaresFitInKgPerWeek() {
        // x (days) = 0, 3, 7; y (kg) = 81.0, 80.7, 80.0
        //   n = 3, Σx = 10, Σy = 241.7, Σxy = 0 + 242.1 + 560.0 = 802.1, Σx² = 58
        //   slope/day  = (3 × 802.1 − 10 × 241.7) / (3 × 58 − 10²) = (2406.3 − 2417) / 74 = −10.7 / 74
        //   slope/week = −74.9 / 74 = −1.01216216…                         → −1.012
        LocalDate d = LocalDate.of(2026, 11, 2);
        BigDecimal slope = EnergyMath.slopeKgPerWeek(List.of(
                new EnergyMath.Point(d, bd("81.0")),
                new EnergyMath.Point(d.plusDays(3), bd("80.7")),
                new EnergyMath.Point(d.plusDays(7), bd("80.0")))).orElseThrow();
        assertExactly("-1.012", slope.setScale(3, RoundingMode.HALF_UP));

        // a straight line: −0.5 kg each week
        BigDecimal straight = EnergyMath.slopeKgPerWeek(List.of(
                new EnergyMath.Point(d, bd("80")),
                new EnergyMath.Point(d.plusDays(7), bd("79.5")),
                new EnergyMath.Point(d.plusDays(14), bd("79")))).orElseThrow();
        assertEquals(0, bd("-0.5").compareTo(straight));
    }

    @Test
    void slopeMixesUnitsExactly() {
        // 180 lb = 81.6466266 kg; a week later 81 kg: slope = 81 − 81.6466266 = −0.6466266 kg/week
        LocalDate d = LocalDate.of(2026, 11, 2);
        BigDecimal slope = EnergyMath.slopeKgPerWeek(List.of(
                new EnergyMath.Point(d, EnergyMath.kg(bd("180"))),
                new EnergyMath.Point(d.plusDays(7), bd("81")))).orElseThrow();
        assertEquals(0, bd("-0.6466266").compareTo(slope));
    }

    @Test
    void noSlopeFromFewerThanTwoEntries() {
        assertTrue(EnergyMath.slopeKgPerWeek(List.of()).isEmpty());
        assertTrue(EnergyMath.slopeKgPerWeek(List.of(new EnergyMath.Point(LocalDate.of(2026, 1, 1), bd("70"))))
                .isEmpty());
    }

    @Test
    void onTrackFollowsTheGoalsDirection() {
        assertTrue(EnergyMath.onTrack(Goal.LOSE_1, bd("-0.1")));
        assertFalse(EnergyMath.onTrack(Goal.LOSE_1, bd("0.1")));
        assertFalse(EnergyMath.onTrack(Goal.LOSE_1, bd("0")));
        assertTrue(EnergyMath.onTrack(Goal.GAIN_2, bd("0.1")));
        assertFalse(EnergyMath.onTrack(Goal.GAIN_2, bd("-0.1")));
        // maintain: within 0.5 lb (0.226796185 kg) a week either way
        assertTrue(EnergyMath.onTrack(Goal.MAINTAIN, bd("0.226796185")));
        assertTrue(EnergyMath.onTrack(Goal.MAINTAIN, bd("-0.2")));
        assertFalse(EnergyMath.onTrack(Goal.MAINTAIN, bd("-0.226796186")));
        assertFalse(EnergyMath.onTrack(Goal.MAINTAIN, bd("0.3")));
    }

    private static BigDecimal bd(String value) {
        return new BigDecimal(value);
    }

    /** Same number, compared by value (167.64 equals 167.640). */
    private static void assertExactly(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual),
                () -> "expected " + expected + " but was " + actual.toPlainString());
    }
}

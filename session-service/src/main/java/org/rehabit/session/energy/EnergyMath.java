package org.rehabit.session.energy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;

/**
 * The arithmetic of the calorie goal and the weight trend, free of I/O so that it can be checked against
 * worked examples: exact unit conversions, Mifflin-St Jeor resting energy, the activity factor, the goal
 * adjustment, the safety floor, and the least-squares slope of weights over time.
 *
 * <p>Everything is exact {@link BigDecimal} arithmetic; only the finished numbers are rounded (by the callers,
 * with {@link #wholeKcal} and friends), so the same person entered in ft/in and lb or in cm and kg gets
 * exactly the same answer.
 */
public final class EnergyMath {

    /** Exact by definition (international inch, 1959). */
    public static final BigDecimal CM_PER_INCH = new BigDecimal("2.54");
    /** Exact by definition (international avoirdupois pound, 1959). */
    public static final BigDecimal KG_PER_LB = new BigDecimal("0.45359237");
    public static final BigDecimal INCHES_PER_FOOT = BigDecimal.valueOf(12);
    /** The calculator's rule of thumb: a pound of body weight is 3,500 kcal. */
    public static final BigDecimal KCAL_PER_LB = BigDecimal.valueOf(3500);
    public static final BigDecimal DAYS_PER_WEEK = BigDecimal.valueOf(7);

    public static final int MIN_AGE = 13;
    public static final int MAX_AGE = 120;
    public static final BigDecimal MIN_HEIGHT_CM = BigDecimal.valueOf(50);
    public static final BigDecimal MAX_HEIGHT_CM = BigDecimal.valueOf(272);
    public static final BigDecimal MIN_WEIGHT_KG = BigDecimal.valueOf(20);
    public static final BigDecimal MAX_WEIGHT_KG = BigDecimal.valueOf(400);

    /** Daily targets below these are not advised without medical supervision. */
    public static final BigDecimal FEMALE_FLOOR_KCAL = BigDecimal.valueOf(1200);
    public static final BigDecimal MALE_FLOOR_KCAL = BigDecimal.valueOf(1500);

    /**
     * A weekly change smaller than the smallest goal the calculator offers (0.5 lb) counts as keeping the
     * weight, for the {@link Goal#MAINTAIN} goal.
     */
    public static final BigDecimal MAINTAIN_TOLERANCE_KG_PER_WEEK = new BigDecimal("0.5").multiply(KG_PER_LB);

    private static final MathContext DIVISION = MathContext.DECIMAL128;

    private EnergyMath() {
    }

    /** The daily energy target and how it was reached, unrounded. */
    public record Target(BigDecimal restingKcal, BigDecimal activityFactor, BigDecimal maintenanceKcal,
                         BigDecimal goalAdjustmentKcal, BigDecimal targetKcal, BigDecimal floorKcal,
                         boolean raisedToFloor) {
    }

    /** One weight on one day. */
    public record Point(LocalDate day, BigDecimal kg) {
    }

    /** Height in centimetres, exactly: (feet × 12 + inches) × 2.54. */
    public static BigDecimal cm(BigDecimal feet, BigDecimal inches) {
        return feet.multiply(INCHES_PER_FOOT).add(inches).multiply(CM_PER_INCH);
    }

    /** Weight in kilograms, exactly: lb × 0.45359237. */
    public static BigDecimal kg(BigDecimal lb) {
        return lb.multiply(KG_PER_LB);
    }

    /** Completed years between a date of birth and a day (the day as the patient's own calendar shows it). */
    public static int age(LocalDate dateOfBirth, LocalDate today) {
        return Period.between(dateOfBirth, today).getYears();
    }

    /** Mifflin-St Jeor: 10·kg + 6.25·cm − 5·age + 5 (men) or − 161 (women), in kcal per day. */
    public static BigDecimal restingKcal(Sex sex, BigDecimal kg, BigDecimal cm, int age) {
        BigDecimal constant = sex == Sex.MALE ? BigDecimal.valueOf(5) : BigDecimal.valueOf(-161);
        return BigDecimal.TEN.multiply(kg)
                .add(new BigDecimal("6.25").multiply(cm))
                .subtract(BigDecimal.valueOf(5L * age))
                .add(constant);
    }

    /** lb per week × 3,500 kcal / 7 days: ±250 kcal a day per half pound a week. */
    public static BigDecimal goalAdjustmentKcal(Goal goal) {
        // exact: every goal is a multiple of 0.5 lb, and 0.5 × 3500 / 7 = 250
        return goal.lbPerWeek().multiply(KCAL_PER_LB).divide(DAYS_PER_WEEK);
    }

    public static BigDecimal floorKcal(Sex sex) {
        return sex == Sex.MALE ? MALE_FLOOR_KCAL : FEMALE_FLOOR_KCAL;
    }

    /**
     * Resting energy × activity factor = maintenance; + goal adjustment = target; a target below the floor for
     * the patient's sex is raised to it. The floor is compared with the exact target, before any rounding.
     */
    public static Target target(Sex sex, BigDecimal kg, BigDecimal cm, int age, ActivityLevel activity, Goal goal) {
        BigDecimal resting = restingKcal(sex, kg, cm, age);
        BigDecimal maintenance = resting.multiply(activity.factor());
        BigDecimal adjustment = goalAdjustmentKcal(goal);
        BigDecimal target = maintenance.add(adjustment);
        BigDecimal floor = floorKcal(sex);
        boolean raised = target.compareTo(floor) < 0;
        return new Target(resting, activity.factor(), maintenance, adjustment, raised ? floor : target, floor,
                raised);
    }

    /** Kilocalories to the nearest whole kcal (halves away from zero). */
    public static int wholeKcal(BigDecimal kcal) {
        return kcal.setScale(0, RoundingMode.HALF_UP).intValueExact();
    }

    /** A mass or length for display: two decimals, halves away from zero. */
    public static BigDecimal twoDecimals(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * The least-squares slope of weight over time, in kg per week, unrounded (to 34 significant digits); empty
     * with fewer than two distinct days. Days are whole calendar days, so the slope does not depend on the time
     * of day a weight was taken.
     */
    public static Optional<BigDecimal> slopeKgPerWeek(List<Point> points) {
        if (points.size() < 2) {
            return Optional.empty();
        }
        // n·Σxy − Σx·Σy over n·Σx² − (Σx)²: exact integers and decimals until the one division
        long origin = points.get(0).day().toEpochDay();
        BigDecimal n = BigDecimal.valueOf(points.size());
        BigDecimal sumX = BigDecimal.ZERO;
        BigDecimal sumY = BigDecimal.ZERO;
        BigDecimal sumXY = BigDecimal.ZERO;
        BigDecimal sumXX = BigDecimal.ZERO;
        for (Point p : points) {
            BigDecimal x = BigDecimal.valueOf(p.day().toEpochDay() - origin);
            sumX = sumX.add(x);
            sumY = sumY.add(p.kg());
            sumXY = sumXY.add(x.multiply(p.kg()));
            sumXX = sumXX.add(x.multiply(x));
        }
        BigDecimal denominator = n.multiply(sumXX).subtract(sumX.multiply(sumX));
        if (denominator.signum() == 0) {
            return Optional.empty();
        }
        BigDecimal numerator = n.multiply(sumXY).subtract(sumX.multiply(sumY));
        return Optional.of(numerator.multiply(DAYS_PER_WEEK).divide(denominator, DIVISION));
    }

    /**
     * Whether a weight trend moves toward the goal: down for losing, up for gaining, and for maintaining a
     * change of at most {@link #MAINTAIN_TOLERANCE_KG_PER_WEEK} either way.
     */
    public static boolean onTrack(Goal goal, BigDecimal slopeKgPerWeek) {
        return switch (goal.direction()) {
            case LOSE -> slopeKgPerWeek.signum() < 0;
            case GAIN -> slopeKgPerWeek.signum() > 0;
            case MAINTAIN -> slopeKgPerWeek.abs().compareTo(MAINTAIN_TOLERANCE_KG_PER_WEEK) <= 0;
        };
    }
}

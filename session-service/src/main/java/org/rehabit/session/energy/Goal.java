package org.rehabit.session.energy;

import java.math.BigDecimal;

/** The weekly weight goal of the calorie calculator: lose or gain 0.5 to 2 lb a week, or maintain. */
public enum Goal {
    LOSE_2("-2"),
    LOSE_1_5("-1.5"),
    LOSE_1("-1"),
    LOSE_0_5("-0.5"),
    MAINTAIN("0"),
    GAIN_0_5("0.5"),
    GAIN_1("1"),
    GAIN_1_5("1.5"),
    GAIN_2("2");

    /** Which way the goal moves the weight. */
    public enum Direction {
        LOSE, MAINTAIN, GAIN
    }

    private final BigDecimal lbPerWeek;

    Goal(String lbPerWeek) {
        this.lbPerWeek = new BigDecimal(lbPerWeek);
    }

    /** The weekly change in pounds, negative for losing. */
    public BigDecimal lbPerWeek() {
        return lbPerWeek;
    }

    public Direction direction() {
        return switch (lbPerWeek.signum()) {
            case -1 -> Direction.LOSE;
            case 1 -> Direction.GAIN;
            default -> Direction.MAINTAIN;
        };
    }
}

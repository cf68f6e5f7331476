package org.rehabit.support.outcome;

/** How a later score compares with an earlier one, judged by the instrument's minimal clinically important change. */
public enum Change {
    /** Better by at least the minimal clinically important difference. */
    IMPROVED,
    /** Less than that either way. */
    NO_IMPORTANT_CHANGE,
    /** Worse by at least the minimal clinically important difference. */
    WORSENED;

    /**
     * Classifies the move from {@code before} to {@code after}; a difference equal to the MCID counts as important
     * (the published values are the smallest change that matters).
     */
    public static Change between(double before, double after, Direction direction, double mcid) {
        double worsening = direction == Direction.HIGHER_IS_WORSE ? after - before : before - after;
        // compare at a precision far finer than any score's decimals, so 7.5 - 2.5 counts as exactly 5
        double tolerance = 1e-9;
        if (worsening >= mcid - tolerance) {
            return WORSENED;
        }
        if (-worsening >= mcid - tolerance) {
            return IMPROVED;
        }
        return NO_IMPORTANT_CHANGE;
    }
}

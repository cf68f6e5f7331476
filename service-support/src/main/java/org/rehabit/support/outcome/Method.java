package org.rehabit.support.outcome;

/** How a questionnaire's item answers become its score. */
public enum Method {
    /** The sum of the answers; with missing items, the answered items' sum scaled up to all items (prorated). */
    SUM,
    /** The mean of the answered items (missing items simply do not count). */
    MEAN,
    /**
     * The answered items' mean as a percentage of the item range, 0 to 100: {@code (mean - min) / (max - min) * 100}.
     * That is the Oswestry's "total / (5 x answered) x 100" and the QuickDASH's "(mean - 1) x 25".
     */
    PERCENT
}

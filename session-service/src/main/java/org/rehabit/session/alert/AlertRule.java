package org.rehabit.session.alert;

/** The causes an alert can have; each clinic sets their thresholds (see {@link AlertSettings}). */
public enum AlertRule {
    /** Pain after a session at or above the clinic's threshold (default 7 of 10). */
    PAIN_HIGH,
    /** Pain rose within one session by at least the clinic's threshold (default 2 points). */
    PAIN_RISE,
    /** Pain during an exercise of a session at or above the clinic's threshold (default 7 of 10). */
    PAIN_DURING,
    /** No session for the clinic's number of days (default 7) while a program is active. */
    INACTIVE,
    /**
     * An outcome measure's score worse than the assignment's baseline (its first score) by at least the pinned
     * version's minimal clinically important difference.
     */
    OUTCOME_WORSE
}

package org.rehabit.support.outcome;

/** Which way a score gets worse: what a physio must know to read a change, and what raises an alert. */
public enum Direction {
    HIGHER_IS_WORSE,
    LOWER_IS_WORSE
}

package org.rehabit.support.outcome;

/**
 * A questionnaire's scoring rule, kept as data beside its items.
 *
 * @param method     how answers become the score
 * @param maxMissing how many items may be left unanswered and the score still be given (prorated as {@link Method}
 *                   says); one more and there is no score
 * @param min        the lowest score the rule can give (checked against the items and method)
 * @param max        the highest score the rule can give
 * @param direction  which way the score gets worse
 * @param decimals   the score is rounded half up to this many decimals (0 to 2)
 */
public record ScoringRule(Method method, int maxMissing, double min, double max, Direction direction, int decimals) {
}

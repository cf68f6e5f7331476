package org.rehabit.support.outcome;

/**
 * What scoring one set of answers gave: a {@code value}, or none and the {@code reason} (too many items missing).
 *
 * @param value    the score, rounded as the rule says; null when it could not be scored
 * @param answered how many items were answered
 * @param missing  how many were not
 * @param reason   why there is no score; null when there is one
 */
public record Score(Double value, int answered, int missing, String reason) {

    public boolean scored() {
        return value != null;
    }
}

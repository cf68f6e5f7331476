package org.rehabit.session.alert;

/**
 * The three thresholds of a clinic's rules that a session log is checked against, read with the log's other inputs
 * in one statement (see {@code SessionLogRepository.target}) so that logging costs no extra query for them.
 *
 * @param painAfter raise PAIN_HIGH when the pain after a session is at least this
 * @param painRise  raise PAIN_RISE when the pain rose within a session by at least this
 * @param painDuring raise PAIN_DURING when an item was logged with pain during at least this
 */
public record SessionThresholds(int painAfter, int painRise, int painDuring) {

    /** The clinic's stored thresholds, or the defaults when it has set none (all null). */
    public static SessionThresholds of(Integer painAfter, Integer painRise, Integer painDuring) {
        return new SessionThresholds(painAfter == null ? AlertSettings.DEFAULT_PAIN_AFTER : painAfter,
                painRise == null ? AlertSettings.DEFAULT_PAIN_RISE : painRise,
                painDuring == null ? AlertSettings.DEFAULT_PAIN_DURING : painDuring);
    }

    /** PAIN_HIGH: the pain after the session reached the threshold. */
    public boolean painHigh(int painAfter) {
        return painAfter >= this.painAfter;
    }

    /** PAIN_RISE: the pain rose within the session by the threshold or more. */
    public boolean painRose(int painBefore, int painAfter) {
        return painAfter - painBefore >= painRise;
    }

    /** PAIN_DURING: an item's pain during (null: none logged) reached the threshold. */
    public boolean painDuringHigh(Integer painDuring) {
        return painDuring != null && painDuring >= this.painDuring;
    }

    /** Whether a session with these pains raises any of the three alerts. */
    public boolean raisesAny(int painBefore, int painAfter, Integer painDuring) {
        return painHigh(painAfter) || painRose(painBefore, painAfter) || painDuringHigh(painDuring);
    }
}

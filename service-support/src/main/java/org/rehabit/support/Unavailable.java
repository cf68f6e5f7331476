package org.rehabit.support;

/**
 * A service this one depends on cannot answer now; nothing was changed and the client may retry later
 * (503 with Retry-After).
 */
public class Unavailable extends RuntimeException {

    private final int retryAfterSeconds;

    public Unavailable(String message, int retryAfterSeconds, Throwable cause) {
        super(message, cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}

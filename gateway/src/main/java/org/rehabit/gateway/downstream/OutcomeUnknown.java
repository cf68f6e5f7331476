package org.rehabit.gateway.downstream;

/**
 * A write was sent but its answer never came (timeout, connection lost): it may or may not have been applied.
 * Answered 504 (timeout) or 502 with a detail that says how to find out.
 */
public class OutcomeUnknown extends RuntimeException {

    private final int status;

    public OutcomeUnknown(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

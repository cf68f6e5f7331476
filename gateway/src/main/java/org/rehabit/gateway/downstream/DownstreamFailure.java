package org.rehabit.gateway.downstream;

/**
 * A downstream service failed: it answered 5xx ({@link #status()}) or could not be reached or read (status 0).
 * Counts against its circuit breaker; never reaches a client as such (see {@link Resilient#failed}).
 */
public class DownstreamFailure extends RuntimeException {

    private final int status;

    public DownstreamFailure(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The service's 5xx status, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** The connection could not even be opened: the request was never sent. */
    public boolean neverSent() {
        for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }
}

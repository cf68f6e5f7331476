package org.rehabit.gateway.downstream;

/**
 * A downstream service failed on this request itself (it answered 500): an internal error, answered 500 with the
 * incident id under which the gateway logged it, never as "unavailable" (retrying later will not help).
 */
public class DownstreamError extends RuntimeException {

    private final String incident;

    public DownstreamError(String message, String incident, Throwable cause) {
        super(message, cause);
        this.incident = incident;
    }

    public String incident() {
        return incident;
    }
}

package org.rehabit.gateway.downstream;

/** A downstream service failed (5xx, unreachable, too slow): counts against its circuit breaker. */
public class DownstreamFailure extends RuntimeException {

    public DownstreamFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

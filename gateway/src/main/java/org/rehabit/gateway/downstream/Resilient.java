package org.rehabit.gateway.downstream;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.rehabit.support.Unavailable;

import java.util.function.Supplier;

/** What the downstream wrappers share: turning a REST client call into a {@link Downstream} or a failure. */
public final class Resilient {

    /** How long a client should wait before retrying a write that met a downstream outage. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private Resilient() {
    }

    /** Performs the call; a 5xx or a transport error becomes a {@link DownstreamFailure}. */
    public static Downstream call(String service, Supplier<Response> call, String downstreamBase) {
        Downstream answer;
        try {
            answer = Downstream.of(call.get(), "/api/v1", downstreamBase);
        } catch (ProcessingException e) {
            throw new DownstreamFailure(service + " cannot be reached", e);
        }
        if (answer.isServerError()) {
            throw new DownstreamFailure(service + " answered " + answer.status(), null);
        }
        return answer;
    }

    /** What a client hears when a downstream service cannot answer: 503, nothing changed, retry later. */
    public static Unavailable unavailable(String service, Throwable cause) {
        return new Unavailable("The " + service + " is unavailable right now; nothing was changed. Try again shortly.",
                RETRY_AFTER_SECONDS, cause);
    }
}

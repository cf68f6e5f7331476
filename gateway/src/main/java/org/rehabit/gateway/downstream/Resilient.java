package org.rehabit.gateway.downstream;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.rehabit.support.Unavailable;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the downstream wrappers share: turning a REST client call into a {@link Downstream} or a failure, and a
 * failure into what the client hears.
 */
public final class Resilient {

    /** How long a client should wait before retrying a write that met a downstream outage. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private Resilient() {
    }

    /** Performs the call; a 5xx or a transport error becomes a {@link DownstreamFailure}. */
    public static Downstream call(String service, Supplier<Response> call) {
        Downstream answer;
        try {
            answer = Downstream.of(call.get(), "/api/v1");
        } catch (ProcessingException e) {
            throw new DownstreamFailure(service + " cannot be reached", 0, e);
        }
        if (answer.isServerError()) {
            String body = answer.body() == null ? ""
                    : new String(answer.body(), 0, Math.min(answer.body().length, 500), StandardCharsets.UTF_8);
            throw new DownstreamFailure("The " + service + " answered " + answer.status() + ": " + body,
                    answer.status(), null);
        }
        return answer;
    }

    /**
     * What a client hears when a call to {@code service} failed (the fallback of the downstream wrappers, applied to
     * downstream failures only): a service's own 500 is an internal error with an incident id; a write whose answer
     * never came has an unknown outcome; anything else (breaker open, bulkhead full, unreachable, 502-504, a read's
     * timeout) is a 503 "nothing was changed, try again shortly".
     */
    public static RuntimeException failed(String service, boolean write, Throwable failure) {
        if (failure instanceof DownstreamFailure f && (f.status() == 500 || f.status() == 501)) {
            return new DownstreamError(f.getMessage(), UUID.randomUUID().toString(), f);
        }
        if (write && failure instanceof TimeoutException) {
            return new OutcomeUnknown("The " + service + " did not answer in time, so this change may or may not "
                    + "have been made. Read the resource to check, or send the same request again with the same "
                    + "Idempotency-Key: it will not be applied twice.", 504, failure);
        }
        if (write && failure instanceof DownstreamFailure f && f.status() == 0 && !f.neverSent()) {
            return new OutcomeUnknown("The connection to the " + service + " was lost before it answered, so this "
                    + "change may or may not have been made. Read the resource to check, or send the same request "
                    + "again with the same Idempotency-Key: it will not be applied twice.", 502, failure);
        }
        return unavailable(service, failure);
    }

    /** What a client hears when a downstream service cannot answer: 503, nothing changed, retry later. */
    public static Unavailable unavailable(String service, Throwable cause) {
        return new Unavailable("The " + service + " is unavailable right now; nothing was changed. Try again shortly.",
                RETRY_AFTER_SECONDS, cause);
    }
}

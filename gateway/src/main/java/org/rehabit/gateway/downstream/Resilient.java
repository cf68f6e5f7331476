package org.rehabit.gateway.downstream;

import io.quarkus.arc.ClientProxy;
import io.quarkus.rest.client.reactive.runtime.RestClientReactiveCDIWrapperBase;
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

    /**
     * The REST client behind {@code api}, built now. Quarkus builds the client behind a {@code @RestClient} proxy on
     * its first call without a lock ({@code RestClientReactiveCDIWrapperBase.constructDelegate}), so the first
     * concurrent calls could each build one, each with its own connection pool, all but one never used again.
     * The wrappers call this once, when they are created at start-up. (The log line "This Gauge has been already
     * registered (http.client.active.connections, clientName=catalog)" is not that: it comes once per client, at
     * start-up now, because the client's HTTP metrics and its connections' TCP metrics register the same gauge.)
     */
    public static <T> T built(T api) {
        if (ClientProxy.unwrap(api) instanceof RestClientReactiveCDIWrapperBase<?> wrapper) {
            wrapper.getDelegate();
        }
        return api;
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

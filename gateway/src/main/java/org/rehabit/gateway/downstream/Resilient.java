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
     * Builds the REST client behind {@code api} once, under a lock, on the first call's own thread. Quarkus builds
     * the client behind a {@code @RestClient} proxy on its first call without a lock
     * ({@code RestClientReactiveCDIWrapperBase.constructDelegate}), so the first concurrent calls could each build
     * one, each with its own connection pool, all but one never used again. Building it at start-up instead (on the
     * main thread, outside any Vert.x context) broke calls made later from the managed executor (the gateway's
     * CompositionTest, {@code /me/today}), so the first call still builds it, only alone. (The log line "This Gauge
     * has been already registered (http.client.active.connections, clientName=catalog)" is not this race: it comes
     * once per client because the client's HTTP metrics and its connections' TCP metrics register the same gauge.)
     */
    public static final class Once {
        private final Object api;
        private volatile boolean built;

        public Once(Object api) {
            this.api = api;
        }

        public void ensureBuilt() {
            if (!built) {
                synchronized (this) {
                    if (!built) {
                        if (ClientProxy.unwrap(api) instanceof RestClientReactiveCDIWrapperBase<?> wrapper) {
                            wrapper.getDelegate();
                        }
                        built = true;
                    }
                }
            }
        }
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

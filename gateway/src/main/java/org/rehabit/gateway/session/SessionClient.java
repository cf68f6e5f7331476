package org.rehabit.gateway.session;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.rehabit.gateway.downstream.Downstream;
import org.rehabit.gateway.downstream.DownstreamFailure;
import org.rehabit.gateway.downstream.Resilient;

import java.util.function.Function;

/**
 * The session-service behind timeouts, a bulkhead and a circuit breaker; reads are retried, writes never
 * (a retried write could apply twice). A 4xx is an answer and never counts against the breaker. When the
 * session-service cannot answer, the call ends in a 503 problem with Retry-After (see {@link Resilient}).
 * Tuned in configuration ({@code org.rehabit.gateway.session.SessionClient/read/Timeout/value}, ...).
 */
@ApplicationScoped
public class SessionClient {

    static final String SERVICE = "session service";

    private final SessionApi api;
    private final String base;

    public SessionClient(@RestClient SessionApi api, @ConfigProperty(name = "quarkus.rest-client.session.url") String base) {
        this.api = api;
        this.base = base;
    }

    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 50, jitter = 25, retryOn = DownstreamFailure.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 3,
            failOn = DownstreamFailure.class)
    @Bulkhead(64)
    @Fallback(fallbackMethod = "unavailable")
    public Downstream read(Function<SessionApi, jakarta.ws.rs.core.Response> call) {
        return Resilient.call(SERVICE, () -> call.apply(api), base);
    }

    @Timeout(3000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 3,
            failOn = DownstreamFailure.class)
    @Bulkhead(32)
    @Fallback(fallbackMethod = "unavailable")
    public Downstream write(Function<SessionApi, jakarta.ws.rs.core.Response> call) {
        return Resilient.call(SERVICE, () -> call.apply(api), base);
    }

    Downstream unavailable(Function<SessionApi, jakarta.ws.rs.core.Response> call) {
        throw Resilient.unavailable(SERVICE, null);
    }
}

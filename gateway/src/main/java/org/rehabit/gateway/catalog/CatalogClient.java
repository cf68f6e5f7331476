package org.rehabit.gateway.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.rehabit.gateway.downstream.Downstream;
import org.rehabit.gateway.downstream.DownstreamFailure;
import org.rehabit.gateway.downstream.Resilient;

import java.util.function.Function;

/**
 * The catalog-service's reads for the composed views, behind a timeout, a bulkhead and a circuit breaker, retried
 * (pass-through routes go through {@code route.Forwarder}). A 5xx answer, an unreachable service and a timeout count against the
 * breaker; a 4xx is an answer and never does. The fallback applies to those downstream failures only (a bug in
 * the gateway stays a 500 with an incident id) and says what the client can do ({@link Resilient#failed}).
 * Tuned in configuration ({@code org.rehabit.gateway.catalog.CatalogClient/read/Timeout/value}, ...).
 */
@ApplicationScoped
public class CatalogClient {

    static final String SERVICE = "exercise catalog";

    private final CatalogApi api;

    public CatalogClient(@RestClient CatalogApi api) {
        this.api = api;
    }

    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 50, jitter = 25, retryOn = DownstreamFailure.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 3,
            failOn = {DownstreamFailure.class, TimeoutException.class})
    @Bulkhead(64)
    @Fallback(fallbackMethod = "readFailed", applyOn = {DownstreamFailure.class, TimeoutException.class,
            CircuitBreakerOpenException.class, BulkheadException.class})
    public Downstream read(Function<CatalogApi, jakarta.ws.rs.core.Response> call) {
        return Resilient.call(SERVICE, () -> call.apply(api));
    }

    Downstream readFailed(Function<CatalogApi, jakarta.ws.rs.core.Response> call, Throwable failure) {
        throw Resilient.failed(SERVICE, false, failure);
    }
}

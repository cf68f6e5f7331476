package org.rehabit.session.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.List;
import java.util.Optional;

/**
 * The catalog-service, as this service calls it: bounded in time, retried (both calls only read), and
 * behind a circuit breaker so that a down catalog is answered fast. A 404 is an answer, not a fault, so it
 * never opens the breaker. Any other failure propagates for the caller to turn into a 503.
 */
@ApplicationScoped
public class CatalogClient {

    private final CatalogApi api;

    public CatalogClient(@RestClient CatalogApi api) {
        this.api = api;
    }

    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    public CatalogExercises.Resolution resolve(List<String> refs) {
        return api.resolve(new CatalogExercises.ResolveRequest(refs));
    }

    /** The routine template with {@code slug}, or empty when the catalog has none. */
    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    public Optional<CatalogExercises.Template> template(String slug) {
        try {
            return Optional.of(api.template(slug));
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The published version {@code version} of an instrument, or its current (newest published) version when
     * {@code version} is null; empty when the catalog has no such instrument or version.
     */
    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, jitter = 50)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    public Optional<CatalogInstruments.Instrument> instrument(String slug, Integer version) {
        try {
            return Optional.of(version == null ? api.instrument(slug) : api.instrumentVersion(slug, version));
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}

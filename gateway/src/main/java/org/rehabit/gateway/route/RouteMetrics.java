package org.rehabit.gateway.route;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Keeps Vert.x's own per-request HTTP client meter out of the registry: it names each call by its full path (one
 * series per patient) and with tags the REST clients' meter of the same name lacks, so whichever came first would
 * push the other out. The {@link Forwarder} records its calls itself, by route template, as the REST clients do.
 */
@Singleton
public class RouteMetrics {

    @Produces
    @Singleton
    MeterFilter noPerPathClientRequests() {
        return MeterFilter.deny(id -> id.getName().equals("http.client.requests") && id.getTag("address") != null);
    }
}

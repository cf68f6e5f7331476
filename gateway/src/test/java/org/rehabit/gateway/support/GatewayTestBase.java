package org.rehabit.gateway.support;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.rehabit.gateway.catalog.CatalogReads;

/**
 * Fresh downstream stubs (the session-service taking the gateway's audit denials), closed circuit breakers and empty
 * content caches (also the catalog's stale copies) before every test.
 */
public abstract class GatewayTestBase {

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    @CacheName("exercise-versions")
    Cache exerciseVersions;

    @Inject
    @CacheName("exercise-currency")
    protected Cache exerciseCurrency;

    @Inject
    CatalogReads catalogReads;

    @BeforeEach
    protected void freshDownstreams() {
        Downstreams.catalog().resetAll();
        Downstreams.session().resetAll();
        Deliveries.accepted();
        breakers.resetAll();
        exerciseVersions.invalidateAll().await().indefinitely();
        exerciseCurrency.invalidateAll().await().indefinitely();
        catalogReads.clear();
    }
}

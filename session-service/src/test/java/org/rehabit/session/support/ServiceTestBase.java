package org.rehabit.session.support;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every HTTP test of the session-service starts and ends with: a catalog stub that answers nothing
 * until the test stubs it, closed circuit breakers, and the real time again once the test is over. The
 * tests share one application and one database, so each also works in a clinic of its own.
 */
public abstract class ServiceTestBase {

    @Inject
    protected TestClock clock;

    @Inject
    protected CircuitBreakerMaintenance breakers;

    @BeforeEach
    void freshCatalogAndBreakers() {
        CatalogStub.server().resetAll();
        breakers.resetAll();
    }

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }
}

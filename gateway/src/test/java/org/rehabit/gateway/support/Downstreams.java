package org.rehabit.gateway.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Plays the catalog-service and the session-service in gateway tests: two real HTTP servers (WireMock) on
 * free ports, which the gateway's REST clients are pointed at.
 */
public class Downstreams implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer catalog;
    private static WireMockServer session;

    public static WireMockServer catalog() {
        return catalog;
    }

    public static WireMockServer session() {
        return session;
    }

    @Override
    public Map<String, String> start() {
        catalog = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        session = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        catalog.start();
        session.start();
        // each stub plays the service's public port and its management interface (/q/health) both
        return Map.of("quarkus.rest-client.catalog.url", catalog.baseUrl(),
                "quarkus.rest-client.session.url", session.baseUrl(),
                "rehabit.downstream-health.catalog-url", catalog.baseUrl(),
                "rehabit.downstream-health.session-url", session.baseUrl());
    }

    @Override
    public void stop() {
        if (catalog != null) {
            catalog.stop();
        }
        if (session != null) {
            session.stop();
        }
    }
}

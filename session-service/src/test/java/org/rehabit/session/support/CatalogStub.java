package org.rehabit.session.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * Plays the catalog-service's HTTP API in tests: a real HTTP server (WireMock) on a free port, which the
 * session-service's REST client is pointed at. Tests stub what the catalog answers through {@link #server()}.
 */
public class CatalogStub implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    /** The NDI as the catalog-service answers a version of it (no text: its terms keep it out). */
    public static String ndi(int version) {
        List<String> items = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            items.add("{\"id\":\"s" + i + "\",\"min\":0,\"max\":5,\"text\":null,\"labels\":null}");
        }
        return """
                {"slug":"ndi","version":%d,"currentVersion":%d,"name":"Neck Disability Index","abbreviation":"NDI",
                 "measures":"x","instructions":null,"items":[%s],
                 "scoring":{"method":"SUM","maxMissing":1,"min":0,"max":50,"direction":"HIGHER_IS_WORSE","decimals":1},
                 "mcid":{"value":5,"source":"Vernon 2008"},"citation":"Vernon & Mior 1991","terms":"x","text":"NONE",
                 "textSource":null,"publishedAt":"2026-01-01T00:00:00Z"}""".formatted(version, version,
                String.join(",", items));
    }

    /** Stubs the catalog's GET of one version and, when {@code current}, of the instrument (its current version). */
    public static void instrument(String slug, int version, String json, boolean current) {
        server.stubFor(get(urlEqualTo("/instruments/" + slug + "/versions/" + version))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(json)));
        if (current) {
            server.stubFor(get(urlEqualTo("/instruments/" + slug))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody(json)));
        }
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        return Map.of("quarkus.rest-client.catalog.url", server.baseUrl());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}

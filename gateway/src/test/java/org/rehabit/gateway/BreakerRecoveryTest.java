package org.rehabit.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.rehabit.gateway.support.Downstreams;
import org.rehabit.gateway.support.GatewayTestBase;
import org.rehabit.gateway.support.Tokens;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** An open circuit breaker lets calls through again once the service is back. */
@QuarkusTest
@TestProfile(BreakerRecoveryTest.ShortBreakerDelay.class)
@WithTestResource(Downstreams.class)
class BreakerRecoveryTest extends GatewayTestBase {

    /** The breaker waits 500 ms instead of production's 5 s before trying again. */
    public static class ShortBreakerDelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("org.rehabit.gateway.catalog.CatalogClient/read/CircuitBreaker/delay", "500");
        }
    }

    @Test
    void anOpenBreakerRecoversOnceTheServiceIsBack() {
        Downstreams.catalog().stubFor(get(urlEqualTo("/conditions")).willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 12; i++) {
            given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/conditions")
                    .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(500),
                            org.hamcrest.Matchers.is(503)));
        }
        Downstreams.catalog().stubFor(get(urlEqualTo("/conditions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[]")));
        // open for its delay, then half-open, then closed after successes: poll until then, never sleep
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int status = 503;
        while (status != 200 && System.nanoTime() < deadline) {
            status = given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/conditions").statusCode();
        }
        assertEquals(200, status);
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/conditions").then().statusCode(200);
        }
    }
}

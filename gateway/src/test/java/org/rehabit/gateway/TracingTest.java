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

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;

/** With tracing on, the caller's W3C trace travels from the gateway into the services it calls. */
@QuarkusTest
@TestProfile(TracingTest.TracingOn.class)
@WithTestResource(Downstreams.class)
class TracingTest extends GatewayTestBase {

    /** Tracing on, spans exported nowhere reachable (the collector is not part of the test). */
    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false");
        }
    }

    @Test
    void theTraceContinuesIntoTheService() {
        Downstreams.catalog().stubFor(get(urlEqualTo("/conditions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[]")));
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        given().auth().oauth2(Tokens.of("physio"))
                .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                .when().get("/api/v1/conditions").then().statusCode(200);
        Downstreams.catalog().verify(getRequestedFor(urlEqualTo("/conditions"))
                .withHeader("traceparent", matching("00-" + trace + "-[0-9a-f]{16}-01")));
    }
}

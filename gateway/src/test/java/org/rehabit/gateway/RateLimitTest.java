package org.rehabit.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.rehabit.gateway.edge.RateLimiter;
import org.rehabit.gateway.support.Downstreams;
import org.rehabit.gateway.support.GatewayTestBase;
import org.rehabit.gateway.support.Management;
import org.rehabit.gateway.support.Tokens;

import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rate limits per token and per client address, with tiny limits (3 requests per token, 5 per address, refilled
 * at one every 20 s or slower): what is over a limit is a 429 problem with Retry-After and reaches no service.
 */
@QuarkusTest
@WithTestResource(Downstreams.class)
@TestProfile(RateLimitTest.TinyLimits.class)
class RateLimitTest extends GatewayTestBase {

    @Inject
    RateLimiter limiter;

    /** Tiny limits for this test only; the other tests run with the limits off. */
    public static class TinyLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rehabit.rate-limit.per-token", "2", "rehabit.rate-limit.per-address", "3",
                    "rehabit.rate-limit.burst-seconds", "100");
        }
    }

    @Test
    void aClientOverItsTokensOrItsAddresssLimitGets429WithRetryAfter() {
        Downstreams.catalog().stubFor(get(urlEqualTo("/exercises/wall-slide")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"slug\":\"wall-slide\"}")));
        String first = Tokens.token("one", "physio", UUID.randomUUID(), null);
        String second = Tokens.token("two", "physio", UUID.randomUUID(), null);

        // every answer says where the client stands against the tighter limit: its token's 2 a minute, a burst of 3
        for (int i = 0; i < 3; i++) {
            exercise(first).then().statusCode(200)
                    .header("X-RateLimit-Limit", "2").header("X-RateLimit-Remaining", Integer.toString(2 - i));
        }
        Response limited = exercise(first);
        limited.then().statusCode(429).contentType("application/problem+json")
                .header("X-RateLimit-Limit", "2").header("X-RateLimit-Remaining", "0")
                .body("status", equalTo(429)).body("type", equalTo("urn:rehabit:problem:rate-limited"));
        assertTrue(Integer.parseInt(limited.header("Retry-After")) >= 1, "Retry-After in whole seconds");
        // health is never limited
        Management.given().when().get("/q/health/live").then().statusCode(200);

        // another token has a bucket of its own, but the address has room for one more request only (5 in all)
        exercise(second).then().statusCode(200);
        exercise(second).then().statusCode(429);
        exercise(Tokens.token("three", "physio", UUID.randomUUID(), null)).then().statusCode(429);

        Downstreams.catalog().verify(4, getRequestedFor(urlEqualTo("/exercises/wall-slide")));
    }

    @Test
    void aRefusedRequestCarriesTheLimitHeadersToo() {
        // a client of its own, without a token: its address's limit (3 a minute, a burst of 5) is the one that binds
        String address = "203.0.113." + (1 + new java.util.Random().nextInt(250));
        given().header("X-Forwarded-For", address).when().get("/api/v1/exercises/wall-slide").then()
                .statusCode(401).header("X-RateLimit-Limit", "3").header("X-RateLimit-Remaining", "4");
        given().header("X-Forwarded-For", address).auth().oauth2(Tokens.token("pat", "patient", UUID.randomUUID(), UUID.randomUUID()))
                .when().get("/api/v1/clinics/" + UUID.randomUUID() + "/audit").then()
                .statusCode(403).header("X-RateLimit-Limit", "2").header("X-RateLimit-Remaining", "2");
    }

    @Test
    void aFloodOfDistinctTokensFromOneAddressIsHeldToThatAddresssLimit() {
        // a client of its own: an address a trusted proxy (this machine) forwards for
        String address = "198.51.100." + (1 + new java.util.Random().nextInt(250));
        long before = limiter.tokenBuckets();
        int passed = 0;
        for (int i = 0; i < 200; i++) {
            int status = given().header("X-Forwarded-For", address)
                    .auth().oauth2(Tokens.token("flood-" + i, "physio", UUID.randomUUID(), null))
                    .when().get("/api/v1/exercises/wall-slide").then().extract().statusCode();
            if (status != 429) {
                passed++;
            }
        }
        assertEquals(5, passed, "the address's 5, however many tokens it sends");
        assertTrue(limiter.tokenBuckets() - before <= 5, "a bucket only for a token its address let through");
        Management.given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("rehabit_rate_limit_buckets{limit=\"token\"}"));
    }

    private static Response exercise(String token) {
        return given().auth().oauth2(token).when().get("/api/v1/exercises/wall-slide");
    }
}

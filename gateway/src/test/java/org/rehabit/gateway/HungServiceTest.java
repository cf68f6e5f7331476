package org.rehabit.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.rehabit.gateway.support.Downstreams;
import org.rehabit.gateway.support.GatewayTestBase;
import org.rehabit.gateway.support.Tokens;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A service that accepts connections but never answers: timeouts count against its breaker, which opens, and from
 * then on calls are answered without reaching the service. Counted in calls that reached it, never in time.
 */
@QuarkusTest
@TestProfile(HungServiceTest.ShortTimeouts.class)
@WithTestResource(Downstreams.class)
class HungServiceTest extends GatewayTestBase {

    /** Timeouts of 300 ms instead of production's 2-3 s, so that the test does not wait for long; breakers as shipped. */
    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("org.rehabit.gateway.catalog.CatalogClient/read/Timeout/value", "300",
                    "org.rehabit.gateway.session.SessionClient/write/Timeout/value", "300");
        }
    }

    @Test
    void aHungServiceOpensTheBreakerAndLaterCallsNeverReachIt() {
        Downstreams.catalog().stubFor(get(urlEqualTo("/exercises/hung")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(10_000).withBody("{}")));
        int requests = 40;
        for (int i = 0; i < requests; i++) {
            given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/exercises/hung")
                    .then().statusCode(503).header("Retry-After", "5")
                    .body("type", equalTo("urn:rehabit:problem:unavailable"));
        }
        int reached = Downstreams.catalog().findAll(getRequestedFor(urlEqualTo("/exercises/hung"))).size();
        // the breaker judges 20 calls and opens when half of them failed; timeouts are not retried
        assertTrue(reached >= 10 && reached <= 20, reached + " of " + requests + " calls reached the hung service");
        for (int i = 0; i < 10; i++) {
            given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/exercises/hung").then().statusCode(503);
        }
        Downstreams.catalog().verify(reached, getRequestedFor(urlEqualTo("/exercises/hung")));
    }

    @Test
    void aTimedOutWriteSaysItsOutcomeIsUnknownAndHowToCheck() {
        Downstreams.session().stubFor(post(urlEqualTo("/patients")).willReturn(aResponse().withStatus(201)
                .withFixedDelay(10_000).withBody("{}")));
        given().auth().oauth2(Tokens.of("physio")).contentType(ContentType.JSON).header("Idempotency-Key", "k-hung")
                .body("{\"displayName\":\"A\"}").when().post("/api/v1/patients")
                .then().statusCode(504).contentType("application/problem+json")
                .body("type", equalTo("urn:rehabit:problem:outcome-unknown"))
                .body("detail", containsString("may or may not have been made"))
                .body("detail", containsString("Read the resource"))
                .body("detail", containsString("same Idempotency-Key"))
                .body("detail", not(containsString("nothing was changed")));
        Downstreams.session().verify(1, postRequestedFor(urlEqualTo("/patients")));
    }
}

package org.rehabit.gateway;

import com.github.tomakehurst.wiremock.http.Fault;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.rehabit.gateway.support.Downstreams;
import org.rehabit.gateway.support.GatewayTestBase;
import org.rehabit.gateway.support.Management;
import org.rehabit.gateway.support.Tokens;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/** What clients see when a service behind the gateway is slow, failing or down. */
@QuarkusTest
@WithTestResource(Downstreams.class)
class ResilienceTest extends GatewayTestBase {

    @Test
    void aWriteToADownServiceFailsFastWith503AndRetryAfterAndIsNotRetried() {
        Downstreams.session().stubFor(post(urlEqualTo("/patients/p1/sessions"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        given().auth().oauth2(Tokens.of("physio")).contentType(ContentType.JSON).header("Idempotency-Key", "k1")
                .body("{}").when().post("/api/v1/patients/p1/sessions")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                .body("type", equalTo("urn:rehabit:problem:unavailable"));
        Downstreams.session().verify(1, postRequestedFor(urlEqualTo("/patients/p1/sessions")));
    }

    @Test
    void aDownstream500NeverLeaksItsBody() {
        Downstreams.catalog().stubFor(get(urlEqualTo("/exercises/x")).willReturn(aResponse().withStatus(500)
                .withBody("java.lang.NullPointerException at org.secret.Internals")));
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/exercises/x")
                .then().statusCode(503).body(not(containsString("NullPointerException")))
                .body(not(containsString("org.secret")));
        // reads are retried (twice) before giving up
        Downstreams.catalog().verify(3, getRequestedFor(urlEqualTo("/exercises/x")));
    }

    @Test
    void aSlowServiceIsCutOffAtTheTimeout() {
        Downstreams.catalog().stubFor(get(urlEqualTo("/exercises/slow")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(6000).withBody("{}")));
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/exercises/slow")
                .then().statusCode(503).header("Retry-After", "5");
    }

    @Test
    void theBreakerOpensAfterRepeatedFailuresAndStopsCallingTheService() {
        Downstreams.catalog().stubFor(get(urlEqualTo("/conditions")).willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 12; i++) {
            given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/conditions").then().statusCode(503);
        }
        int calls = Downstreams.catalog().findAll(getRequestedFor(urlEqualTo("/conditions"))).size();
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/conditions").then().statusCode(503);
        }
        Downstreams.catalog().verify(calls, getRequestedFor(urlEqualTo("/conditions")));
    }

    @Test
    void notFoundAnswersNeverOpenTheBreaker() {
        Downstreams.catalog().stubFor(get(urlEqualTo("/exercises/missing")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":404}")));
        Downstreams.catalog().stubFor(get(urlEqualTo("/exercises/there")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"slug\":\"there\"}")));
        for (int i = 0; i < 30; i++) {
            given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/exercises/missing").then().statusCode(404);
        }
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/exercises/there")
                .then().statusCode(200).body("slug", equalTo("there"));
        Downstreams.catalog().verify(30, getRequestedFor(urlEqualTo("/exercises/missing")));
    }

    @Test
    void gatewayReadinessDoesNotDependOnTheServicesButItsDownstreamGroupTells() {
        Downstreams.catalog().stubFor(get(urlEqualTo("/q/health/ready")).willReturn(aResponse().withStatus(503)));
        Downstreams.session().stubFor(get(urlEqualTo("/q/health/ready")).willReturn(aResponse().withStatus(200)));
        Management.given().when().get("/q/health/ready").then().statusCode(200);
        Management.given().when().get("/q/health/group/downstream")
                .then().statusCode(503)
                .body("checks[0].data.catalog-service", equalTo("DOWN"))
                .body("checks[0].data.session-service", equalTo("UP"));
        Downstreams.catalog().stubFor(get(urlEqualTo("/q/health/ready")).willReturn(aResponse().withStatus(200)));
        Management.given().when().get("/q/health/group/downstream").then().statusCode(200);
    }
}

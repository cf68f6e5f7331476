package org.rehabit.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rehabit.gateway.support.Downstreams;
import org.rehabit.gateway.support.GatewayTestBase;
import org.rehabit.gateway.support.Management;
import org.rehabit.gateway.support.Tokens;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.not;

/** Public paths reach the right service with the caller's token, and answers come back as the service gave them. */
@QuarkusTest
@WithTestResource(Downstreams.class)
class RoutingTest extends GatewayTestBase {

    @Test
    void catalogReadsPassThroughWithTokenQueryAndEtag() {
        Downstreams.catalog().stubFor(get(urlPathEqualTo("/exercises")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("ETag", "\"7\"")
                .withHeader("Cache-Control", "no-cache").withBody("{\"items\":[],\"total\":0}")));
        String token = Tokens.of("patient");
        given().auth().oauth2(token).when().get("/api/v1/exercises?q=neck&region=NECK&region=SHOULDER&size=5&after=MQ")
                .then().statusCode(200).header("ETag", "\"7\"").header("Cache-Control", "no-cache")
                .body(containsString("\"total\":0"));
        Downstreams.catalog().verify(getRequestedFor(urlPathEqualTo("/exercises"))
                .withQueryParam("q", equalTo("neck")).withQueryParam("size", equalTo("5"))
                .withQueryParam("after", equalTo("MQ"))
                .withHeader("Authorization", equalTo("Bearer " + token)));
    }

    @Test
    void theExportedRecordsPageComesBackAsHtmlWithAPolicyAllowingOnlyItsStyles() {
        Downstreams.session().stubFor(get(urlPathEqualTo("/patients/p1/export")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "text/html;charset=UTF-8")
                .withBody("<!DOCTYPE html><html><body><h1>Ada</h1></body></html>")));
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/patients/p1/export?format=html")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/html"))
                .header("Content-Security-Policy", org.hamcrest.Matchers.equalTo(
                        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
                                + "frame-ancestors 'none'"))
                .body(containsString("<h1>Ada</h1>"));
        Downstreams.session().verify(getRequestedFor(urlPathEqualTo("/patients/p1/export"))
                .withQueryParam("format", equalTo("html")));
        // any other answer of the API is data: a policy that lets it run, load and frame nothing
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/patients/p1/sessions")
                .then().header("Content-Security-Policy", org.hamcrest.Matchers.equalTo(
                        "default-src 'none'; frame-ancestors 'none'"));
    }

    @Test
    void downstreamProblemsPassThroughNamingThePublicPath() {
        String problem = "{\"type\":\"urn:rehabit:problem:not-found\",\"title\":\"Not found\",\"status\":404,"
                + "\"detail\":\"No exercise 'nope'.\",\"instance\":\"/exercises/nope\",\"errors\":[]}";
        Downstreams.catalog().stubFor(get(urlEqualTo("/exercises/nope")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody(problem)));
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/exercises/nope")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("urn:rehabit:problem:not-found"))
                .body("detail", org.hamcrest.Matchers.equalTo("No exercise 'nope'."))
                .body("instance", org.hamcrest.Matchers.equalTo("/api/v1/exercises/nope"))
                .body("errors", org.hamcrest.Matchers.empty());
        // a write's problem too (the services' answers declare their length), and one that is not JSON at all
        // passes as it came
        String reused = "{\"type\":\"urn:rehabit:problem:idempotency-key-reused\",\"status\":422,"
                + "\"instance\":\"/patients/p9/sessions\"}";
        Downstreams.session().stubFor(post(urlEqualTo("/patients/p9/sessions")).willReturn(aResponse()
                .withStatus(422).withHeader("Content-Type", "application/problem+json")
                .withHeader("Content-Length", Integer.toString(reused.length())).withBody(reused)));
        given().auth().oauth2(Tokens.of("physio")).contentType(ContentType.JSON).header("Idempotency-Key", "k-9")
                .body("{}").when().post("/api/v1/patients/p9/sessions")
                .then().statusCode(422).body("instance", org.hamcrest.Matchers.equalTo("/api/v1/patients/p9/sessions"));
        Downstreams.catalog().stubFor(get(urlEqualTo("/exercises/odd")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody("not json")));
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/exercises/odd")
                .then().statusCode(404).body(org.hamcrest.Matchers.equalTo("not json"));
    }

    @Test
    void createdLocationsNameThePublicPath() {
        Downstreams.catalog().stubFor(post(urlEqualTo("/exercises")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withHeader("Location", Downstreams.catalog().baseUrl() + "/exercises/new-one/draft")
                .withHeader("ETag", "\"0\"").withBody("{\"slug\":\"new-one\"}")));
        given().auth().oauth2(Tokens.of("content-editor")).contentType(ContentType.JSON).body("{\"slug\":\"new-one\"}")
                .when().post("/api/v1/exercises")
                .then().statusCode(201).header("Location", "/api/v1/exercises/new-one/draft").header("ETag", "\"0\"");
        Downstreams.catalog().verify(postRequestedFor(urlEqualTo("/exercises"))
                .withRequestBody(equalToJson("{\"slug\":\"new-one\"}")));
    }

    @Test
    void idempotencyKeyAndConditionalHeadersTravelOn() {
        Downstreams.session().stubFor(post(urlEqualTo("/patients/p1/sessions")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withHeader("Idempotent-Replayed", "true")
                .withBody("{\"id\":\"s1\"}")));
        given().auth().oauth2(Tokens.of("physio")).contentType(ContentType.JSON).header("Idempotency-Key", "k-42")
                .body("{}").when().post("/api/v1/patients/p1/sessions")
                .then().statusCode(201).header("Idempotent-Replayed", "true");
        Downstreams.session().verify(postRequestedFor(urlEqualTo("/patients/p1/sessions"))
                .withHeader("Idempotency-Key", equalTo("k-42")));
    }

    @ParameterizedTest(name = "{0} {1} as {2} → {3}")
    @CsvSource({
            "POST, /api/v1/exercises, physio, 403",
            "POST, /api/v1/exercises/shoulder-circles/publish, patient, 403",
            "POST, /api/v1/patients, patient, 403",
            "GET, /api/v1/patients, patient, 403",
            "GET, /api/v1/clinics/c1/dashboard, patient, 403",
            "PUT, /api/v1/clinics/c1/alert-settings, physio, 403",
            "GET, /api/v1/me/today, physio, 403",
            "GET, /api/v1/patients/p1/progress, content-editor, 403",
            "GET, /api/v1/exercises, none, 401",
            "GET, /api/v1/patients/p1, none, 401"})
    void rolesAreCheckedAtTheGatewayBeforeAnyServiceIsCalled(String method, String path, String role, int status) {
        var request = given().contentType(ContentType.JSON).body("{}");
        if (!role.equals("none")) {
            request.auth().oauth2(Tokens.of(role));
        }
        request.when().request(method, path).then().statusCode(status).contentType("application/problem+json");
        Downstreams.catalog().verify(0, getRequestedFor(anyUrl()));
        Downstreams.catalog().verify(0, postRequestedFor(anyUrl()));
        Downstreams.session().verify(0, getRequestedFor(anyUrl()));
        // only the denial itself goes on, to the audit trail (see GatewayDenialAuditTest)
        Downstreams.session().verify(0, postRequestedFor(urlPathMatching("(?!/audit/gateway-denials).*")));
    }

    @Test
    void oneRequestIdTravelsFromTheClientThroughTheGatewayToTheService() {
        Downstreams.catalog().stubFor(get(urlEqualTo("/conditions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[]")));
        given().auth().oauth2(Tokens.of("physio")).header("X-Request-Id", "req-42").when().get("/api/v1/conditions")
                .then().statusCode(200).header("X-Request-Id", "req-42");
        Downstreams.catalog().verify(getRequestedFor(urlEqualTo("/conditions"))
                .withHeader("X-Request-Id", equalTo("req-42")));
        String made = given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/conditions")
                .then().statusCode(200).extract().header("X-Request-Id");
        Downstreams.catalog().verify(getRequestedFor(urlEqualTo("/conditions"))
                .withHeader("X-Request-Id", equalTo(made)));
    }

    @Test
    void metricsCountRequestsPerRouteAndPerDownstreamClient() {
        Downstreams.catalog().stubFor(get(urlEqualTo("/conditions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[]")));
        Downstreams.catalog().stubFor(get(urlEqualTo("/conditions/knee-pain-metric")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody("{}")));
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/conditions").then().statusCode(200);
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/conditions/knee-pain-metric")
                .then().statusCode(200);
        // a route with a parameter is one series under its template, never one per slug, patient or id
        Management.given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/conditions\"}"))
                .body(containsString("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/conditions/{slug}\"}"))
                .body(not(containsString("knee-pain-metric")))
                .body(containsString("http_client_requests_seconds_count{clientName=\"catalog\""));
    }

    /**
     * A token that fails verification on a route of the table is one 401 problem, counted under the route's template:
     * the table sets quarkus-rest's authentication-failure handler itself (RouteHandlers.match).
     */
    @Test
    void aRefusedTokenIsA401ProblemCountedUnderTheRoutesTemplate() {
        for (String token : List.of("not-a-token", Tokens.of("physio") + "x")) {
            given().auth().oauth2(token).when().get("/api/v1/conditions/refused-token-metric")
                    .then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("status", is(401));
        }
        Downstreams.catalog().verify(0, getRequestedFor(anyUrl()));
        Management.given().when().get("/q/metrics").then().statusCode(200)
                .body(matchesPattern("(?s).*http_server_requests_seconds_count\\{method=\"GET\",outcome=\"CLIENT_ERROR\","
                        + "status=\"401\",uri=\"/api/v1/conditions/\\{slug}\"} [2-9].*"))
                .body(not(containsString("refused-token-metric")));
    }

    @Test
    void unknownPublicPathsAre404Problems() {
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/nothing-here")
                .then().statusCode(404).contentType("application/problem+json");
    }
}

package org.rehabit.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rehabit.gateway.route.Route;
import org.rehabit.gateway.route.Routes;
import org.rehabit.gateway.support.Deliveries;
import org.rehabit.gateway.support.Downstreams;
import org.rehabit.gateway.support.GatewayTestBase;
import org.rehabit.gateway.support.Tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every pass-through public route of the route table ({@link Routes}), as every role (the composed ones — programs/current, me, me/today, the
 * dashboard — are in {@link CompositionTest}): the roles PRODUCT.md allows reach the right service at the right path
 * (and get its answer); every other role gets 403 before any service is called, and on a route of patient data
 * (every session-service route) that denial is delivered to the audit trail.
 */
@QuarkusTest
@WithTestResource(Downstreams.class)
class RouteTableTest extends GatewayTestBase {

    private static final Set<String> EVERYONE = Set.of("patient", "physio", "clinic-admin", "content-editor");
    /** Any path but the audit ingest endpoint, to which the gateway delivers its denials. */
    private static final String NOT_AUDIT = "(?!/audit/).*";
    /** A route template as the session-service's ingest endpoint accepts it. */
    private static final String TEMPLATE = "/api/v1(/([a-z][a-z-]*|\\{[A-Za-z]+\\}))+";
    /** A value for each path parameter of the table. */
    private static final Map<String, String> VALUES = Map.of("id", "p", "clinicId", "c", "slug", "x", "version", "2",
            "programId", "0b5e3c1a-7d2f-4e6a-9c8b-1f2e3d4c5b6a", "action", "pause",
            "assignmentId", "5d0c8e2b-3a41-4f7e-8b6d-2c9e1f0a7b34",
            "sessionId", "5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d");

    private static String concrete(String template) {
        return Pattern.compile("\\{(\\w+)}").matcher(template).replaceAll(match -> VALUES.get(match.group(1)));
    }

    /** The route's public and downstream paths, once for each value of a parameter that takes only some. */
    private static List<String[]> paths(Route route) {
        List<String[]> paths = new ArrayList<>();
        paths.add(new String[] {route.path(), route.downstream()});
        route.patterns().forEach((name, values) -> {
            if (!values.matches("[a-z|-]+")) {
                return; // a shape (a UUID), not a list of values: the parameter's value above has it
            }
            List<String[]> each = new ArrayList<>();
            for (String[] path : paths) {
                for (String value : values.split("\\|")) {
                    each.add(new String[] {path[0].replace("{" + name + "}", value),
                            path[1].replace("{" + name + "}", value)});
                }
            }
            paths.clear();
            paths.addAll(each);
        });
        return paths.stream().map(path -> new String[] {concrete(path[0]), concrete(path[1])}).toList();
    }

    @TestFactory
    List<DynamicTest> everyRouteAsEveryRole() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Route route : Routes.ALL) {
          for (String[] paths : paths(route)) {
            String path = paths[0];
            String downstream = paths[1];
            boolean catalog = route.service() == Route.Service.CATALOG;
            for (String role : EVERYONE) {
                boolean allowed = route.roles().isEmpty() || route.roles().contains(role);
                tests.add(DynamicTest.dynamicTest(route.method() + " " + path + " as " + role + " → "
                        + (allowed ? route.service() + " " + downstream : "403"), () -> {
                            freshDownstreams();
                            var stub = catalog ? Downstreams.catalog()
                                    : Downstreams.session();
                            stub.stubFor(any(urlPathEqualTo(downstream)).willReturn(aResponse()
                                    .withStatus(200).withHeader("Content-Type", "application/json")
                                    .withBody("{\"routed\":true}")));
                            String requestId = "rt-" + UUID.randomUUID();
                            var answer = given().auth().oauth2(Tokens.of(role)).contentType(ContentType.JSON)
                                    .header("X-Request-Id", requestId)
                                    .body("{}").when().request(route.method(), path).then();
                            if (allowed) {
                                answer.statusCode(200);
                                stub.verify(1, anyRequestedFor(urlPathEqualTo(downstream)));
                            } else {
                                answer.statusCode(403).contentType("application/problem+json");
                                Downstreams.catalog().verify(0, anyRequestedFor(anyUrl()));
                                Downstreams.session().verify(0, anyRequestedFor(urlPathMatching(NOT_AUDIT)));
                                if (!catalog) {
                                    // a denial on a route of patient data goes to the audit trail
                                    JsonNode denial = Deliveries.awaitDenial(requestId);
                                    assertEquals("DENIED", denial.path("outcome").asText());
                                    assertEquals(403, denial.path("status").asInt());
                                    assertEquals(route.method(), denial.path("method").asText());
                                    assertEquals("test-" + role, denial.path("subject").asText());
                                    assertEquals(role, denial.path("roles").path(0).asText());
                                    // the route's template, as the session-service takes it
                                    assertTrue(denial.path("action").asText().matches(TEMPLATE),
                                            denial.path("action").asText());
                                }
                            }
                        }));
            }
          }
        }
        return tests;
    }
}

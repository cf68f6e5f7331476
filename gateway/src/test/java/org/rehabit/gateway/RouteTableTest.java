package org.rehabit.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rehabit.gateway.support.Deliveries;
import org.rehabit.gateway.support.Downstreams;
import org.rehabit.gateway.support.GatewayTestBase;
import org.rehabit.gateway.support.Tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 * Every pass-through public route, as every role (the composed ones — programs/current, me, me/today, the
 * dashboard — are in {@link CompositionTest}): the roles PRODUCT.md allows reach the right service at the right path
 * (and get its answer); every other role gets 403 before any service is called, and on a route of patient data
 * (every session-service route) that denial is delivered to the audit trail.
 */
@QuarkusTest
@WithTestResource(Downstreams.class)
class RouteTableTest extends GatewayTestBase {

    private static final Set<String> EVERYONE = Set.of("patient", "physio", "clinic-admin", "content-editor");
    private static final Set<String> CARE = Set.of("patient", "physio", "clinic-admin");
    private static final Set<String> STAFF = Set.of("physio", "clinic-admin");
    private static final Set<String> EDITOR = Set.of("content-editor");

    /** A public route, the service and path it reaches, and who may call it. */
    /** Any path but the audit ingest endpoint, to which the gateway delivers its denials. */
    private static final String NOT_AUDIT = "(?!/audit/).*";
    /** A route template as the session-service's ingest endpoint accepts it. */
    private static final String TEMPLATE = "/api/v1(/([a-z][a-z-]*|\\{[A-Za-z]+\\}))+";

    private record Route(String method, String path, String service, String downstream, Set<String> roles) {
    }

    private static final List<Route> ROUTES = List.of(
            new Route("GET", "/api/v1/exercises", "catalog", "/exercises", EVERYONE),
            new Route("GET", "/api/v1/exercises/x", "catalog", "/exercises/x", EVERYONE),
            new Route("GET", "/api/v1/exercises/x/versions", "catalog", "/exercises/x/versions", EVERYONE),
            new Route("GET", "/api/v1/exercises/x/versions/2", "catalog", "/exercises/x/versions/2", EVERYONE),
            new Route("GET", "/api/v1/exercises/x/draft", "catalog", "/exercises/x/draft", EDITOR),
            new Route("POST", "/api/v1/exercises", "catalog", "/exercises", EDITOR),
            new Route("PUT", "/api/v1/exercises/x", "catalog", "/exercises/x", EDITOR),
            new Route("POST", "/api/v1/exercises/x/publish", "catalog", "/exercises/x/publish", EDITOR),
            new Route("POST", "/api/v1/exercises/x/retire", "catalog", "/exercises/x/retire", EDITOR),
            new Route("GET", "/api/v1/conditions", "catalog", "/conditions", EVERYONE),
            new Route("GET", "/api/v1/conditions/c", "catalog", "/conditions/c", EVERYONE),
            new Route("GET", "/api/v1/routine-templates", "catalog", "/routine-templates", EVERYONE),
            new Route("GET", "/api/v1/routine-templates/t", "catalog", "/routine-templates/t", EVERYONE),
            new Route("POST", "/api/v1/patients", "session", "/patients", STAFF),
            new Route("GET", "/api/v1/patients", "session", "/patients", STAFF),
            new Route("GET", "/api/v1/patients/p", "session", "/patients/p", CARE),
            new Route("PUT", "/api/v1/patients/p", "session", "/patients/p", STAFF),
            new Route("POST", "/api/v1/patients/p/programs", "session", "/patients/p/programs", STAFF),
            new Route("GET", "/api/v1/patients/p/programs", "session", "/patients/p/programs", CARE),
            new Route("POST", "/api/v1/patients/p/programs/g/pause", "session", "/patients/p/programs/g/pause", STAFF),
            new Route("POST", "/api/v1/patients/p/programs/g/resume", "session", "/patients/p/programs/g/resume",
                    STAFF),
            new Route("POST", "/api/v1/patients/p/programs/g/complete", "session",
                    "/patients/p/programs/g/complete", STAFF),
            new Route("POST", "/api/v1/patients/p/programs/g/cancel", "session", "/patients/p/programs/g/cancel",
                    STAFF),
            new Route("POST", "/api/v1/patients/p/programs/g/safety-confirmation", "session",
                    "/patients/p/programs/g/safety-confirmation", CARE),
            new Route("POST", "/api/v1/patients/p/sessions", "session", "/patients/p/sessions", CARE),
            new Route("GET", "/api/v1/patients/p/sessions", "session", "/patients/p/sessions", CARE),
            new Route("GET", "/api/v1/patients/p/progress", "session", "/patients/p/progress", CARE),
            new Route("PUT", "/api/v1/patients/p/energy-profile", "session", "/patients/p/energy-profile", CARE),
            new Route("GET", "/api/v1/patients/p/energy-profile", "session", "/patients/p/energy-profile", CARE),
            new Route("GET", "/api/v1/patients/p/energy-target", "session", "/patients/p/energy-target", CARE),
            new Route("POST", "/api/v1/patients/p/weights", "session", "/patients/p/weights", CARE),
            new Route("GET", "/api/v1/patients/p/weights", "session", "/patients/p/weights", CARE),
            new Route("GET", "/api/v1/clinics/c/alerts", "session", "/clinics/c/alerts", STAFF),
            new Route("POST", "/api/v1/alerts/a/acknowledge", "session", "/alerts/a/acknowledge", STAFF),
            new Route("GET", "/api/v1/clinics/c/alert-settings", "session", "/clinics/c/alert-settings", STAFF),
            new Route("PUT", "/api/v1/clinics/c/alert-settings", "session", "/clinics/c/alert-settings",
                    Set.of("clinic-admin")),
            new Route("GET", "/api/v1/clinics/c/audit", "session", "/clinics/c/audit", Set.of("clinic-admin")));

    @TestFactory
    List<DynamicTest> everyRouteAsEveryRole() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Route route : ROUTES) {
            for (String role : EVERYONE) {
                boolean allowed = route.roles().contains(role);
                tests.add(DynamicTest.dynamicTest(route.method() + " " + route.path() + " as " + role + " → "
                        + (allowed ? route.service() + " " + route.downstream() : "403"), () -> {
                            freshDownstreams();
                            var stub = "catalog".equals(route.service()) ? Downstreams.catalog()
                                    : Downstreams.session();
                            stub.stubFor(any(urlPathEqualTo(route.downstream())).willReturn(aResponse()
                                    .withStatus(200).withHeader("Content-Type", "application/json")
                                    .withBody("{\"routed\":true}")));
                            String requestId = "rt-" + UUID.randomUUID();
                            var answer = given().auth().oauth2(Tokens.of(role)).contentType(ContentType.JSON)
                                    .header("X-Request-Id", requestId)
                                    .body("{}").when().request(route.method(), route.path()).then();
                            if (allowed) {
                                answer.statusCode(200);
                                stub.verify(1, anyRequestedFor(urlPathEqualTo(route.downstream())));
                            } else {
                                answer.statusCode(403).contentType("application/problem+json");
                                Downstreams.catalog().verify(0, anyRequestedFor(anyUrl()));
                                Downstreams.session().verify(0, anyRequestedFor(urlPathMatching(NOT_AUDIT)));
                                if ("session".equals(route.service())) {
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
        return tests;
    }
}

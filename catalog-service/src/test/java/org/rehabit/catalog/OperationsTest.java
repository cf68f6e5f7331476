package org.rehabit.catalog;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.support.PostgresVersion;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.rehabit.catalog.CatalogFixtures.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What operators and API clients rely on beyond the catalog itself: health, metrics, OpenAPI, HTTP errors. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class OperationsTest {

    @Inject
    Vertx vertx;

    /** Vert.x runs on Netty's epoll transport (Linux), not Java NIO: the dependency and the setting are both there. */
    @Test
    void runsOnTheNativeTransport() {
        assertTrue(vertx.isNativeTransportEnabled(), "Vert.x fell back to Java NIO");
    }

    @Inject
    DataSource dataSource;

    /**
     * Start-up checked the server's version (at least 15), and it is the one the build chose: a pass meant for
     * PostgreSQL 15 really ran on 15 (the major of {@code rehabit.postgres.binaries}, unless
     * {@code REHABIT_TEST_DB_URL} names another server).
     */
    @Test
    void runsOnTheChosenSupportedPostgresql() {
        String version = PostgresVersion.check(dataSource);
        assertEquals(Optional.empty(), PostgresTestResource.versionMismatch(version));
    }

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void isReadyOnlyWithItsDatabaseAndAlive() {
        Management.given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
        Management.given().when().get("/q/health/live")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void operatorEndpointsAreOnTheManagementPortOnly() {
        for (String path : List.of("/q/health/ready", "/q/metrics", "/q/openapi")) {
            given().when().get(path).then().statusCode(404);
            Management.given().when().get(path).then().statusCode(200);
        }
    }

    /**
     * What the alert rules and the dashboard of deploy/kubernetes/monitoring query: request counts, the latency
     * histogram's buckets (for the p99) and the connection pool.
     */
    @Test
    void exposesPrometheusMetricsIncludingHttpRequests() {
        given().when().get("/exercises/shoulder-circles").then().statusCode(200);

        Management.given().accept("text/plain").when().get("/q/metrics")
                .then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("uri=\"/exercises/{slug}\""))
                .body(containsString("http_server_requests_seconds_bucket{method=\"GET\",outcome=\"SUCCESS\","
                        + "status=\"200\",uri=\"/exercises/{slug}\",le=\"0.25\""))
                .body(containsString("agroal_awaiting_count{datasource=\"default\""));
    }

    /** A refused request is counted under its route's template too, not its raw path: one series per route. */
    @Test
    void aRefusedRequestIsCountedUnderItsRoutesTemplate() {
        for (String token : List.of("not-a-token", "still.not.one")) {
            given().auth().oauth2(token).when().post("/exercises/shoulder-circles/publish").then().statusCode(401);
        }
        given().auth().none().when().post("/exercises/shoulder-circles/publish").then().statusCode(401);

        Management.given().accept("text/plain").when().get("/q/metrics")
                .then().statusCode(200)
                .body(matchesPattern("(?s).*http_server_requests_seconds_count\\{method=\"POST\",outcome=\"CLIENT_ERROR\","
                        + "status=\"401\",uri=\"/exercises/\\{slug}/publish\",?} 3\\.0\n.*"))
                .body(not(containsString("uri=\"/exercises/shoulder-circles/publish\"")));
    }

    @Test
    void everyOperationIsDocumentedWithASummary() {
        Map<String, Map<String, Map<String, Object>>> paths = Management.given().accept("application/json")
                .when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("Rehabit catalog-service"))
                .extract().jsonPath().getMap("paths");

        assertThat(paths.keySet(), hasItems("/exercises", "/exercises/{slug}", "/exercises/resolve",
                "/exercises/{slug}/publish", "/conditions/{slug}", "/routine-templates/{slug}"));
        List<String> undocumented = new ArrayList<>();
        int operations = 0;
        for (var path : paths.entrySet()) {
            for (var operation : path.getValue().entrySet()) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                operations++;
                Object summary = operation.getValue().get("summary");
                if (!(summary instanceof String text) || text.isBlank()) {
                    undocumented.add(operation.getKey().toUpperCase() + " " + path.getKey());
                }
            }
        }
        assertThat(operations, not(equalTo(0)));
        assertThat("operations without a summary", undocumented, empty());
    }

    @Test
    void anUnknownPathIsAProblem() {
        given().when().get("/no-such-thing")
                .then().spec(problem(404, "not-found"));
    }

    @Test
    void anUnsupportedMethodIsAProblem() {
        given().when().delete("/exercises")
                .then().spec(problem(405, "method-not-allowed"));
    }
}

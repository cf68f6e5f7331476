package org.rehabit.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rehabit.gateway.support.Management;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Health and metrics are on the management port only (the public port answers 404 under /q/); the gateway reports
 * healthy whatever its downstream services do (no cascading restarts); the public API's OpenAPI document stays on
 * the public port for integrators.
 */
@QuarkusTest
@WithTestResource(org.rehabit.gateway.support.Downstreams.class)
class HealthTest {

    @Inject
    Vertx vertx;

    /** Vert.x runs on Netty's epoll transport (Linux), not Java NIO: the dependency and the setting are both there. */
    @Test
    void runsOnTheNativeTransport() {
        assertTrue(vertx.isNativeTransportEnabled(), "Vert.x fell back to Java NIO");
    }

    @Test
    void readyAndLiveOnTheManagementPort() {
        Management.given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().when().get("/q/health/started").then().statusCode(200);
    }

    @Test
    void metricsAreServedOnTheManagementPort() {
        Management.given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/metrics", "/q/health", "/q/health/ready", "/q/health/live", "/q/openapi",
            "/q/swagger-ui/", "/q/dev-ui"})
    void thePublicPortAnswers404UnderQ(String path) {
        given().when().get(path).then().statusCode(404);
    }

    @Test
    void publishesOnePublicApiDocumentWithItsAuthSchemeAndExamplesOnThePublicPort() {
        var doc = given().accept("application/json").when().get("/openapi")
                .then().statusCode(200).body("info.title", equalTo("Rehabit API")).extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals("bearer",
                doc.getString("components.securitySchemes.bearerJwt.scheme"));
        Map<String, Object> patients = doc.getMap("paths.'/api/v1/patients'.post.requestBody.content");
        org.junit.jupiter.api.Assertions.assertTrue(patients.toString().contains("Europe/London"), patients.toString());
        org.junit.jupiter.api.Assertions.assertNotNull(doc.get("paths.'/api/v1/patients/{id}/programs/current'.get.summary"));
    }
}

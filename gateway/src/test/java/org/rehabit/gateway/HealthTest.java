package org.rehabit.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** The gateway reports healthy whatever its downstream services do (no cascading restarts). */
@QuarkusTest
@WithTestResource(org.rehabit.gateway.support.Downstreams.class)
class HealthTest {

    @Test
    void readyAndLive() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void publishesAnOpenApiDocument() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).body("info.title", equalTo("Rehabit API"));
    }
}

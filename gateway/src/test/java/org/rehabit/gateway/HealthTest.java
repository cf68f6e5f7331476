package org.rehabit.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

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
    void publishesOnePublicApiDocumentWithItsAuthSchemeAndExamples() {
        var doc = given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).body("info.title", equalTo("Rehabit API")).extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals("bearer",
                doc.getString("components.securitySchemes.SecurityScheme.scheme"));
        Map<String, Object> patients = doc.getMap("paths.'/api/v1/patients'.post.requestBody.content");
        org.junit.jupiter.api.Assertions.assertTrue(patients.toString().contains("Europe/London"), patients.toString());
        org.junit.jupiter.api.Assertions.assertNotNull(doc.get("paths.'/api/v1/patients/{id}/programs/current'.get.summary"));
    }
}

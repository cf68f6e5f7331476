package org.rehabit.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.rehabit.gateway.support.Downstreams;
import org.rehabit.gateway.support.GatewayTestBase;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Demo logins issue tokens the gateway itself accepts; bad logins get a problem, not a token. */
@QuarkusTest
@WithTestResource(Downstreams.class)
class AuthTest extends GatewayTestBase {

    @Test
    void aDemoPatientLogsInAndTheTokenSaysWhoTheyAre() {
        String token = given().contentType(ContentType.JSON).body(Map.of("username", "ada", "password", "demo"))
                .when().post("/auth/token")
                .then().statusCode(200).body("tokenType", equalTo("Bearer")).body("role", equalTo("patient"))
                .extract().path("accessToken");
        given().auth().oauth2(token).when().get("/api/v1/me")
                .then().statusCode(200)
                .body("subject", equalTo("ada"))
                .body("roles", hasItem("patient"))
                .body("clinicId", equalTo("0c1a1c00-0000-4000-8000-000000000001"))
                .body("patientId", equalTo("9a7e0000-0000-4000-8000-0000000000a1"));
    }

    @Test
    void wrongPasswordsAndUnknownUsersGetNoToken() {
        given().contentType(ContentType.JSON).body(Map.of("username", "ada", "password", "nope"))
                .when().post("/auth/token").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("username", "mallory", "password", "demo"))
                .when().post("/auth/token").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{}").when().post("/auth/token").then().statusCode(400);
        // longer than the 100 characters the public document declares
        given().contentType(ContentType.JSON).body(Map.of("username", "a".repeat(101), "password", "demo"))
                .when().post("/auth/token").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("username", "ada", "password", "d".repeat(101)))
                .when().post("/auth/token").then().statusCode(400).contentType("application/problem+json");
    }
}

package org.rehabit.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.rehabit.gateway.support.Downstreams;
import org.rehabit.gateway.support.GatewayTestBase;
import org.rehabit.gateway.support.Tokens;
import io.smallrye.jwt.build.Jwt;

import java.util.Set;


import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Limits at the gateway's edge, found by the end-to-end hostile-input suite: a body over the cap used to get the
 * HTTP server's bare refusal (or a dropped connection); now it is a 413 problem+json and reaches no service. Request
 * headers are capped at 8 KB (431), which an identity provider's access token (1-2 KB) fits under with room.
 */
@QuarkusTest
@WithTestResource(Downstreams.class)
class EdgeLimitsTest extends GatewayTestBase {

    @Test
    void aBodyOverTheCapIsRefusedWithAProblemBeforeAnyServiceSeesIt() {
        String body = "{\"displayName\":\"" + "x".repeat(1_100_000) + "\",\"timezone\":\"UTC\"}";
        given().auth().oauth2(Tokens.of("physio")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/patients")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("type", equalTo("urn:rehabit:problem:body-too-large"));
        Downstreams.session().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aTokenOfAnIdentityProvidersSizeFitsUnderTheHeaderCapAndOneOfSixteenKilobytesDoesNot() {
        var claims = Jwt.issuer("https://rehabit.local/auth").audience("rehabit").subject("keycloak-sized")
                .groups(Set.of("physio")).claim("clinic_id", Tokens.CLINIC.toString())
                // what Keycloak adds: realm and resource roles, scopes, session ids, names
                .claim("padding", "r".repeat(1500));
        String token = claims.sign();
        org.junit.jupiter.api.Assertions.assertTrue(token.length() > 2000, "a 2 KB token: " + token.length());
        given().auth().oauth2(token).when().get("/api/v1/me").then().statusCode(200)
                .body("subject", equalTo("keycloak-sized"));

        given().auth().oauth2("x".repeat(16 * 1024)).when().get("/api/v1/me").then().statusCode(431);
    }
}

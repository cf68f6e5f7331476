package org.rehabit.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.rehabit.gateway.support.Downstreams;
import org.rehabit.gateway.support.GatewayTestBase;
import org.rehabit.gateway.support.Tokens;


import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Limits at the gateway's edge, found by the end-to-end hostile-input suite: a body over the cap used to get the
 * HTTP server's bare refusal (or a dropped connection); now it is a 413 problem+json and reaches no service.
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
}

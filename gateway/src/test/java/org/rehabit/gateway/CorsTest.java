package org.rehabit.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * CORS is explicit: only the origins an operator lists (REHABIT_CORS_ORIGINS; here one clinic portal) may call the
 * API from a browser page of another site; every other site's page is refused, and the web app itself is same-origin,
 * also behind a TLS proxy on this machine (loopback is trusted by default; ReverseProxyTest has a proxy elsewhere).
 */
@QuarkusTest
@WithTestResource(org.rehabit.gateway.support.Downstreams.class)
class CorsTest {

    @Test
    void aListedOriginMayCallWithTheHeadersTheApiUses() {
        given().header("Origin", "https://portal.clinic.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                .when().options("/api/v1/patients/p1/sessions")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("https://portal.clinic.example"))
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"))
                .header("Access-Control-Allow-Credentials", not(equalTo("true")));
    }

    @Test
    void aListedOriginMayUseEveryMethodOfThePublicApi() {
        java.util.Set<String> methods = new java.util.TreeSet<>();
        org.rehabit.gateway.route.Routes.ALL.forEach(route -> methods.add(route.method()));
        for (String method : methods) {
            given().header("Origin", "https://portal.clinic.example")
                    .header("Access-Control-Request-Method", method)
                    .header("Access-Control-Request-Headers", "authorization,content-type,if-match")
                    .when().options("/api/v1/patients/p1/programs/p2")
                    .then().statusCode(200)
                    .header("Access-Control-Allow-Origin", equalTo("https://portal.clinic.example"))
                    .header("Access-Control-Allow-Methods", containsString(method));
        }
    }

    @Test
    void anyOtherSitesPageIsRefused() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .when().options("/api/v1/exercises")
                .then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example")
                .when().get("/api/v1/exercises")
                .then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void theWebAppsOwnPageBehindATlsProxyOnThisMachineIsSameOrigin() {
        given().header("Origin", "https://rehabit.example")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "rehabit.example")
                .header("X-Forwarded-Port", "443").header("X-Forwarded-For", "203.0.113.5")
                .when().get("/api/v1/exercises")
                .then().statusCode(401); // past the CORS check: only the missing token is left to refuse it
        given().header("Origin", "https://rehabit.example")
                .when().get("/api/v1/exercises")
                .then().statusCode(403); // not forwarded: an https page calling a plain http address is another origin
    }
}

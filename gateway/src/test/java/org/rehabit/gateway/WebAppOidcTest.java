package org.rehabit.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/**
 * A production-like gateway: no demo logins, and the web app signs people in at the clinic's OpenID Connect
 * provider, the same issuer the gateway trusts tokens from; the page may call that provider and nothing else.
 */
@QuarkusTest
@TestProfile(WebAppOidcTest.ClinicProvider.class)
@WithTestResource(org.rehabit.gateway.support.Downstreams.class)
class WebAppOidcTest {

    /** Demo logins off, a web client id set. */
    public static class ClinicProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rehabit.demo-auth.enabled", "false", "rehabit.web.oidc-client-id", "rehabit-web",
                    "rehabit.oidc.issuer", "https://sso.clinic.example/realms/rehabit");
        }
    }

    @Test
    void theAppSignsInAtTheProviderTheGatewayTrusts() {
        given().when().get("/app/config").then().statusCode(200)
                .body("demoLogins", equalTo(false))
                .body("demoUsers", empty())
                .body("oidc.issuer", equalTo("https://sso.clinic.example/realms/rehabit"))
                .body("oidc.clientId", equalTo("rehabit-web"))
                .body("oidc.scope", equalTo("openid profile"));
    }

    @Test
    void thePageMayTalkToTheProviderAndToNoOtherSite() {
        given().when().get("/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("connect-src 'self' https://sso.clinic.example;"));
    }

    @Test
    void demoLoginsAreRefused() {
        given().contentType("application/json").body("{\"username\":\"ada\",\"password\":\"demo\"}")
                .when().post("/auth/token").then().statusCode(404);
    }
}

package org.rehabit.gateway.auth;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.rehabit.gateway.support.Downstreams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/**
 * Demo logins switched on in a profile other than dev, test and local (here "staging", as an operator might name a
 * rehearsal installation): a login is refused with a 404 problem that says why — never a token, never a 500 — and
 * the web app is told there are none.
 */
@QuarkusTest
@WithTestResource(Downstreams.class)
@TestProfile(DemoLoginsStagingTest.Staging.class)
class DemoLoginsStagingTest {

    /** The staging profile alone (none of the test profile's settings), with demo logins switched on. */
    public static class Staging implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "staging";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rehabit.demo-auth.enabled", "true",
                    "rehabit.demo-auth.private-key", "src/test/resources/test-keys/private.pem",
                    "quarkus.oidc.public-key", publicKey(),
                    "quarkus.http.test-port", "0",
                    "quarkus.management.test-port", "0");
        }

        private static String publicKey() {
            try {
                return Files.readString(Path.of("src/test/resources/test-keys/public.pem"))
                        .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void aDemoLoginIsRefusedWithAProblemThatSaysWhy() {
        given().contentType(ContentType.JSON).body(Map.of("username", "ada", "password", "demo"))
                .when().post("/auth/token")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", containsString("only in the dev, test and local profiles"));
    }

    @Test
    void theWebAppIsToldThereAreNoDemoLogins() {
        given().when().get("/app/config").then().statusCode(200)
                .body("demoLogins", equalTo(false))
                .body("demoUsers", empty());
    }
}

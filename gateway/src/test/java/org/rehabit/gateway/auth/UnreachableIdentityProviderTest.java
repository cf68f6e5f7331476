package org.rehabit.gateway.auth;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rehabit.gateway.support.Downstreams;
import org.rehabit.gateway.support.Tokens;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * The gateway started while its OpenID Connect provider could not be reached (as after a power cut, when the
 * provider comes up last): it cannot fetch the keys to check a token, so a request with one is answered 503 with
 * Retry-After, as for a service it depends on that is down, never a 500 "internal error" with an incident.
 */
@QuarkusTest
@WithTestResource(Downstreams.class)
@TestProfile(UnreachableIdentityProviderTest.ProviderDown.class)
class UnreachableIdentityProviderTest {

    /** Keys from the provider's discovery document (no configured public key), at an address nothing listens on. */
    public static class ProviderDown implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "provider-down";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.auth-server-url", "http://127.0.0.1:1/realms/rehabit",
                    "quarkus.oidc.connection-timeout", "1S",
                    "smallrye.jwt.sign.key.location", "test-keys/private.pem", // the tests' tokens
                    "rehabit.audit.ingest-key", "test-audit-ingest-key-0123456789",
                    "quarkus.http.test-port", "0",
                    "quarkus.management.test-port", "0");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/exercises", "/api/v1/me"})
    void aTokenThatCannotBeCheckedIsAnsweredUnavailable(String path) {
        given().auth().oauth2(Tokens.of("physio")).when().get(path)
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .body("type", equalTo("urn:rehabit:problem:unavailable"));
    }
}

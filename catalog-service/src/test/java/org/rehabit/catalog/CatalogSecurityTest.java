package org.rehabit.catalog;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rehabit.devtools.PostgresTestResource;
import org.rehabit.support.security.VerifiedTokens;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Who may read and write the library: any authenticated caller reads, only content editors write. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class CatalogSecurityTest {

    @Inject
    JWTCallerPrincipalFactory tokenFactory;

    @Test
    void readingNeedsAToken() {
        given().auth().none().when().get("/exercises?q=shoulder")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:rehabit:problem:unauthenticated"));
        given().auth().none().when().get("/conditions").then().statusCode(401);
        given().auth().none().when().get("/routine-templates/upper-back-pinched-nerve-starter").then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"patient", "physio", "clinic-admin", "content-editor"})
    void everyRoleReadsPublishedContent(String role) {
        given().auth().oauth2(EditorTokenByDefault.token("reader", role))
                .when().get("/exercises/shoulder-circles")
                .then().statusCode(200).body("name", equalTo("Shoulder Circles"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"patient", "physio", "clinic-admin"})
    void onlyContentEditorsWrite(String role) {
        String token = EditorTokenByDefault.token("not-an-editor", role);
        String slug = CatalogFixtures.uniqueSlug("sec");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(CatalogFixtures.exercise(slug))
                .when().post("/exercises")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(token).when().post("/exercises/shoulder-circles/retire").then().statusCode(403);
        given().when().get("/exercises/shoulder-circles").then().statusCode(200).body("status", equalTo("PUBLISHED"));
        given().when().get("/exercises/{slug}/draft", slug).then().statusCode(404);
    }

    @Test
    void forgedExpiredAndUnsignedTokensAreRefused() throws Exception {
        var otherKey = KeyPairGenerator.getInstance("RSA");
        otherKey.initialize(2048);
        String forged = Jwt.issuer("https://rehabit.local/auth").audience("rehabit").subject("mallory")
                .groups(Set.of("content-editor")).sign(otherKey.generateKeyPair().getPrivate());
        String expired = Jwt.issuer("https://rehabit.local/auth").audience("rehabit").subject("late")
                .groups(Set.of("content-editor")).issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)).sign();
        String wrongIssuer = Jwt.issuer("https://evil.example").audience("rehabit").subject("x")
                .groups(Set.of("content-editor")).sign();
        String wrongAudience = Jwt.issuer("https://rehabit.local/auth").audience("someone-else").subject("x")
                .groups(Set.of("content-editor")).sign();
        String unsigned = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64(
                "{\"iss\":\"https://rehabit.local/auth\",\"aud\":\"rehabit\",\"sub\":\"x\",\"groups\":[\"content-editor\"],"
                        + "\"exp\":" + (Instant.now().getEpochSecond() + 3600) + "}") + ".";
        String valid = EditorTokenByDefault.token("editor", "content-editor");
        String[] parts = valid.split("\\.");
        String tampered = parts[0] + "." + base64(new String(Base64.getUrlDecoder().decode(parts[1]),
                StandardCharsets.UTF_8).replace("\"editor\"", "\"eve\"")) + "." + parts[2];
        // the valid token is verified and remembered first: its tampered copy must still be refused
        given().auth().oauth2(valid).when().get("/exercises/shoulder-circles").then().statusCode(200);
        for (String token : new String[] {forged, expired, wrongIssuer, wrongAudience, unsigned, tampered}) {
            given().auth().oauth2(token).when().get("/exercises/shoulder-circles")
                    .then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void tokensAreVerifiedThroughTheSharedCache() {
        assertInstanceOf(VerifiedTokens.class, ClientProxy.unwrap(tokenFactory));
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

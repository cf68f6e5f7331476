package org.rehabit.catalog;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rehabit.devtools.PostgresTestResource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Who may read and write the library: any authenticated caller reads, only content editors write. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class CatalogSecurityTest {

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
    void forgedExpiredUnsignedAndIdTokensAreRefused() throws Exception {
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
        // an ID token with every claim an access token has: refused as a bearer token
        String idToken = Jwt.issuer("https://rehabit.local/auth").audience("rehabit").subject("x")
                .groups(Set.of("content-editor")).claim("typ", "ID").sign();
        String noSubject = Jwt.issuer("https://rehabit.local/auth").audience("rehabit")
                .groups(Set.of("content-editor")).sign();
        given().auth().oauth2(valid).when().get("/exercises/shoulder-circles").then().statusCode(200);
        Map<String, String> refused = Map.of("forged", forged, "expired", expired, "wrong issuer", wrongIssuer,
                "wrong audience", wrongAudience, "unsigned", unsigned, "tampered", tampered, "ID token", idToken,
                "no subject", noSubject);
        refused.forEach((what, token) -> {
            var answer = given().auth().oauth2(token).when().get("/exercises/shoulder-circles").then().extract();
            assertEquals(401, answer.statusCode(), what);
            assertEquals("application/problem+json", answer.contentType(), what);
        });
    }

    @Test
    void rolesAreReadWhereKeycloakPutsThemAndAccessTokensOfTypeBearerPass() {
        String keycloakShaped = Jwt.issuer("https://rehabit.local/auth").audience("rehabit").subject("kc-editor")
                .claim("typ", "Bearer")
                .claim("realm_access", Map.of("roles", List.of("offline_access", "content-editor"))).sign();
        given().auth().oauth2(keycloakShaped).when().post("/exercises/{slug}/retire", "no-such-exercise")
                .then().statusCode(404);
        String keycloakPatient = Jwt.issuer("https://rehabit.local/auth").audience("rehabit").subject("kc-patient")
                .claim("typ", "Bearer").claim("realm_access", Map.of("roles", List.of("patient"))).sign();
        given().auth().oauth2(keycloakPatient).when().post("/exercises/shoulder-circles/retire")
                .then().statusCode(403);
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

package org.rehabit.gateway.auth;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.rehabit.gateway.support.Downstreams;
import org.rehabit.gateway.support.GatewayTestBase;
import org.rehabit.gateway.support.Tokens;
import org.rehabit.support.security.VerifiedTokens;

import java.time.Instant;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same bearer token on request after request, as every client sends it (the gateway remembers tokens it has
 * verified, support.security.VerifiedTokens): each caller is still who their own token says, a token stops working
 * when it expires, and a token whose signature was tampered with is refused even right after the real one passed.
 */
@QuarkusTest
@WithTestResource(Downstreams.class)
class RepeatedTokenTest extends GatewayTestBase {

    @Inject
    IdentityProviderManager identities;

    @Test
    void aTokenVerifiedOnceIsKnownWithoutASignatureCheckNextTime() {
        String token = Tokens.token("cached-physio", "physio", Tokens.CLINIC, null);
        given().auth().oauth2(token).when().get("/api/v1/me").then().statusCode(200);
        // asked without a request (quarkus-oidc would need one: a miss here fails): the cache answers first
        SecurityIdentity again = authenticate(token);
        assertTrue(VerifiedTokens.fromCache(again));
        assertEquals("cached-physio", again.getPrincipal().getName());
        assertTrue(again.getRoles().contains("physio"));
    }

    private SecurityIdentity authenticate(String token) {
        return identities.authenticate(new TokenAuthenticationRequest(new AccessTokenCredential(token)))
                .await().indefinitely();
    }

    @Test
    void aTokenUsedAgainAndAgainStopsWorkingWhenItExpires() throws InterruptedException {
        given().auth().oauth2(Tokens.of("physio")).when().get("/api/v1/me").then().statusCode(200); // warm
        long expires = Instant.now().getEpochSecond() + 4;
        String token = Jwt.issuer("https://rehabit.local/auth").audience("rehabit").subject("short-lived")
                .groups(Set.of("physio")).claim("clinic_id", Tokens.CLINIC.toString()).expiresAt(expires).sign();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).when().get("/api/v1/me")
                    .then().statusCode(200).body("subject", equalTo("short-lived"));
        }
        while (Instant.now().getEpochSecond() <= expires) {
            Thread.sleep(200);
        }
        given().auth().oauth2(token).when().get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void twoCallersAlternatingEachGetTheirOwnIdentity() {
        String physio = Tokens.token("physio-one", "physio", Tokens.CLINIC, null);
        String admin = Tokens.token("admin-two", "clinic-admin", Tokens.CLINIC, null);
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(physio).when().get("/api/v1/me")
                    .then().statusCode(200).body("subject", equalTo("physio-one")).body("roles", hasItem("physio"));
            given().auth().oauth2(admin).when().get("/api/v1/me")
                    .then().statusCode(200).body("subject", equalTo("admin-two"))
                    .body("roles", hasItem("clinic-admin"));
        }
    }

    /** The route table checks remembered tokens itself (RouteHandlers): the same answers as quarkus-oidc's. */
    @Test
    void onTheRouteTableARememberedTokenKeepsItsOwnRolesAndATamperedOrExpiredOneIsRefused()
            throws InterruptedException {
        Downstreams.catalog().stubFor(get(urlEqualTo("/exercises/neck-tilt/draft")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"slug\":\"neck-tilt\"}")));
        String editor = Tokens.token("editor-one", "content-editor", Tokens.CLINIC, null);
        String physio = Tokens.token("physio-three", "physio", Tokens.CLINIC, null);
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(editor).when().get("/api/v1/exercises/neck-tilt/draft")
                    .then().statusCode(200).body("slug", equalTo("neck-tilt"));
            given().auth().oauth2(physio).when().get("/api/v1/exercises/neck-tilt/draft")
                    .then().statusCode(403).contentType("application/problem+json");
        }
        String tampered = editor.substring(0, editor.length() - 2)
                + (editor.charAt(editor.length() - 2) == 'A' ? 'B' : 'A') + editor.charAt(editor.length() - 1);
        given().auth().oauth2(tampered).when().get("/api/v1/exercises/neck-tilt/draft")
                .then().statusCode(401).contentType("application/problem+json");
        // the scheme in another case is the same token (as quarkus-oidc reads it); another scheme is no token
        given().header("Authorization", "bearer " + editor).when().get("/api/v1/exercises/neck-tilt/draft")
                .then().statusCode(200);
        given().header("Authorization", "Basic " + editor).when().get("/api/v1/exercises/neck-tilt/draft")
                .then().statusCode(401);

        long expires = Instant.now().getEpochSecond() + 3;
        String shortLived = Jwt.issuer("https://rehabit.local/auth").audience("rehabit").subject("short-editor")
                .groups(Set.of("content-editor")).claim("clinic_id", Tokens.CLINIC.toString()).expiresAt(expires)
                .sign();
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(shortLived).when().get("/api/v1/exercises/neck-tilt/draft").then().statusCode(200);
        }
        while (Instant.now().getEpochSecond() <= expires) {
            Thread.sleep(200);
        }
        given().auth().oauth2(shortLived).when().get("/api/v1/exercises/neck-tilt/draft").then().statusCode(401);
    }

    @Test
    void aTamperedCopyOfAnAcceptedTokenIsRefused() {
        String token = Tokens.of("physio");
        given().auth().oauth2(token).when().get("/api/v1/me").then().statusCode(200);
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1);
        given().auth().oauth2(tampered).when().get("/api/v1/me").then().statusCode(401);
        given().auth().oauth2(token).when().get("/api/v1/me").then().statusCode(200);
    }
}

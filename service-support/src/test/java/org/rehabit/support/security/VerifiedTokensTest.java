package org.rehabit.support.security;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.vertx.ext.web.RoutingContext;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the verified-token cache hands out, and when it hands out nothing (quarkus-oidc verifies the token then). */
class VerifiedTokensTest {

    private final VerifiedTokens tokens = new VerifiedTokens(100, Duration.ofSeconds(60));

    @Test
    void aVerifiedTokenIsKnownAgainWithTheNewRequestsContextAndItsOwnSubjectAndRoles() {
        RoutingContext first = routing();
        tokens.remember(verified("token-of-ada", "ada", "physio", 300, first));
        tokens.remember(verified("token-of-ben", "ben", "patient", 300, routing()));

        RoutingContext second = routing();
        SecurityIdentity ada = authenticate("token-of-ada", second);
        assertEquals("ada", ada.getPrincipal().getName());
        assertEquals(java.util.Set.of("physio"), ada.getRoles());
        assertSame(second, HttpSecurityUtils.getRoutingContextAttribute(ada), "the request's own routing context");
        assertEquals("ben", authenticate("token-of-ben", routing()).getPrincipal().getName());
        // what the cache handed out is not kept again (and the first request's context is not kept at all)
        tokens.remember(ada);
        assertSame(second, HttpSecurityUtils.getRoutingContextAttribute(authenticate("token-of-ada", second)));
        assertTrue(authenticate("token-of-ada", null).getAttributes().get(RoutingContext.class.getName()) == null);
    }

    @Test
    void anotherTokenAnExpiredOneAndAnyWithTheCacheOffAreLeftToQuarkusOidc() {
        tokens.remember(verified("token-of-ada", "ada", "physio", 300, routing()));
        // the same claims with another signature are another token
        assertNull(authenticate("token-of-adb", routing()));
        // a token that has expired is never kept; one that expires while kept is not handed out after its exp
        tokens.remember(verified("expired", "cleo", "physio", -1, routing()));
        assertNull(authenticate("expired", routing()));
        VerifiedTokens off = new VerifiedTokens(0, Duration.ofSeconds(60));
        off.remember(verified("token-of-ada", "ada", "physio", 300, routing()));
        assertNull(off.authenticate(new TokenAuthenticationRequest(new TokenCredential("token-of-ada", "bearer")),
                null).await().indefinitely());
    }

    @Test
    void aTokenOfANewSigningKeyMakesEveryRememberedTokenBeCheckedAgain() {
        String oldKey = jwt("{\"alg\":\"RS256\",\"kid\":\"old\"}", "ada");
        String oldKeyToo = jwt("{\"alg\":\"RS256\",\"kid\":\"old\"}", "ben");
        tokens.remember(verified(oldKey, "ada", "physio", 300, routing()));
        tokens.remember(verified(oldKeyToo, "ben", "patient", 300, routing()));
        assertEquals("ada", authenticate(oldKey, routing()).getPrincipal().getName(), "one key: all kept");
        assertEquals("old", VerifiedTokens.keyId(oldKey));

        // the provider rotated its keys: quarkus-oidc verified a token of the new one against the new key set
        String newKey = jwt("{\"alg\":\"RS256\",\"kid\":\"new\"}", "ada");
        tokens.remember(verified(newKey, "ada", "physio", 300, routing()));
        assertNull(authenticate(oldKey, routing()), "checked again by quarkus-oidc, which may no longer know its key");
        assertNull(authenticate(oldKeyToo, routing()));
        assertEquals("ada", authenticate(newKey, routing()).getPrincipal().getName());
        // both keys known now (a provider may sign with either for a while): nothing is forgotten any more
        tokens.remember(verified(oldKey, "ada", "physio", 300, routing()));
        assertEquals("ada", authenticate(newKey, routing()).getPrincipal().getName());
        assertEquals("ada", authenticate(oldKey, routing()).getPrincipal().getName());
    }

    private static String jwt(String header, String subject) {
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(header.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(("{\"sub\":\"" + subject + "\"}").getBytes(
                java.nio.charset.StandardCharsets.UTF_8)) + ".c2ln";
    }

    @Test
    void anEntryLastsNoLongerThanItsTimeToLive() throws InterruptedException {
        VerifiedTokens brief = new VerifiedTokens(100, Duration.ofMillis(200));
        brief.remember(verified("token-of-ada", "ada", "physio", 300, routing()));
        TokenAuthenticationRequest request = new TokenAuthenticationRequest(new TokenCredential("token-of-ada",
                "bearer"));
        assertEquals("ada", brief.authenticate(request, null).await().indefinitely().getPrincipal().getName());
        Thread.sleep(400);
        assertNull(brief.authenticate(request, null).await().indefinitely());
    }

    private SecurityIdentity authenticate(String token, RoutingContext routing) {
        TokenAuthenticationRequest request = new TokenAuthenticationRequest(new TokenCredential(token, "bearer"));
        if (routing != null) {
            HttpSecurityUtils.setRoutingContextAttribute(request, routing);
        }
        return tokens.authenticate(request, null).await().indefinitely();
    }

    private static SecurityIdentity verified(String token, String subject, String role, long secondsLeft,
                                             RoutingContext routing) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(subject);
        claims.setExpirationTime(NumericDate.fromSeconds(System.currentTimeMillis() / 1000 + secondsLeft));
        return QuarkusSecurityIdentity.builder().setPrincipal(new DefaultJWTCallerPrincipal(token, claims))
                .addCredential(new TokenCredential(token, "bearer")).addRole(role)
                .addAttribute(RoutingContext.class.getName(), routing).build();
    }

    private static RoutingContext routing() {
        return (RoutingContext) Proxy.newProxyInstance(VerifiedTokensTest.class.getClassLoader(),
                new Class<?>[] {RoutingContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "routing context";
                    default -> null;
                });
    }
}

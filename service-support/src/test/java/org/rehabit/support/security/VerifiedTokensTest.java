package org.rehabit.support.security;

import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The token cache never accepts what the full verification would refuse: a token is served from the cache only as
 * the exact text verified before, only until its {@code exp}, and only for the same verification settings.
 */
class VerifiedTokensTest {

    private static final String ISSUER = "https://rehabit.local/auth";
    private static KeyPair keys;
    private static KeyPair otherKeys;

    /** Wall clock and Caffeine's ticker, advanced together by the test. */
    private final AtomicLong nowMillis = new AtomicLong(System.currentTimeMillis());
    private final Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(nowMillis.get());
    private final AtomicInteger verifications = new AtomicInteger();
    private final JWTCallerPrincipalFactory counting = new JWTCallerPrincipalFactory() {
        private final DefaultJWTCallerPrincipalFactory real = new DefaultJWTCallerPrincipalFactory();

        @Override
        public JWTCallerPrincipal parse(String token, JWTAuthContextInfo settings) throws ParseException {
            verifications.incrementAndGet();
            return real.parse(token, settings);
        }
    };
    private final VerifiedTokens tokens = new VerifiedTokens(counting, nowMillis::get, ticker, 100);

    @BeforeAll
    static void keys() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        otherKeys = generator.generateKeyPair();
    }

    @Test
    void aVerifiedTokenIsVerifiedOnce() throws Exception {
        String token = sign(claims(ISSUER, "rehabit", 600), keys);
        JWTAuthContextInfo settings = settings("rehabit");
        JWTCallerPrincipal first = tokens.parse(token, settings);
        JWTCallerPrincipal second = tokens.parse(token, settings);
        assertSame(first, second);
        assertEquals(1, verifications.get());
        assertEquals("physio-1", second.getSubject());
    }

    @Test
    void aTokenIsNotServedFromTheCacheAfterItsExpiry() throws Exception {
        String token = sign(claims(ISSUER, "rehabit", 120), keys);
        JWTAuthContextInfo settings = settings("rehabit");
        tokens.parse(token, settings);
        nowMillis.addAndGet(119_000);
        tokens.parse(token, settings);
        assertEquals(1, verifications.get(), "still valid: served from the cache");
        nowMillis.addAndGet(2_000);
        tokens.parse(token, settings);
        assertEquals(2, verifications.get(), "past exp (by the cache's clock): verified again");
    }

    @Test
    void noEntryOutlivesTheMaximumAgeEvenForLongTokens() throws Exception {
        String token = sign(claims(ISSUER, "rehabit", 3600), keys);
        JWTAuthContextInfo settings = settings("rehabit");
        tokens.parse(token, settings);
        nowMillis.addAndGet(VerifiedTokens.MAX_AGE.toMillis() + 1);
        tokens.parse(token, settings);
        assertEquals(2, verifications.get());
    }

    @Test
    void anExpiredTokenIsRefusedEveryTime() throws Exception {
        String token = sign(claims(ISSUER, "rehabit", -3600), keys);
        JWTAuthContextInfo settings = settings("rehabit");
        assertThrows(ParseException.class, () -> tokens.parse(token, settings));
        assertThrows(ParseException.class, () -> tokens.parse(token, settings));
        assertEquals(2, verifications.get());
    }

    @Test
    void aChangedTokenIsNotServedFromTheCache() throws Exception {
        JwtClaims claims = claims(ISSUER, "rehabit", 600);
        String token = sign(claims, keys);
        JWTAuthContextInfo settings = settings("rehabit");
        tokens.parse(token, settings);

        // the same signature over a payload that now claims another role
        String[] parts = token.split("\\.");
        claims.setStringListClaim("groups", List.of("clinic-admin"));
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.toJson().getBytes(StandardCharsets.UTF_8));
        String tampered = parts[0] + "." + payload + "." + parts[2];
        assertThrows(ParseException.class, () -> tokens.parse(tampered, settings));

        // one character of the signature changed: one inside it, since the last base64url character of a 256-byte
        // signature also carries padding bits, and changing only those leaves the decoded signature as it was
        int at = token.lastIndexOf('.') + 10;
        char was = token.charAt(at);
        String badSignature = token.substring(0, at) + (was == 'A' ? 'B' : 'A') + token.substring(at + 1);
        assertThrows(ParseException.class, () -> tokens.parse(badSignature, settings));

        // signed by another key
        assertThrows(ParseException.class, () -> tokens.parse(sign(claims(ISSUER, "rehabit", 600), otherKeys),
                settings));
        assertEquals("physio-1", tokens.parse(token, settings).getSubject());
    }

    @Test
    void anUnsignedTokenIsRefused() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims(ISSUER, "rehabit", 600).toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        String none = jws.getCompactSerialization();
        assertThrows(ParseException.class, () -> tokens.parse(none, settings("rehabit")));
        assertThrows(ParseException.class, () -> tokens.parse(none, settings("rehabit")));
    }

    @Test
    void anotherIssuerOrAudienceIsRefusedEvenOnceAcceptedElsewhere() throws Exception {
        String token = sign(claims(ISSUER, "rehabit", 600), keys);
        tokens.parse(token, settings("rehabit"));
        assertThrows(ParseException.class, () -> tokens.parse(token, settings("another-api")));
        assertThrows(ParseException.class, () -> tokens.parse(sign(claims("https://evil.example", "rehabit", 600),
                keys), settings("rehabit")));
    }

    @Test
    void theCacheStaysWithinItsBound() throws Exception {
        JWTAuthContextInfo settings = settings("rehabit");
        VerifiedTokens small = new VerifiedTokens(counting, nowMillis::get, ticker, 2);
        for (int i = 0; i < 20; i++) {
            JwtClaims claims = claims(ISSUER, "rehabit", 600);
            claims.setSubject("physio-" + i);
            small.parse(sign(claims, keys), settings);
        }
        assertEquals(20, verifications.get());
        assertEquals(2, small.size());
    }

    private JWTAuthContextInfo settings(String audience) {
        JWTAuthContextInfo settings = new JWTAuthContextInfo(keys.getPublic(), ISSUER);
        settings.setExpectedAudience(java.util.Set.of(audience));
        settings.setSignatureAlgorithm(java.util.Set.of(SignatureAlgorithm.RS256));
        return settings;
    }

    private JwtClaims claims(String issuer, String audience, long secondsLeft) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject("physio-1");
        claims.setStringListClaim("groups", List.of("physio"));
        claims.setIssuedAt(NumericDate.fromMilliseconds(System.currentTimeMillis() - 1000));
        claims.setExpirationTime(NumericDate.fromMilliseconds(System.currentTimeMillis() + secondsLeft * 1000));
        claims.setGeneratedJwtId();
        return claims;
    }

    private static String sign(JwtClaims claims, KeyPair pair) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(pair.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        return jws.getCompactSerialization();
    }
}

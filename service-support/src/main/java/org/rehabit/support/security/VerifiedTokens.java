package org.rehabit.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Bearer tokens verified once and then remembered, so that a client's requests (and the gateway's and the service's
 * check of the same request) do not each pay for parsing and an RSA signature check. smallrye-jwt verifies every
 * token through this factory; a token is looked up by the SHA-256 of its exact text together with the verification
 * settings it was checked against, so any changed character (a tampered claim or signature) is a different token
 * and is verified from scratch. Only successful verifications are kept, each no longer than the token's own
 * {@code exp} and at most {@link #MAX_AGE} (which bounds how long a token outlives a rotated key), and at most
 * {@link #MAX_ENTRIES} of them (Caffeine drops the least used when full). Refused tokens (expired, tampered, other issuer
 * or audience, {@code alg=none}) are refused by the full verification every time.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class VerifiedTokens extends JWTCallerPrincipalFactory {

    static final int MAX_ENTRIES = 4096;
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private record Key(JWTAuthContextInfo settings, String digest) {
    }

    private final JWTCallerPrincipalFactory verifier;
    private final LongSupplier wallClockMillis;
    private final Cache<Key, JWTCallerPrincipal> verified;

    public VerifiedTokens() {
        this(new DefaultJWTCallerPrincipalFactory(), System::currentTimeMillis, Ticker.systemTicker(), MAX_ENTRIES);
    }

    /** For tests: the verifier behind the cache and the clocks it goes by. */
    VerifiedTokens(JWTCallerPrincipalFactory verifier, LongSupplier wallClockMillis, Ticker ticker, int maxEntries) {
        this.verifier = verifier;
        this.wallClockMillis = wallClockMillis;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(ticker)
                .expireAfter(new Expiry<Key, JWTCallerPrincipal>() {
                    @Override
                    public long expireAfterCreate(Key key, JWTCallerPrincipal token, long currentTime) {
                        return nanosToLive(token);
                    }

                    @Override
                    public long expireAfterUpdate(Key key, JWTCallerPrincipal token, long currentTime,
                                                  long currentDuration) {
                        return nanosToLive(token);
                    }

                    @Override
                    public long expireAfterRead(Key key, JWTCallerPrincipal token, long currentTime,
                                                long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo settings) throws ParseException {
        Key key = new Key(settings, digest(token));
        JWTCallerPrincipal known = verified.getIfPresent(key);
        if (known != null) {
            return known;
        }
        JWTCallerPrincipal checked = verifier.parse(token, settings);
        if (nanosToLive(checked) > 0) {
            verified.put(key, checked);
        }
        return checked;
    }

    /** How many verified tokens are kept now. */
    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private long nanosToLive(JWTCallerPrincipal token) {
        long expiresAtMillis = TimeUnit.SECONDS.toMillis(token.getExpirationTime());
        long left = Math.min(expiresAtMillis - wallClockMillis.getAsLong(), MAX_AGE.toMillis());
        return left <= 0 ? 0 : TimeUnit.MILLISECONDS.toNanos(left);
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

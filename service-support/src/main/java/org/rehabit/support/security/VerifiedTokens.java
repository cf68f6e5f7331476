package org.rehabit.support.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Bearer tokens this service has already verified, so that the next request with the same token skips the RSA
 * signature check and the claim parsing (a third of the gateway's CPU per pass-through request, issue #15).
 * quarkus-oidc verifies every bearer token on every request and keeps no such cache: its token cache holds
 * introspection and UserInfo answers only, which a locally verified JWT never uses.
 * <p>
 * Tried before quarkus-oidc (a higher {@link #priority()}): a token is looked up by its whole text (header, claims
 * and signature), so only the exact token quarkus-oidc accepted matches; a miss returns nothing and
 * quarkus-oidc verifies the token as always; {@link RememberVerifiedTokens} then keeps what it accepted. An entry
 * lasts until the token expires ({@code exp}) or for {@code rehabit.auth.verified-tokens.ttl} (60 s) after it was
 * verified, whichever comes first. A token signed by a key not seen before means the provider has rotated its keys
 * (quarkus-oidc fetched the new set to verify it): every remembered token is forgotten, so a token of a key that left
 * the set is refused at once; a key withdrawn in any other way stops working here within the time to live. At most
 * {@code rehabit.auth.verified-tokens.max-size} (10,000) entries are kept, the least used go first, and a refused
 * token is never kept. Size 0 turns the cache off.
 * <p>
 * The identity handed out is rebuilt for each request with the request's own routing context; the kept one holds
 * no request's.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    private static final ObjectMapper HEADERS = new ObjectMapper();
    private static final String ROUTING_CONTEXT = RoutingContext.class.getName();
    private static final String REQUEST_CONTEXT = AuthenticationRequestContext.class.getName();
    /** Marks an identity handed out from the cache, which {@link #remember} then leaves alone. */
    private static final String FROM_CACHE = VerifiedTokens.class.getName();
    private static final String BEARER = "Bearer";

    private final Cache<Key, Entry> cache;
    private final long ttlNanos;
    /** The signing keys ({@code kid}) of the tokens quarkus-oidc has accepted so far. */
    private final Set<String> keys = ConcurrentHashMap.newKeySet();

    public VerifiedTokens(@ConfigProperty(name = "rehabit.auth.verified-tokens.max-size", defaultValue = "10000")
                          long maxSize,
                          @ConfigProperty(name = "rehabit.auth.verified-tokens.ttl", defaultValue = "60s")
                          Duration ttl) {
        this.ttlNanos = ttl.toNanos();
        this.cache = maxSize <= 0 || ttlNanos <= 0 ? null : Caffeine.newBuilder().maximumSize(maxSize)
                .expireAfter(new Expiry<Key, Entry>() {
                    @Override
                    public long expireAfterCreate(Key key, Entry entry, long currentTime) {
                        return entry.lifetimeNanos;
                    }

                    @Override
                    public long expireAfterUpdate(Key key, Entry entry, long currentTime, long currentDuration) {
                        return currentDuration;
                    }

                    @Override
                    public long expireAfterRead(Key key, Entry entry, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                }).build();
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Before quarkus-oidc's provider, which keeps the interface's default (1001, before Quarkus's own at 0-1000). */
    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (cache == null) {
            return Uni.createFrom().nullItem();
        }
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        SecurityIdentity identity = known(request.getToken().getToken(), routing);
        return identity == null ? Uni.createFrom().nullItem() : Uni.createFrom().item(identity);
    }

    /**
     * The identity of the request's bearer token when this cache knows the token, else null (then the request goes
     * through quarkus-oidc's mechanism as always, which verifies it or refuses it). For a route that checks the
     * token itself on the event loop (the gateway's route table), without quarkus-oidc's mechanism around the cache:
     * the token is read from the Authorization header as quarkus-oidc reads it (the scheme {@code Bearer} in any
     * case, then everything after the first space), so only the exact token quarkus-oidc accepted matches.
     * The identity is the one kept, as quarkus-oidc made it, without this (or any) request's routing context: for a
     * check of its roles that hands it to nothing that looks for the request in it (built again for every request,
     * as {@link #authenticate} does, it cost a few per cent of a pass-through request). Identities from here are not
     * augmented again: {@link RememberVerifiedTokens} is the services' only augmentor, and it leaves the cache's
     * identities alone.
     */
    public SecurityIdentity known(RoutingContext request) {
        if (cache == null) {
            return null;
        }
        String token = bearerToken(request);
        if (token == null) {
            return null;
        }
        Entry entry = cache.getIfPresent(Key.of(token));
        return entry == null || entry.expiresAtEpochSecond <= System.currentTimeMillis() / 1000 ? null
                : entry.identity;
    }

    /**
     * The identity of the request's bearer token when this cache knows the token, else null, made for this request as
     * {@link #authenticate} makes it (with the request's routing context): for {@link RememberedBearerTokens}, which
     * asks before quarkus-oidc's mechanism does.
     */
    SecurityIdentity knownFor(RoutingContext request) {
        if (cache == null) {
            return null;
        }
        String token = bearerToken(request);
        return token == null ? null : known(token, request);
    }

    /** The request's bearer token as quarkus-oidc reads it: the scheme in any case, then all after the first space. */
    private static String bearerToken(RoutingContext request) {
        String authorization = request.request().getHeader("Authorization");
        int space = authorization == null ? -1 : authorization.indexOf(' ');
        if (space != BEARER.length() || !authorization.regionMatches(true, 0, BEARER, 0, space)) {
            return null;
        }
        return authorization.substring(space + 1);
    }

    private SecurityIdentity known(String token, RoutingContext routing) {
        if (cache == null) {
            return null;
        }
        Entry entry = cache.getIfPresent(Key.of(token));
        if (entry == null || entry.expiresAtEpochSecond <= System.currentTimeMillis() / 1000) {
            return null;
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder(entry.identity)
                .addAttribute(ROUTING_CONTEXT, routing).addAttribute(FROM_CACHE, Boolean.TRUE);
        if (routing != null) {
            identity.addAttribute(REQUEST_CONTEXT, routing.get(REQUEST_CONTEXT));
        }
        return identity.build();
    }

    /** Whether this identity came from the cache rather than from a signature check just now. */
    public static boolean fromCache(SecurityIdentity identity) {
        return identity.getAttribute(FROM_CACHE) != null;
    }

    /** Keeps an identity quarkus-oidc made from a bearer token it verified. */
    void remember(SecurityIdentity identity) {
        if (cache == null || identity.isAnonymous() || identity.getAttribute(FROM_CACHE) != null
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return;
        }
        TokenCredential credential = identity.getCredential(TokenCredential.class);
        long expires = jwt.getExpirationTime();
        long secondsLeft = expires - System.currentTimeMillis() / 1000;
        if (credential == null || credential.getToken() == null || secondsLeft <= 0) {
            return;
        }
        String kid = keyId(credential.getToken());
        if (kid != null && keys.add(kid) && keys.size() > 1) {
            // a key not seen before: the provider has rotated its keys and quarkus-oidc has fetched the new set, in
            // which an old key may be gone; every remembered token is checked against that set once more
            cache.invalidateAll();
        }
        // the token itself is the key: the kept identity's credential holds this very string, so the key costs no
        // memory of its own, and a lookup compares the request's token (no SHA-256 of it, which a bounded memo of
        // recent digests could not spare with hundreds of patients' tokens in turn)
        Key key = Key.of(credential.getToken());
        if (cache.getIfPresent(key) == null) {
            // without the verifying request's routing context, which must not outlive that request
            SecurityIdentity kept = QuarkusSecurityIdentity.builder(identity).addAttribute(ROUTING_CONTEXT, null)
                    .addAttribute(REQUEST_CONTEXT, null).build();
            cache.put(key, new Entry(kept, expires,
                    Math.min(ttlNanos, TimeUnit.SECONDS.toNanos(secondsLeft))));
        }
    }

    /** The {@code kid} of a JWT's header, or null. */
    static String keyId(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            JsonNode header = HEADERS.readTree(Base64.getUrlDecoder().decode(token.substring(0, dot)));
            JsonNode kid = header.get("kid");
            return kid != null && kid.isTextual() ? kid.asText() : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A token as the cache's key: equal only to the same whole token, hashed over its last characters (its
     * signature's, different for every token) rather than over a kilobyte of text on every lookup. Only verified
     * tokens are ever put, so nobody chooses keys to collide.
     */
    private record Key(String token, int hash) {

        private static final int HASHED = 32;

        static Key of(String token) {
            int n = token.length();
            int hash = n;
            for (int i = Math.max(0, n - HASHED); i < n; i++) {
                hash = 31 * hash + token.charAt(i);
            }
            return new Key(token, hash);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.hash == hash && key.token.equals(token);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private record Entry(SecurityIdentity identity, long expiresAtEpochSecond, long lifetimeNanos) {
    }
}

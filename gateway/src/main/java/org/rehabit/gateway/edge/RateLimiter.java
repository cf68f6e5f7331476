package org.rehabit.gateway.edge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.rehabit.support.security.TokenDigest;


import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Token buckets per bearer token and per client address in front of the public API ({@code /api/}, {@code /auth/}):
 * a client over either limit gets 429 problem+json with {@code Retry-After} and reaches no service. Every answer
 * there carries {@code X-RateLimit-Limit} (requests per minute) and {@code X-RateLimit-Remaining} (requests left at
 * once) of the tighter limit, so a client can slow down before it is refused. The web app,
 * the OpenAPI document and the management interface are not limited. The address is the request's remote address
 * as Quarkus resolves it: behind a trusted proxy ({@code REHABIT_TRUSTED_PROXIES}) the client's from
 * X-Forwarded-For, otherwise the connection's, so a client cannot pick a fresh bucket by sending its own
 * X-Forwarded-For.
 *
 * <p>This runs before the token is verified, so what a client sends decides how many buckets there are: a token's
 * bucket is keyed by its SHA-256 (128 bits kept, a fixed 16 bytes however long the header), and each limit keeps at
 * most {@code rehabit.rate-limit.max-clients} buckets, the least used forgotten first. An Authorization header that
 * is no bearer JWT (three base64url parts) gets no token bucket of its own: it is answered 401 later, and its address
 * bucket is what limits it. The address bucket is taken first and a token's only when the address has room, so a
 * flood of distinct tokens from one address is held to that address's limit whatever the token buckets forget.
 * (No maintained rate-limit library is available to this build; a token bucket is a few lines.)
 */
@ApplicationScoped
public class RateLimiter {

    private final Limit perToken;
    private final Limit perAddress;

    public RateLimiter(RateLimitConfig config, MeterRegistry registry) {
        this.perToken = Limit.of(config.perToken(), config.burstSeconds(), config.maxClients());
        this.perAddress = Limit.of(config.perAddress(), config.burstSeconds(), config.maxClients());
        // what the limiter holds in memory, against its bound (rehabit.rate-limit.max-clients per limit)
        Gauge.builder("rehabit_rate_limit_buckets", this, RateLimiter::tokenBuckets).tag("limit", "token")
                .description("Token buckets kept by the rate limiter").register(registry);
        Gauge.builder("rehabit_rate_limit_buckets", this, RateLimiter::addressBuckets).tag("limit", "address")
                .description("Address buckets kept by the rate limiter").register(registry);
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 300);
    }

    private void check(RoutingContext context) {
        String path = context.request().path();
        if (path == null || !(path.startsWith("/api/") || path.startsWith("/auth/"))) {
            context.next();
            return;
        }
        String address = context.request().remoteAddress() == null ? "unknown"
                : context.request().remoteAddress().host();
        Taken taken = perAddress.take(address);
        // the token's key only where there is a per-token limit to look it up in
        if (perToken.on() && (taken == null || taken.retryAfter() == 0)) {
            TokenKey token = TokenKey.of(context.request().getHeader("Authorization"), context);
            if (token != null) {
                taken = Taken.tighter(taken, perToken.take(token));
            }
        }
        if (taken == null) {
            context.next();
            return;
        }
        // every answer says where the client stands against the tighter of its limits
        context.response().putHeader("X-RateLimit-Limit", Integer.toString(taken.perMinute()));
        context.response().putHeader("X-RateLimit-Remaining", Long.toString(taken.remaining()));
        long wait = taken.retryAfter();
        if (wait > 0) {
            context.response().putHeader("Retry-After", Long.toString(wait));
            HttpProblems.send(context, 429, "rate-limited", "Too many requests",
                    "This client sent more requests than the gateway takes; retry after " + wait + " s.");
            return;
        }
        context.next();
    }

    /** How many token buckets are kept now (at most {@code rehabit.rate-limit.max-clients}). */
    public long tokenBuckets() {
        return perToken.size();
    }

    /** How many address buckets are kept now (at most {@code rehabit.rate-limit.max-clients}). */
    public long addressBuckets() {
        return perAddress.size();
    }

    /** A bearer token's bucket key: the first 128 bits of its SHA-256. */
    record TokenKey(long high, long low) {

        /** The key of a bearer JWT, or null for anything else (no header, another scheme, garbage). */
        static TokenKey of(String authorization) {
            return of(authorization, null);
        }

        /** The same, the digest kept on the request for the token check that follows ({@link TokenDigest}). */
        static TokenKey of(String authorization, RoutingContext request) {
            if (authorization == null) {
                return null;
            }
            String jwt = bearerJwt(authorization.strip());
            if (jwt == null) {
                return null;
            }
            ByteBuffer digest = ByteBuffer.wrap(TokenDigest.of(jwt, request));
            return new TokenKey(digest.getLong(), digest.getLong());
        }

        /**
         * The token of {@code Bearer <JWT>} (the scheme in any case, one or more spaces), where the JWT is a header, a
         * payload and a signature in base64url, joined by dots (the signature may be empty); else null. A loop, not
         * a regular expression: it runs on every request, over a token of one or two kilobytes.
         */
        static String bearerJwt(String authorization) {
            int scheme = "bearer".length();
            if (authorization.length() <= scheme + 1 || !authorization.regionMatches(true, 0, "bearer", 0, scheme)
                    || authorization.charAt(scheme) != ' ') {
                return null;
            }
            int start = scheme;
            while (start < authorization.length() && authorization.charAt(start) == ' ') {
                start++;
            }
            int dots = 0;
            int segment = 0; // characters in the current part
            for (int i = start; i < authorization.length(); i++) {
                char c = authorization.charAt(i);
                if (c == '.') {
                    if (segment == 0 || ++dots > 2) {
                        return null;
                    }
                    segment = 0;
                } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                        || c == '_') {
                    segment++;
                } else {
                    return null;
                }
            }
            return dots == 2 ? authorization.substring(start) : null;
        }
    }

    /**
     * What one limit said about a request: its requests per minute, the seconds to wait (0: it may go) and the
     * whole requests left in the bucket afterwards. Null from a limit that is off.
     */
    record Taken(int perMinute, long retryAfter, long remaining) {

        /** The one that binds: a refusal over a pass, else the fewer requests left. */
        static Taken tighter(Taken a, Taken b) {
            if (a == null || b == null) {
                return a == null ? b : a;
            }
            if (a.retryAfter() != b.retryAfter()) {
                return a.retryAfter() > b.retryAfter() ? a : b;
            }
            return a.remaining() <= b.remaining() ? a : b;
        }
    }

    /** One limit: a bucket per client key, refilled continuously; at most {@code maxClients} buckets. */
    private static final class Limit {

        private final int perMinute;
        private final double perSecond;
        private final double capacity;
        private final Cache<Object, Bucket> buckets;

        private Limit(int perMinute, double perSecond, double capacity, int maxClients) {
            this.perMinute = perMinute;
            this.perSecond = perSecond;
            this.capacity = capacity;
            this.buckets = perSecond <= 0 ? null : Caffeine.newBuilder().maximumSize(maxClients)
                    .expireAfterAccess(Duration.ofSeconds((long) Math.ceil(capacity / perSecond) + 60)).build();
        }

        static Limit of(int perMinute, int burstSeconds, int maxClients) {
            double perSecond = perMinute / 60.0;
            return new Limit(perMinute, perSecond, Math.max(1, perSecond * burstSeconds), maxClients);
        }

        /** Whether the request may go (wait 0) and what is left; null when this limit is off. */
        Taken take(Object key) {
            if (buckets == null) {
                return null;
            }
            return buckets.get(key, k -> new Bucket(capacity)).take(perMinute, perSecond, capacity, System.nanoTime());
        }

        /** Whether this limit limits anything (a limit of 0 per minute is off). */
        boolean on() {
            return buckets != null;
        }

        long size() {
            if (buckets == null) {
                return 0;
            }
            buckets.cleanUp();
            return buckets.estimatedSize();
        }
    }
    private static final class Bucket {

        private double tokens;
        private long refilledAt;

        Bucket(double capacity) {
            this.tokens = capacity;
            this.refilledAt = System.nanoTime();
        }

        synchronized Taken take(int perMinute, double perSecond, double capacity, long now) {
            tokens = Math.min(capacity, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return new Taken(perMinute, 0, (long) Math.floor(tokens));
            }
            return new Taken(perMinute, Math.max(1, (long) Math.ceil((1 - tokens) / perSecond)), 0);
        }
    }
}

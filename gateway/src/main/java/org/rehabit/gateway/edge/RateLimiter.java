package org.rehabit.gateway.edge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;

/**
 * Token buckets per bearer token and per client address in front of the public API ({@code /api/}, {@code /auth/}):
 * a client over either limit gets 429 problem+json with {@code Retry-After} and reaches no service. Health,
 * metrics and the OpenAPI document are not limited. The address is the request's remote address as Quarkus resolves
 * it: behind a trusted proxy ({@code REHABIT_TRUSTED_PROXIES}) the client's from X-Forwarded-For, otherwise the
 * connection's, so a client cannot pick a fresh bucket by sending its own X-Forwarded-For.
 * (No maintained rate-limit library is available to this build; a token bucket is a few lines.)
 */
@ApplicationScoped
public class RateLimiter {

    private final Limit perToken;
    private final Limit perAddress;

    public RateLimiter(RateLimitConfig config) {
        this.perToken = Limit.of(config.perToken(), config.burstSeconds(), config.maxClients());
        this.perAddress = Limit.of(config.perAddress(), config.burstSeconds(), config.maxClients());
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
        long wait = perAddress.take(address);
        String token = context.request().getHeader("Authorization");
        if (wait == 0 && token != null) {
            wait = perToken.take(token);
        }
        if (wait > 0) {
            context.response().putHeader("Retry-After", Long.toString(wait));
            EdgeProblems.send(context, 429, "rate-limited", "Too many requests",
                    "This client sent more requests than the gateway takes; retry after " + wait + " s.");
            return;
        }
        context.next();
    }

    /** One limit: a bucket per client key, refilled continuously. */
    private static final class Limit {

        private final double perSecond;
        private final double capacity;
        private final Cache<String, Bucket> buckets;

        private Limit(double perSecond, double capacity, int maxClients) {
            this.perSecond = perSecond;
            this.capacity = capacity;
            this.buckets = perSecond <= 0 ? null : Caffeine.newBuilder().maximumSize(maxClients)
                    .expireAfterAccess(Duration.ofSeconds((long) Math.ceil(capacity / perSecond) + 60)).build();
        }

        static Limit of(int perMinute, int burstSeconds, int maxClients) {
            double perSecond = perMinute / 60.0;
            return new Limit(perSecond, Math.max(1, perSecond * burstSeconds), maxClients);
        }

        /** 0 when the request may go, else the whole seconds until one more would be allowed. */
        long take(String key) {
            if (buckets == null) {
                return 0;
            }
            return buckets.get(key, k -> new Bucket(capacity)).take(perSecond, capacity, System.nanoTime());
        }
    }

    private static final class Bucket {

        private double tokens;
        private long refilledAt;

        Bucket(double capacity) {
            this.tokens = capacity;
            this.refilledAt = System.nanoTime();
        }

        synchronized long take(double perSecond, double capacity, long now) {
            tokens = Math.min(capacity, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }
    }
}

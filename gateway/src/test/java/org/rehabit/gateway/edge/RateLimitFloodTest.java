package org.rehabit.gateway.edge;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.rehabit.gateway.support.Downstreams;
import org.rehabit.gateway.support.GatewayTestBase;
import org.rehabit.gateway.support.Tokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A flood of distinct garbage tokens from one address, as the rate limiter sees them before any token is verified:
 * it keeps no more buckets than its bound, and the limits still hold afterwards. Tokens over the 8 KB header cap
 * are refused (431) before the limiter sees them at all. The per-address limit is set out of reach here so that every
 * token reaches the token limit (the worst case for its memory); RateLimitTest holds a flood to an address's limit.
 */
@QuarkusTest
@WithTestResource(Downstreams.class)
@TestProfile(RateLimitFloodTest.SmallBound.class)
class RateLimitFloodTest extends GatewayTestBase {

    static final int BOUND = 500;
    static final int FLOOD = 20_000;

    /** 10 requests per token (refilled at one a minute), an address limit out of reach, at most 500 buckets. */
    public static class SmallBound implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rehabit.rate-limit.per-token", "1", "rehabit.rate-limit.burst-seconds", "600",
                    "rehabit.rate-limit.per-address", "1000000", "rehabit.rate-limit.max-clients",
                    Integer.toString(BOUND));
        }
    }

    @Inject
    RateLimiter limiter;

    @TestHTTPResource("/api/v1/exercises/wall-slide")
    URI exercise;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Random random = new Random(15);

    @Test
    void twentyThousandDistinctGarbageTokensKeepTheBucketsWithinTheBoundAndTheLimitsStillHold() throws Exception {
        Downstreams.catalog().stubFor(get(urlEqualTo("/exercises/wall-slide")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"slug\":\"wall-slide\"}")));
        long largest = 0;
        for (int i = 0; i < FLOOD; i++) {
            assertEquals(401, send(garbageJwt(6 * 1024)), "a garbage token is refused");
            if (i % 1000 == 999) {
                largest = Math.max(largest, limiter.tokenBuckets());
            }
        }
        assertTrue(largest <= BOUND, "at most " + BOUND + " token buckets, kept " + largest);
        assertTrue(limiter.tokenBuckets() <= BOUND, "at most " + BOUND + " token buckets after the flood");
        assertEquals(1, limiter.addressBuckets(), "one address, one bucket");

        // a garbage token sent again and again is still held to its limit (10 at once)
        String repeated = garbageJwt(6 * 1024);
        for (int i = 0; i < 10; i++) {
            assertEquals(401, send(repeated));
        }
        assertEquals(429, send(repeated));

        // and so is a real token: its 10 requests reach the catalog, the 11th is refused at the edge
        String real = Tokens.token("after-the-flood", "physio", UUID.randomUUID(), null);
        for (int i = 0; i < 10; i++) {
            assertEquals(200, send(real));
        }
        assertEquals(429, send(real));
        Downstreams.catalog().verify(10, anyRequestedFor(anyUrl()));
    }

    @Test
    void aHeaderOverTheCapIsRefusedBeforeTheLimiterKeepsAnything() throws Exception {
        long before = limiter.tokenBuckets();
        for (int i = 0; i < 20; i++) {
            assertEquals(431, send(garbageJwt(16 * 1024)), "16 KB of headers: over the 8 KB cap");
        }
        assertEquals(before, limiter.tokenBuckets(), "no bucket for a refused header");
        Downstreams.catalog().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void somethingThatIsNoBearerJwtGetsNoTokenBucketOfItsOwn() throws Exception {
        long before = limiter.tokenBuckets();
        for (int i = 0; i < 50; i++) {
            HttpRequest request = HttpRequest.newBuilder(exercise)
                    .header("Authorization", "Basic " + UUID.randomUUID()).GET().build();
            assertEquals(401, http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        assertTrue(limiter.tokenBuckets() <= before, "no new token bucket for a header that is no bearer JWT");
    }

    private int send(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(exercise).header("Authorization", "Bearer " + token).GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Three base64url parts, about {@code size} characters in all, different every time. */
    private String garbageJwt(int size) {
        byte[] payload = new byte[size * 3 / 4];
        random.nextBytes(payload);
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(payload) + "." + encoder.encodeToString(new byte[32]);
    }
}

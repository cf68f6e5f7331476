package org.rehabit.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.rehabit.gateway.support.Downstreams;
import org.rehabit.gateway.support.GatewayTestBase;
import org.rehabit.gateway.support.Tokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A client that keeps its connection open or speaks HTTP/2 (as browsers and the JDK's client do) gets every answer on it, also after
 * a write or a read that timed out, was refused or failed: no answer leaves the connection stuck.
 */
@QuarkusTest
@WithTestResource(Downstreams.class)
class KeepAliveTest extends GatewayTestBase {

    @TestHTTPResource("/")
    URI gateway;

    /** HTTP/1.1 with keep-alive, and HTTP/2 (h2c, as the JDK's client speaks by default): both are used. */
    private HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void oneConnectionCarriesRequestAfterRequestWhateverBecameOfTheOneBefore() throws Exception {
        Downstreams.catalog().stubFor(get(urlEqualTo("/exercises/ok")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"slug\":\"ok\"}")));
        Downstreams.catalog().stubFor(get(urlEqualTo("/exercises/hung")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(5_000).withBody("{}")));
        Downstreams.session().stubFor(post(urlEqualTo("/patients/p/sessions")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"s\"}")));
        Downstreams.session().stubFor(post(urlEqualTo("/patients")).willReturn(aResponse().withStatus(201)
                .withFixedDelay(5_000).withBody("{}")));
        String token = Tokens.of("physio");
        for (int round = 0; round < 3; round++) {
            assertEquals(200, read("/api/v1/exercises/ok", token), "a read");
            assertEquals(201, write("/api/v1/patients/p/sessions", token), "a write");
            assertEquals(504, write("/api/v1/patients", token), "a write that timed out");
            assertEquals(200, read("/api/v1/exercises/ok", token), "a read after a timed-out write");
            assertEquals(201, write("/api/v1/patients/p/sessions", token), "a write after a timed-out write");
            assertEquals(503, read("/api/v1/exercises/hung", token), "a read that timed out");
            assertEquals(201, write("/api/v1/patients/p/sessions", token), "a write after a timed-out read");
            assertEquals(401, write("/api/v1/patients/p/sessions", "nope"), "a refused write");
            assertEquals(201, write("/api/v1/patients/p/sessions", token), "a write after a refused one");
            assertEquals(403, write("/api/v1/exercises", token), "a forbidden write");
            assertEquals(200, read("/api/v1/exercises/ok", token), "a read after a forbidden write");
        }
    }

    @Test
    void concurrentRequestsWhileTheServicesFailAreEachAnswered() throws Exception {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        Downstreams.catalog().stubFor(get(urlEqualTo("/exercises/ok")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"slug\":\"ok\"}")));
        String token = Tokens.of("physio");
        assertEquals(200, read("/api/v1/exercises/ok", token), "kept for later");
        Downstreams.catalog().stubFor(get(urlEqualTo("/exercises/ok")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody("{}")));
        Downstreams.session().stubFor(post(urlEqualTo("/patients")).willReturn(aResponse().withStatus(201)
                .withFixedDelay(5_000).withBody("{}")));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 60; i++) {
                boolean write = i % 3 == 0;
                answers.add(pool.submit(() -> write ? write("/api/v1/patients", token)
                        : read("/api/v1/exercises/ok", token)));
                Thread.sleep(50);
            }
            for (var answer : answers) {
                int status = answer.get();
                org.junit.jupiter.api.Assertions.assertTrue(status == 200 || status == 503 || status == 504,
                        "answered: " + status);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private int read(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private int write(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", "k").POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}

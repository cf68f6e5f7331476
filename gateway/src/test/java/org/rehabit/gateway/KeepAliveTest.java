package org.rehabit.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.rehabit.gateway.support.Downstreams;
import org.rehabit.gateway.support.GatewayTestBase;
import org.rehabit.gateway.support.Management;
import org.rehabit.gateway.support.Tokens;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that keeps its connection open gets every answer on it, also after a write or a read that timed out, was
 * refused or failed: no answer leaves the connection stuck. The gateway speaks HTTP/1.1 only (TLS and HTTP/2 are the
 * reverse proxy's): a client asking for HTTP/2 over plain TCP (h2c, as the JDK's client does by default) is answered
 * in HTTP/1.1 on the same connection.
 */
@QuarkusTest
@WithTestResource(Downstreams.class)
class KeepAliveTest extends GatewayTestBase {

    @TestHTTPResource("/")
    URI gateway;

    /** HTTP/1.1 with keep-alive; a test below asks for h2c as the JDK's client does by default. */
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

    @Test
    void aClientAskingForHttp2OverPlainTcpIsAnsweredInHttp11() throws Exception {
        Downstreams.session().stubFor(post(urlEqualTo("/patients/p/sessions")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"s\"}")));
        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build().send(
                HttpRequest.newBuilder(gateway.resolve("/api/v1/patients/p/sessions")).timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + Tokens.of("physio"))
                        .header("Content-Type", "application/json").header("Idempotency-Key", "h2c")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_1_1, answer.version(), "no upgrade to h2c");
        assertTrue(answer.statusCode() == 201 || answer.statusCode() == 503, "answered: " + answer.statusCode());
    }

    @Test
    void clientsThatDropTheirUploadHalfwayNeverOpenTheBreakerForEveryoneElse() throws Exception {
        Downstreams.session().stubFor(post(urlEqualTo("/patients/p/sessions")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"s\"}")));
        String token = Tokens.of("physio");
        // the test before may have left the session-service's breaker open: it closes again after 5 s and 3 writes
        long closing = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int inARow = 0;
        while (inARow < 3 && System.nanoTime() < closing) {
            inARow = write("/api/v1/patients/p/sessions", token) == 201 ? inARow + 1 : 0;
            if (inARow == 0) {
                Thread.sleep(500);
            }
        }
        assertEquals(3, inARow, "the session-service's breaker is closed before the uploads are dropped");
        Downstreams.session().resetRequests();
        long givenUpBefore = givenUp();
        int dropped = 30; // enough to open the breaker (20 calls judged, half failed) if they counted
        for (int i = 0; i < dropped; i++) {
            try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v1/patients/p/sessions HTTP/1.1\r\nHost: " + gateway.getHost() + "\r\n"
                        + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                        + "Idempotency-Key: k\r\nContent-Length: 1000\r\n\r\n{\"a\":").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } // closed with 995 bytes of the body still to come
        }
        // each dropped upload is given up, and gives its place in the service's bulkhead back (a client that leaves
        // must not hold one for good: 96 of them would shut everybody out)
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((givenUp() - givenUpBefore < dropped || running() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(dropped, givenUp() - givenUpBefore, "dropped uploads the gateway gave up");
        assertEquals(0, running(), "calls to the session-service still held open");
        assertEquals(201, write("/api/v1/patients/p/sessions", token), "a write after clients dropped theirs");
        Downstreams.session().verify(1, postRequestedFor(urlEqualTo("/patients/p/sessions"))
                .withRequestBody(equalToJson("{\"a\":1}")));
    }

    /** The calls in the session-service's bulkhead right now. */
    private static long running() {
        String metrics = Management.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher count = Pattern.compile("ft_bulkhead_executionsRunning\\{method=\"session\"} ([0-9.]+)").matcher(metrics);
        assertTrue(count.find(), "the session-service's bulkhead is measured");
        return (long) Double.parseDouble(count.group(1));
    }

    /** The gateway's calls to the session-service's sessions route that ended without any answer. */
    private static long givenUp() {
        String metrics = Management.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher count = Pattern.compile("http_client_requests_seconds_count\\{clientName=\"session\",method=\"POST\","
                + "outcome=\"UNKNOWN\",[^}]*uri=\"/patients/\\{id}/sessions\"} ([0-9.]+)").matcher(metrics);
        return count.find() ? (long) Double.parseDouble(count.group(1)) : 0;
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

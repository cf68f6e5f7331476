package org.rehabit.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.rehabit.gateway.support.Downstreams;
import org.rehabit.gateway.support.GatewayTestBase;
import org.rehabit.gateway.support.Tokens;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway behind a TLS-terminating reverse proxy that connects from 127.0.0.2 (REHABIT_TRUSTED_PROXIES here):
 * a browser's same-origin write ({@code Origin: https://rehabit.example}, forwarded as https) passes the CORS check,
 * and the proxy's X-Forwarded-For is the client address the rate limits count. The same headers from a client that
 * is not the proxy (127.0.0.1) are ignored: its https origin does not match the http request it really sent (403),
 * and a made-up X-Forwarded-For does not give it a fresh rate-limit bucket.
 */
@QuarkusTest
@WithTestResource(Downstreams.class)
@TestProfile(ReverseProxyTest.BehindAProxy.class)
class ReverseProxyTest extends GatewayTestBase {

    static final String PROXY = "127.0.0.2";

    /** The proxy's address trusted, and a per-address limit small enough to reach: 5 requests (3/min, 100 s burst). */
    public static class BehindAProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.trusted-proxies", PROXY,
                    "rehabit.rate-limit.per-address", "3", "rehabit.rate-limit.burst-seconds", "100");
        }
    }

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void aSameOriginWriteForwardedByTheProxyPassesAndFromAnyoneElseIsRefused() throws IOException {
        Downstreams.session().stubFor(post(urlEqualTo("/patients")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withHeader("Location", "http://localhost/patients/p1").withBody("{\"id\":\"p1\"}")));
        Map<String, String> browser = browserWrite("203.0.113.10");

        Answer viaProxy = send(PROXY, "POST", "/api/v1/patients", browser, "{\"displayName\":\"Nora\"}");
        assertEquals(201, viaProxy.status(), viaProxy::toString);

        Answer direct = send("127.0.0.1", "POST", "/api/v1/patients", browser, "{\"displayName\":\"Nora\"}");
        assertEquals(403, direct.status(), "an https origin on a plain http request from no proxy: " + direct);
        Downstreams.session().verify(1, postRequestedFor(urlEqualTo("/patients")));

        // another site's page is refused through the proxy too
        Map<String, String> evil = browserWrite("203.0.113.11");
        evil.put("Origin", "https://evil.example");
        Answer crossOrigin = send(PROXY, "POST", "/api/v1/patients", evil, "{\"displayName\":\"Nora\"}");
        assertEquals(403, crossOrigin.status(), crossOrigin::toString);
        Downstreams.session().verify(1, postRequestedFor(urlEqualTo("/patients")));
    }

    @Test
    void theRateLimitCountsTheForwardedAddressOnlyFromTheProxy() throws IOException {
        Downstreams.catalog().stubFor(get(urlEqualTo("/exercises/wall-slide")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"slug\":\"wall-slide\"}")));

        // two clients behind the proxy: each has its own bucket of 5
        List<Integer> first = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            first.add(send(PROXY, "GET", "/api/v1/exercises/wall-slide", forwardedFor("203.0.113.20"), null)
                    .status());
        }
        assertEquals(List.of(200, 200, 200, 200, 200, 429), first);
        assertEquals(200, send(PROXY, "GET", "/api/v1/exercises/wall-slide", forwardedFor("203.0.113.21"), null)
                .status(), "another client behind the same proxy is not limited by the first");

        // a direct client naming a new address each time still has one bucket: its own connection's
        List<Integer> spoofed = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            spoofed.add(send("127.0.0.1", "GET", "/api/v1/exercises/wall-slide",
                    forwardedFor("198.51.100." + (i + 1)), null).status());
        }
        assertTrue(spoofed.contains(429), "made-up X-Forwarded-For addresses share the sender's bucket: " + spoofed);
    }

    private static Map<String, String> browserWrite(String client) {
        Map<String, String> headers = forwardedFor(client);
        headers.put("Origin", "https://rehabit.example");
        headers.put("Content-Type", "application/json");
        return headers;
    }

    /** The headers nginx sets as docs/operations.md configures it, for a client at {@code client}. */
    private static Map<String, String> forwardedFor(String client) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "rehabit.example");
        headers.put("X-Forwarded-For", client);
        headers.put("X-Forwarded-Proto", "https");
        headers.put("X-Forwarded-Host", "rehabit.example");
        headers.put("X-Forwarded-Port", "443");
        headers.put("Authorization", "Bearer " + Tokens.of("physio"));
        return headers;
    }

    record Answer(int status, String text) {
    }

    /**
     * One HTTP/1.1 request on a connection from {@code from} (any 127.x address is this machine): the way to be the
     * proxy, or not, without a second machine.
     */
    private Answer send(String from, String method, String path, Map<String, String> headers, String body)
            throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), gateway.getPort()), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(Integer.parseInt(answer.substring(9, 12)), answer);
        }
    }
}

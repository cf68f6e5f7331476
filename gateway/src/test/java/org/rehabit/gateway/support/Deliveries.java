package org.rehabit.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** The denials the gateway delivered to the (stubbed) session-service's audit ingest endpoint. */
public final class Deliveries {

    public static final String PATH = "/audit/gateway-denials";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Deliveries() {
    }

    /** The session-service takes every delivery (204), as it does when all is well. */
    public static void accepted() {
        Downstreams.session().stubFor(post(urlPathEqualTo(PATH)).atPriority(1).willReturn(aResponse().withStatus(204)));
    }

    /** Every delivery request received so far. */
    public static List<LoggedRequest> requests() {
        return Downstreams.session().findAll(postRequestedFor(urlPathEqualTo(PATH)));
    }

    /** Every denial delivered so far (a denial tried again appears again). */
    public static List<JsonNode> denials() {
        List<JsonNode> denials = new ArrayList<>();
        for (LoggedRequest request : requests()) {
            try {
                JSON.readTree(request.getBodyAsString()).path("denials").forEach(denials::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return denials;
    }

    /** The delivered denial of the request with {@code requestId}, waiting for it up to 20 s (deliveries are async). */
    public static JsonNode awaitDenial(String requestId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            Optional<JsonNode> found = find(requestId);
            if (found.isPresent()) {
                return found.get();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("No denial with request id " + requestId + " was delivered within 20 s; delivered: "
                + denials());
    }

    public static Optional<JsonNode> find(String requestId) {
        return denials().stream().filter(d -> requestId.equals(d.path("requestId").asText())).findFirst();
    }
}

package org.rehabit.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.LocalToken;
import org.rehabit.devtools.Platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged gateway as production runs it (REHABIT_LOG_JSON=true, tracing on): a request whose downstream service
 * is unreachable is answered 503 and logged as one JSON object per line, carrying the request's id and the trace and
 * span ids of the caller's W3C trace — what an operator searches the logs by.
 */
class JsonLogsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aLogLineWrittenDuringARequestCarriesItsRequestTraceAndSpanIds() throws Exception {
        Path root = Path.of(System.getProperty("rehabit.root", "..")).toAbsolutePath().normalize();
        Path dataDir = Files.createTempDirectory("rehabit-json-logs");
        int gatewayPort = Platform.freePort();
        // the gateway alone: its downstream services are ports nobody listens on
        Platform.Service gateway = Platform.withEnv(Platform.services(Platform.freePort(), Platform.freePort(),
                gatewayPort), Map.of("REHABIT_LOG_JSON", "true", "REHABIT_TRACING_DISABLED", "false",
                // spans are exported nowhere reachable: the test is about the log lines, not the collector
                "REHABIT_OTLP_ENDPOINT", "http://localhost:" + Platform.freePort())).get(2);
        try (Platform platform = new Platform(root, dataDir, List.of(gateway))) {
            platform.start(new Platform.Database("jdbc:postgresql://localhost:1/none", "none", "", "none"));
            String requestId = "json-logs-" + UUID.randomUUID();
            String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
            String token = LocalToken.sign(dataDir, "physio-json", "physio", UUID.randomUUID(), null);
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + gatewayPort + "/api/v1/conditions"))
                    .header("Authorization", "Bearer " + token).header("X-Request-Id", requestId)
                    .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, answer.statusCode(), answer.body());

            Path log = platform.logFile(gateway);
            Optional<JsonNode> line = Optional.empty();
            for (int tries = 0; tries < 50 && line.isEmpty(); tries++) {
                line = Files.readAllLines(log).stream().filter(l -> l.startsWith("{")).map(JsonLogsIT::parse)
                        .filter(l -> l.path("mdc").path("requestId").asText().equals(requestId))
                        // the gateway's own line about the failed request (others, e.g. Micrometer's, may come first)
                        .filter(l -> l.path("message").asText().contains("/api/v1/conditions")).findFirst();
                if (line.isEmpty()) {
                    Thread.sleep(100);
                }
            }
            assertTrue(line.isPresent(), "a JSON line with the request id in " + Files.readString(log));
            JsonNode mdc = line.get().path("mdc");
            assertEquals(trace, mdc.path("traceId").asText(), line.get().toString());
            assertTrue(mdc.path("spanId").asText().matches("[0-9a-f]{16}"), line.get().toString());
            assertEquals("WARN", line.get().path("level").asText(), line.get().toString());
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}

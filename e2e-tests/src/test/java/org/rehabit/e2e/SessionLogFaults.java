package org.rehabit.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openqa.selenium.HasCapabilities;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults for the session-log POSTs a page sends, injected inside Chromium with the DevTools protocol's {@code Fetch}
 * domain: the page meets them exactly as it would from a proxy. A plain WebSocket client of the protocol (JDK and
 * Jackson only) rather than Selenium's DevTools classes, which exist only for the newest browser versions: Debian's
 * Chromium is often older, and the {@code Fetch} messages used here have been stable for years.
 */
final class SessionLogFaults implements AutoCloseable {

    enum Fault {
        /** The proxy answers with its HTML error page; the request never reaches the gateway. */
        HTML_502,
        /** The gateway stores the log, but the answer is lost and the proxy's HTML 502 arrives instead. */
        HTML_502_AFTER_STORING,
        /** The gateway stores the log, but the phone gets the 409 of a duplicate racing it. */
        CONFLICT_AFTER_STORING,
        /** A captive portal's sign-in page, HTML with 200; the request never reaches the gateway. */
        PORTAL_200,
        /** A 409 problem document; the request never reaches the gateway. */
        CONFLICT,
        /** A definite refusal, a 422 problem document; the request never reaches the gateway. */
        UNPROCESSABLE
    }

    private static final String SESSIONS = "*/api/v1/patients/*/sessions";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deque<Fault> once = new ConcurrentLinkedDeque<>();
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private final Map<String, Fault> afterResponse = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor();
    private final AtomicInteger ids = new AtomicInteger();
    private final WebSocket socket;
    private volatile Fault always;

    /** Attaches to the browser's page and pauses every request to a patient's sessions. */
    SessionLogFaults(WebDriver driver) {
        Object options = ((HasCapabilities) driver).getCapabilities().getCapability("goog:chromeOptions");
        String debugger = String.valueOf(((Map<?, ?>) options).get("debuggerAddress"));
        HttpClient http = HttpClient.newHttpClient();
        try {
            JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://" + debugger + "/json/list"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            String page = null;
            for (JsonNode target : targets) {
                if ("page".equals(target.path("type").asText())) {
                    page = target.path("webSocketDebuggerUrl").asText();
                    break;
                }
            }
            if (page == null) {
                throw new IllegalStateException("no page to attach to at " + debugger + ": " + targets);
            }
            socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new Listener()).join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        ObjectNode request = JSON.createObjectNode().put("urlPattern", SESSIONS).put("requestStage", "Request");
        ObjectNode response = JSON.createObjectNode().put("urlPattern", SESSIONS).put("requestStage", "Response");
        send("Fetch.enable", JSON.createObjectNode().set("patterns", JSON.createArrayNode().add(request).add(response)))
                .join();
    }

    /** Answers the next session-log POST with this fault (several calls: the next ones, in order). */
    void once(Fault fault) {
        once.add(fault);
    }

    /** Answers every session-log POST with this fault, until {@link #reset()}. */
    void always(Fault fault) {
        always = fault;
    }

    /** No more faults, and forgets the requests seen. */
    void reset() {
        once.clear();
        always = null;
        keys.clear();
    }

    /** The Idempotency-Key of every session-log POST since the last reset, in order. */
    List<String> keys() {
        return List.copyOf(keys);
    }

    /** What went wrong inside the interception (a log the gateway did not store when it should have). */
    List<String> problems() {
        return List.copyOf(problems);
    }

    private void paused(JsonNode event) {
        String id = event.path("requestId").asText();
        if (event.has("responseStatusCode") || event.has("responseErrorReason")) {
            Fault fault = afterResponse.remove(id);
            if (fault == null) {
                send("Fetch.continueRequest", JSON.createObjectNode().put("requestId", id));
                return;
            }
            int status = event.path("responseStatusCode").asInt();
            if (status != 201) {
                problems.add("the gateway answered " + status + " where it should have stored the log");
            }
            fulfil(id, fault == Fault.HTML_502_AFTER_STORING ? html502() : conflict(event));
            return;
        }
        JsonNode request = event.path("request");
        if (!"POST".equals(request.path("method").asText())) {
            send("Fetch.continueRequest", JSON.createObjectNode().put("requestId", id));
            return;
        }
        keys.add(header(request, "Idempotency-Key"));
        Fault fault = once.poll();
        if (fault == null) {
            fault = always;
        }
        if (fault == null) {
            send("Fetch.continueRequest", JSON.createObjectNode().put("requestId", id));
            return;
        }
        switch (fault) {
            case HTML_502 -> fulfil(id, html502());
            case PORTAL_200 -> fulfil(id, new Answer(200, "text/html", "<html><body><h1>Welcome to Café Wi-Fi</h1>"
                    + "<p>Accept the terms to go online.</p></body></html>"));
            case CONFLICT -> fulfil(id, conflict(event));
            case UNPROCESSABLE -> fulfil(id, problem(422, "Unprocessable", "Idempotency-Key '"
                    + header(request, "Idempotency-Key") + "' was already used for a different session; use a new key "
                    + "for a new session."));
            case HTML_502_AFTER_STORING, CONFLICT_AFTER_STORING -> {
                afterResponse.put(id, fault);
                send("Fetch.continueRequest", JSON.createObjectNode().put("requestId", id));
            }
        }
    }

    private static String header(JsonNode request, String name) {
        for (var fields = request.path("headers").fields(); fields.hasNext(); ) {
            var field = fields.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue().asText();
            }
        }
        return null;
    }

    private record Answer(int status, String contentType, String body) {
    }

    private static Answer html502() {
        return new Answer(502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body><center>"
                + "<h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>");
    }

    private static Answer conflict(JsonNode event) {
        return problem(409, "Conflict", "Another request with Idempotency-Key '"
                + header(event.path("request"), "Idempotency-Key") + "' is being stored right now; retry to get its "
                + "result.");
    }

    private static Answer problem(int status, String title, String detail) {
        ObjectNode body = JSON.createObjectNode().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail);
        return new Answer(status, "application/problem+json", body.toString());
    }

    private void fulfil(String id, Answer answer) {
        ObjectNode params = JSON.createObjectNode().put("requestId", id).put("responseCode", answer.status())
                .put("body", Base64.getEncoder().encodeToString(answer.body().getBytes(StandardCharsets.UTF_8)));
        params.putArray("responseHeaders").addObject().put("name", "Content-Type").put("value", answer.contentType());
        send("Fetch.fulfillRequest", params);
    }

    /** Sends one protocol command; one at a time, as a WebSocket requires, and never on the listener's thread. */
    private java.util.concurrent.CompletableFuture<Void> send(String method, ObjectNode params) {
        String message = JSON.createObjectNode().put("id", ids.incrementAndGet()).put("method", method)
                .<ObjectNode>set("params", params).toString();
        return java.util.concurrent.CompletableFuture.runAsync(() -> socket.sendText(message, true).join(), sender);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        sender.shutdown();
    }

    /** Reads the protocol's messages (which may arrive in parts) and acts on paused requests. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private static final Set<String> HANDLED = Set.of("Fetch.requestPaused");

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                try {
                    JsonNode node = JSON.readTree(message);
                    if (HANDLED.contains(node.path("method").asText())) {
                        paused(node.path("params"));
                    } else if (node.has("error")) {
                        problems.add("DevTools protocol error: " + node.path("error"));
                    }
                } catch (IOException | RuntimeException e) {
                    problems.add("cannot handle " + message + ": " + e);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}

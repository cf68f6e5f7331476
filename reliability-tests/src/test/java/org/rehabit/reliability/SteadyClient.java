package org.rehabit.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client at a steady rate (open model: requests go out on schedule whether or not earlier ones have answered),
 * as phones would: half of them log a session with a fresh Idempotency-Key, half read (the patient's current
 * program, composed with catalog content, and an exercise straight from the catalog). It records every answer's
 * status and time, which logs were acknowledged, and which must be retried.
 */
final class SteadyClient {

    /** A patient the client logs sessions for. */
    record Patient(String id, String token, String itemId) {
    }

    /**
     * One answer: when the request went out (ms since the client started), its status (0 = no answer), its time;
     * {@code blamed} is the service a 503 names ("catalog" or "session"), from its problem detail, or
     * "outcome-unknown" for a log the gateway sent but got no answer for (504/502 problem of that type).
     */
    record Answer(String kind, long sentAtMillis, int status, long millis, boolean degraded, boolean retryAfter,
                  String blamed) {
    }

    private static final Duration HANG = Duration.ofSeconds(30);

    private final String gateway;
    private final List<Patient> patients;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "steady-client-http");
                thread.setDaemon(true);
                return thread;
            })).build();
    private final ExecutorService senders = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "steady-client");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    /** Logs sent, by key: the patient and the body, so that a retry sends exactly the same request. */
    private final Map<String, String[]> logs = new ConcurrentHashMap<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicLong started = new AtomicLong();
    private ScheduledExecutorService ticker;

    SteadyClient(String gateway, List<Patient> patients) {
        this.gateway = gateway;
        this.patients = patients;
    }

    /** Starts sending {@code perSecond} requests a second. */
    void start(int perSecond) {
        answers.clear();
        started.set(System.nanoTime());
        ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(() -> senders.submit(this::next), 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    }

    void stop() throws InterruptedException {
        ticker.shutdownNow();
        ticker.awaitTermination(5, TimeUnit.SECONDS);
    }

    long elapsedMillis() {
        return (System.nanoTime() - started.get()) / 1_000_000;
    }

    List<Answer> answers() {
        synchronized (answers) {
            return List.copyOf(answers);
        }
    }

    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    Set<String> keys() {
        return Set.copyOf(logs.keySet());
    }

    private void next() {
        int n = sequence.getAndIncrement();
        Patient patient = patients.get(n % patients.size());
        switch (n % 4) {
            case 0, 2 -> log(patient);
            case 1 -> read("program", patient.token(), "/api/v1/patients/" + patient.id() + "/programs/current");
            default -> read("exercise", patient.token(), "/api/v1/exercises/shoulder-circles");
        }
    }

    private void log(Patient patient) {
        String key = UUID.randomUUID().toString();
        String body = """
                {"performedAt": "%s", "painBefore": 3, "painAfter": 2,
                 "items": [{"programItemId": "%s", "status": "DONE", "setsDone": 1, "repsDone": 10}]}"""
                .formatted(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).truncatedTo(ChronoUnit.SECONDS),
                        patient.itemId());
        logs.put(key, new String[]{patient.id(), patient.token(), body});
        sendLog(key, true);
    }

    /** Sends (or re-sends) the log with this key; answers its status (0 = no answer). */
    int sendLog(String key, boolean record) {
        String[] log = logs.get(key);
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/patients/" + log[0] + "/sessions"))
                .timeout(HANG).header("Authorization", "Bearer " + log[1]).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(log[2])).build();
        long sentAt = elapsedMillis();
        long start = System.nanoTime();
        int status = 0;
        boolean retryAfter = false;
        String blamed = null;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            retryAfter = response.headers().firstValue("Retry-After").isPresent();
            if (status == 201 || status == 200) {
                acknowledged.add(key);
            }
            if (response.body().contains("urn:rehabit:problem:outcome-unknown")) {
                blamed = "outcome-unknown";
            }
        } catch (HttpTimeoutException hang) {
            status = -1;
        } catch (Exception e) {
            status = 0;
        }
        if (record) {
            answers.add(new Answer("log", sentAt, status, (System.nanoTime() - start) / 1_000_000, false, retryAfter,
                    blamed));
        }
        return status;
    }

    /**
     * Sends the log with this key once more and answers whether the platform answered it as one it already holds
     * (2xx with {@code Idempotent-Replayed: true}), as a client retrying after a restore would see; {@code gatewayUrl}
     * is the platform's gateway now (a restored platform may listen elsewhere).
     */
    boolean replayed(String gatewayUrl, String key) throws IOException, InterruptedException {
        String[] log = logs.get(key);
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/v1/patients/" + log[0] + "/sessions"))
                .timeout(HANG).header("Authorization", "Bearer " + log[1]).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(log[2])).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() / 100 == 2
                && response.headers().firstValue("Idempotent-Replayed").orElse("").equals("true");
    }

    private void read(String kind, String token, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(HANG)
                .header("Authorization", "Bearer " + token).GET().build();
        long sentAt = elapsedMillis();
        long start = System.nanoTime();
        int status;
        boolean degraded = false;
        boolean retryAfter = false;
        String blamed = null;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            if (status == 503) {
                blamed = response.body().contains("exercise catalog") ? "catalog"
                        : response.body().contains("session service") ? "session" : null;
            }
            degraded = response.body().contains("\"degraded\":true") || response.headers().firstValue("Warning")
                    .isPresent();
            retryAfter = response.headers().firstValue("Retry-After").isPresent();
        } catch (HttpTimeoutException hang) {
            status = -1;
        } catch (Exception e) {
            status = 0;
        }
        answers.add(new Answer(kind, sentAt, status, (System.nanoTime() - start) / 1_000_000, degraded, retryAfter,
                blamed));
    }

    /** Answers counted by kind and status, e.g. {@code log 201=40, log 503=12}. */
    static String counts(List<Answer> answers) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Answer answer : answers) {
            counts.merge(answer.kind() + " " + answer.status() + (answer.degraded() ? " degraded" : ""), 1,
                    Integer::sum);
        }
        return counts.toString();
    }
}

package org.rehabit.reliability;

import org.rehabit.devtools.LocalToken;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reliability suites' set-up through the gateway, as a clinic does it: requests that retry while cold services
 * answer 503, and patients with the starter program assigned and its safety check confirmed, ready for a
 * {@link SteadyClient} to log sessions for.
 */
final class Clinic {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String gateway;

    Clinic(String gateway) {
        this.gateway = gateway;
    }

    /**
     * One request; fails unless its status is one of {@code expected}. On cold services a 503 (a first request slower
     * than the gateway waits) is retried for up to two minutes.
     */
    String call(String method, String path, String token, String body, int... expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        long deadline = System.currentTimeMillis() + 120_000;
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        while (response.statusCode() == 503 && System.currentTimeMillis() < deadline) {
            Thread.sleep(1_000);
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        int status = response.statusCode();
        assertTrue(Arrays.stream(expected).anyMatch(e -> e == status),
                method + " " + path + ": " + status + " " + response.body());
        return response.body();
    }

    /**
     * A physio ({@code physioToken}, of {@code clinic}) creates a patient and assigns the starter program; the
     * patient, with a token signed for {@code dataDir}'s installation, confirms its safety check. Answers the patient
     * with the first item of the program.
     */
    SteadyClient.Patient newPatient(Path dataDir, UUID clinic, String physioToken, String displayName)
            throws Exception {
        String id = field(call("POST", "/api/v1/patients", physioToken,
                "{\"displayName\":\"" + displayName + "\",\"timezone\":\"UTC\"}", 201), "id");
        String program = call("POST", "/api/v1/patients/" + id + "/programs", physioToken,
                "{\"template\":\"upper-back-pinched-nerve-starter\",\"sessionsPerWeek\":5}", 201, 409);
        if (program.contains("\"status\":409")) {
            // a first attempt timed out at the gateway but was stored: use that program
            program = call("GET", "/api/v1/patients/" + id + "/programs", physioToken, null, 200);
        }
        String token = LocalToken.sign(dataDir, "patient-" + id, "patient", clinic, UUID.fromString(id));
        call("POST", "/api/v1/patients/" + id + "/programs/" + field(program, "id") + "/safety-confirmation",
                token, null, 200, 409);
        String item = field(program.substring(program.indexOf("\"items\"")), "id");
        return new SteadyClient.Patient(id, token, item);
    }

    /** The first string value of {@code name} in {@code json}. */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    /** Waits (up to two minutes) until {@code size} reaches {@code count}; the caller asserts it did. */
    static void awaitAtLeast(IntSupplier size, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (size.getAsInt() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
    }
}

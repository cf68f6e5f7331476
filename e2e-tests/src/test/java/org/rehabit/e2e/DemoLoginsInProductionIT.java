package org.rehabit.e2e;

import org.junit.jupiter.api.Test;
import org.rehabit.devtools.Platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged gateway in the prod profile: with demo logins switched on it still issues no demo token (a 404
 * problem that says why, and a warning at start), and without an identity provider it refuses to start (it could
 * verify no token).
 */
class DemoLoginsInProductionIT {

    private static final Path ROOT = Path.of(System.getProperty("rehabit.root", "..")).toAbsolutePath().normalize();

    @Test
    void demoLoginsSwitchedOnInProductionAreRefusedWithAProblem() throws Exception {
        int port = Platform.freePort();
        int management = Platform.freePort();
        Path log = Files.createTempFile("gateway-prod", ".log");
        Process process = start(Map.of("REHABIT_DEMO_AUTH_ENABLED", "true",
                // a provider is configured (not reachable, which the gateway survives): only demo logins are wrong
                "REHABIT_OIDC_ISSUER", "http://localhost:" + Platform.freePort() + "/realms/rehabit"),
                port, management, log);
        try {
            HttpClient http = HttpClient.newHttpClient();
            awaitLive(http, process, management, log);
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/auth/token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"ada\",\"password\":\"demo\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, login.statusCode(), login.body());
            assertEquals("application/problem+json", login.headers().firstValue("Content-Type").orElse(""));
            assertTrue(login.body().contains("only in the dev, test and local profiles"), login.body());
            assertTrue(Files.readString(log).contains("rehabit.demo-auth.enabled=true is ignored in the prod profile"),
                    Files.readString(log));
        } finally {
            process.destroy();
            Platform.awaitStop(process);
        }
    }

    @Test
    void theGatewayWillNotStartInProductionWithoutAnIdentityProvider() throws Exception {
        Path log = Files.createTempFile("gateway-prod", ".log");
        Process process = start(Map.of(), Platform.freePort(), Platform.freePort(), log);
        try {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the gateway should stop by itself");
            assertNotEquals(0, process.exitValue());
            assertTrue(Files.readString(log).contains("Set REHABIT_OIDC_ISSUER to its issuer URL"),
                    Files.readString(log));
        } finally {
            process.destroyForcibly();
        }
    }

    private static Process start(Map<String, String> env, int port, int management, Path log) throws IOException {
        ProcessBuilder gateway = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                ROOT.resolve("gateway/target/quarkus-app/quarkus-run.jar").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        gateway.environment().remove("QUARKUS_PROFILE");
        gateway.environment().remove("REHABIT_OIDC_ISSUER");
        gateway.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        gateway.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(management));
        gateway.environment().putAll(env);
        return gateway.start();
    }

    private static void awaitLive(HttpClient http, Process process, int management, Path log) throws Exception {
        HttpRequest live = HttpRequest.newBuilder(URI.create("http://localhost:" + management + "/q/health/live"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            assertTrue(process.isAlive(), () -> "the gateway stopped: " + read(log));
            try {
                if (http.send(live, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the gateway did not start within 120 s: " + read(log));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(" + e.getMessage() + ")";
        }
    }
}

package org.rehabit.e2e;

import org.junit.jupiter.api.Test;
import org.rehabit.devtools.Platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged gateway refuses to start in the prod profile when demo logins are switched on, and when no identity
 * provider is configured (it could verify no token).
 */
class DemoLoginsInProductionIT {

    @Test
    void theGatewayWillNotStartWithDemoLoginsInProduction() throws Exception {
        assertRefusedToStart(Map.of("REHABIT_DEMO_AUTH_ENABLED", "true",
                // a provider is configured (not reachable, which the gateway survives): only demo logins are wrong
                "REHABIT_OIDC_ISSUER", "http://localhost:" + Platform.freePort() + "/realms/rehabit"),
                "refused in the prod profile");
    }

    @Test
    void theGatewayWillNotStartInProductionWithoutAnIdentityProvider() throws Exception {
        assertRefusedToStart(Map.of(), "Set REHABIT_OIDC_ISSUER to its issuer URL");
    }

    private static void assertRefusedToStart(Map<String, String> env, String message) throws Exception {
        Path root = Path.of(System.getProperty("rehabit.root", "..")).toAbsolutePath().normalize();
        Path log = Files.createTempFile("gateway-prod", ".log");
        ProcessBuilder gateway = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                root.resolve("gateway/target/quarkus-app/quarkus-run.jar").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        gateway.environment().remove("QUARKUS_PROFILE");
        gateway.environment().remove("REHABIT_OIDC_ISSUER");
        gateway.environment().put("QUARKUS_HTTP_PORT", Integer.toString(Platform.freePort()));
        gateway.environment().putAll(env);
        Process process = gateway.start();
        try {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the gateway should stop by itself");
            assertNotEquals(0, process.exitValue());
            assertTrue(Files.readString(log).contains(message), Files.readString(log));
        } finally {
            process.destroyForcibly();
        }
    }
}

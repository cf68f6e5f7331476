package org.rehabit.e2e;

import org.junit.jupiter.api.Test;
import org.rehabit.devtools.Platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged gateway refuses to start when demo logins are switched on in the prod profile. */
class DemoLoginsInProductionIT {

    @Test
    void theGatewayWillNotStartWithDemoLoginsInProduction() throws Exception {
        Path root = Path.of(System.getProperty("rehabit.root", "..")).toAbsolutePath().normalize();
        Path log = Files.createTempFile("gateway-prod", ".log");
        ProcessBuilder gateway = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                root.resolve("gateway/target/quarkus-app/quarkus-run.jar").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        gateway.environment().remove("QUARKUS_PROFILE");
        gateway.environment().put("QUARKUS_HTTP_PORT", Integer.toString(Platform.freePort()));
        gateway.environment().put("REHABIT_DEMO_AUTH_ENABLED", "true");
        Process process = gateway.start();
        try {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the gateway should stop by itself");
            assertNotEquals(0, process.exitValue());
            assertTrue(Files.readString(log).contains("refused in the prod profile"), Files.readString(log));
        } finally {
            process.destroyForcibly();
        }
    }
}

package org.rehabit.devtools;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Makes a service's AOT cache ({@code quarkus-app/app.aot}, Java 25 and later) from a real start: the packaged service
 * starts as {@link Platform} starts it (the shipped JVM options, the same JVM) on a throwaway embedded PostgreSQL with
 * an empty database (so its migrations run), becomes ready, answers a few requests (health, metrics, the OpenAPI
 * document, a request without a token), stops, and its JVM writes the cache as it exits. The pom's java25 profile runs
 * it after packaging each service, replacing the cache Quarkus recorded from a start that stops before it opens a
 * socket or a database: everything a real start loads after that point (Flyway, Hibernate's boot, the connection
 * pool, the HTTP servers, the health checks) then comes from the cache too (docs/performance.md).
 * <p>
 * Arguments: the service's module name, the repository root.
 */
public final class AotCacheTraining {

    static final String TRAINING_OUTPUT = "app.aot.training";

    private AotCacheTraining() {
    }

    public static void main(String[] args) throws Exception {
        String module = args[0];
        Path root = Path.of(args[1]).toAbsolutePath().normalize();
        if (Runtime.version().feature() < 25) {
            System.out.println("AOT cache training: Java " + Runtime.version().feature() + ", nothing to do");
            return;
        }
        Path app = root.resolve(module).resolve("target/quarkus-app");
        Path output = app.resolve(TRAINING_OUTPUT);
        Files.deleteIfExists(output);
        Platform.Service service = Platform.withEnv(
                        Platform.services(Platform.freePort(), Platform.freePort(), Platform.freePort()),
                        Map.of("REHABIT_DEMO_DATA_ENABLED", "false")).stream()
                .filter(s -> s.module().equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + module));
        Path dataDir = Files.createTempDirectory("rehabit-aot-training");
        long started = System.nanoTime();
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.ephemeral();
             Platform platform = new Platform(root, dataDir, List.of(service)).trainingAotCache(TRAINING_OUTPUT)) {
            platform.start(new Platform.Database(postgres.jdbcUrl("postgres"), postgres.user(), "",
                    "embedded PostgreSQL"));
            exercise(service);
        }
        if (!Files.isRegularFile(output) || Files.size(output) == 0) {
            throw new IllegalStateException("The training run of " + module + " wrote no AOT cache; see "
                    + dataDir.resolve("logs"));
        }
        Files.move(output, app.resolve(Platform.AOT_CACHE), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        // the keys and the log of the training run: kept above when it failed, for the error message
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        System.out.printf("AOT cache of %s trained by a real start: %s (%d MB) in %.1f s%n", module,
                app.resolve(Platform.AOT_CACHE), Files.size(app.resolve(Platform.AOT_CACHE)) >> 20,
                (System.nanoTime() - started) / 1e9);
    }

    /** What a prober, Prometheus and a first caller ask of a service just started. */
    private static void exercise(Platform.Service service) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (String url : List.of(service.managementUrl() + "/q/health/ready", service.managementUrl() + "/q/health/live",
                service.managementUrl() + "/q/health", service.managementUrl() + "/q/metrics",
                service.managementUrl() + "/q/openapi", service.baseUrl() + "/api/v1/exercises",
                service.baseUrl() + "/exercises")) {
            for (int i = 0; i < 3; i++) {
                try {
                    http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.discarding());
                } catch (java.io.IOException e) {
                    // an answer or none: only the code it ran matters here
                }
            }
        }
    }
}

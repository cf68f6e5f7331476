package org.rehabit.devtools;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The README's run command: starts every Rehabit service on one machine, each on its own database,
 * waits until all are ready, prints where they are, and stops them all on Ctrl-C.
 *
 * <p>By default the databases live in an embedded PostgreSQL whose data is kept under
 * {@code .data/postgres}, so a restart loses nothing. Given {@code --db-url} (or
 * {@code REHABIT_DB_URL}), the databases are created on that server instead.
 */
public final class Launcher {

    /** One line per service: adding a service to the local platform is adding a line here. */
    private static final List<Service> SERVICES = List.of(
            new Service("catalog-service", 8081, "catalog", Map.of()),
            new Service("session-service", 8082, "session",
                    Map.of("QUARKUS_REST_CLIENT_CATALOG_URL", "http://localhost:8081")),
            new Service("gateway", 8080, null, Map.of(
                    "QUARKUS_PROFILE", "local",
                    "QUARKUS_REST_CLIENT_CATALOG_URL", "http://localhost:8081",
                    "QUARKUS_REST_CLIENT_SESSION_URL", "http://localhost:8082",
                    "REHABIT_DEMO_AUTH_ENABLED", "true")));

    private static final int EMBEDDED_POSTGRES_PORT = 54329;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    /**
     * A service of the platform.
     *
     * @param database its own database, or null
     * @param env      settings of its own (e.g. where the services it calls are)
     */
    record Service(String module, int port, String database, Map<String, String> env) {
        String baseUrl() {
            return "http://localhost:" + port;
        }
    }

    private final Path root;
    private final Options options;
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;
    private EmbeddedPostgresServer embedded;

    private Launcher(Path root, Options options) {
        this.root = root;
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        // the embedded server's own chatter is not what someone starting the platform wants to read
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options options = Options.parse(args);
        Launcher launcher = new Launcher(Path.of("").toAbsolutePath(), options);
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stopAll, "rehabit-stop"));
        int exitCode = launcher.run();
        System.exit(exitCode);
    }

    private int run() throws Exception {
        Path logs = options.dataDir().resolve("logs");
        Files.createDirectories(logs);
        LocalKeys.ensure(options.dataDir());
        Database database = startDatabase();
        for (Service service : SERVICES) {
            processes.add(startService(service, database, logs));
        }
        for (int i = 0; i < SERVICES.size(); i++) {
            if (!awaitReady(SERVICES.get(i), processes.get(i), logs)) {
                return 1;
            }
        }
        printReady(database, logs);
        // Keep running until Ctrl-C, or until a service dies on its own.
        while (!stopping) {
            for (int i = 0; i < SERVICES.size() && !stopping; i++) {
                if (!processes.get(i).isAlive()) {
                    System.err.printf("%n%s stopped unexpectedly (exit %d); see %s%n", SERVICES.get(i).module(),
                            processes.get(i).exitValue(), logFile(logs, SERVICES.get(i)));
                    return 1;
                }
            }
            Thread.sleep(1000);
        }
        return 0;
    }

    private record Database(String adminUrl, String user, String password, String description) {
        String urlOf(String name) {
            return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
        }
    }

    private Database startDatabase() throws IOException {
        if (options.dbUrl() != null) {
            Database external = new Database(options.dbUrl(), options.dbUser(), options.dbPassword(),
                    "PostgreSQL at " + options.dbUrl());
            for (Service service : SERVICES) {
                if (service.database() != null) {
                    EmbeddedPostgresServer.ensureDatabase(external.adminUrl(), external.user(), external.password(),
                            service.database());
                }
            }
            return external;
        }
        Path dataDir = options.dataDir().resolve("postgres");
        Files.createDirectories(dataDir);
        System.out.printf("Starting embedded PostgreSQL (data in %s) ...%n", dataDir);
        embedded = EmbeddedPostgresServer.persistent(dataDir, EMBEDDED_POSTGRES_PORT);
        for (Service service : SERVICES) {
            if (service.database() != null) {
                embedded.ensureDatabase(service.database());
            }
        }
        return new Database(embedded.jdbcUrl("postgres"), embedded.user(), "",
                "embedded PostgreSQL on port " + embedded.port() + ", data in " + dataDir);
    }

    private Process startService(Service service, Database database, Path logs) throws IOException {
        Path jar = root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./rehabit run does)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(logs, service).toFile()));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(service.port()));
        env.put("REHABIT_JWT_PUBLIC_KEY", LocalKeys.publicKey(options.dataDir()).toUri().toString());
        env.put("REHABIT_JWT_ISSUER", LocalToken.ISSUER);
        env.put("REHABIT_JWT_AUDIENCE", LocalToken.AUDIENCE);
        env.put("REHABIT_DEMO_AUTH_PRIVATE_KEY", LocalKeys.privateKey(options.dataDir()).toString());
        env.putAll(service.env());
        if (service.database() != null) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", database.urlOf(service.database()));
            env.put("QUARKUS_DATASOURCE_USERNAME", database.user());
            env.put("QUARKUS_DATASOURCE_PASSWORD", database.password());
        }
        System.out.printf("Starting %s on port %d ...%n", service.module(), service.port());
        return builder.start();
    }

    private boolean awaitReady(Service service, Process process, Path logs) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                System.err.printf("%s exited during start-up (exit %d). Last lines of %s:%n%s%n", service.module(),
                        process.exitValue(), logFile(logs, service), tail(logFile(logs, service)));
                return false;
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        System.err.printf("%s was not ready within %ds; see %s%n", service.module(), READY_TIMEOUT.toSeconds(),
                logFile(logs, service));
        return false;
    }

    private void printReady(Database database, Path logs) {
        StringBuilder out = new StringBuilder("\nRehabit is running (Ctrl-C stops everything):\n");
        for (Service service : SERVICES) {
            out.append(String.format("  %-16s %s   (OpenAPI: %s/q/openapi, health: %s/q/health)%n", service.module(),
                    service.baseUrl(), service.baseUrl(), service.baseUrl()));
        }
        out.append("  database         ").append(database.description()).append('\n');
        out.append("  logs             ").append(logs).append('\n');
        out.append("  public API       http://localhost:8080/api/v1   (Swagger UI: http://localhost:8080/q/swagger-ui)\n");
        out.append("  demo logins      POST /auth/token {\"username\": \"physio.riverside\", \"password\": \"demo\"}\n");
        out.append("                   (also admin.riverside, ada, ben, physio.hillview, admin.hillview, cleo, editor)\n");
        out.append("  tokens           ./rehabit token physio   (demo clinic ").append(LocalToken.DEMO_CLINIC)
                .append(")\n");
        System.out.println(out);
    }

    private synchronized void stopAll() {
        if (stopping) {
            return;
        }
        stopping = true;
        System.out.println("\nStopping Rehabit ...");
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
        System.out.println("Stopped.");
    }

    private static Path logFile(Path logs, Service service) {
        return logs.resolve(service.module() + ".log");
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    record Options(Path dataDir, String dbUrl, String dbUser, String dbPassword) {
        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("--data-dir", env("REHABIT_DATA_DIR", ".data"));
            values.put("--db-url", env("REHABIT_DB_URL", null));
            values.put("--db-user", env("REHABIT_DB_USER", "postgres"));
            values.put("--db-password", env("REHABIT_DB_PASSWORD", ""));
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("-h") || arg.equals("--help")) {
                    usage(0);
                }
                String[] pair = arg.split("=", 2);
                if (!values.containsKey(pair[0])) {
                    System.err.println("Unknown option: " + arg);
                    usage(2);
                }
                if (pair.length == 2) {
                    values.put(pair[0], pair[1]);
                } else if (i + 1 < args.length) {
                    values.put(pair[0], args[++i]);
                } else {
                    System.err.println("Missing value for " + arg);
                    usage(2);
                }
            }
            return new Options(Path.of(values.get("--data-dir")).toAbsolutePath(), values.get("--db-url"),
                    values.get("--db-user"), values.get("--db-password"));
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }

        private static void usage(int exitCode) {
            System.out.println("""
                    Usage: ./rehabit run [--data-dir DIR] [--db-url JDBC_URL --db-user USER --db-password PASSWORD]

                      --data-dir     where the embedded PostgreSQL keeps its data and the services their logs
                                     (default .data; env REHABIT_DATA_DIR)
                      --db-url       use this PostgreSQL server instead of the embedded one: the JDBC URL of a
                                     database the user can connect to, e.g. jdbc:postgresql://db:5432/postgres;
                                     one database per service is created there if missing (env REHABIT_DB_URL)
                      --db-user      (env REHABIT_DB_USER, default postgres)
                      --db-password  (env REHABIT_DB_PASSWORD)
                    """);
            System.exit(exitCode);
        }
    }
}

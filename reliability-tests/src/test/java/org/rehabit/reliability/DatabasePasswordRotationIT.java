package org.rehabit.reliability;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rehabit.devtools.EmbeddedPostgresServer;
import org.rehabit.devtools.LocalToken;
import org.rehabit.devtools.Platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database password rotated as docs/operations.md says ("Passwords after the first start"), on a PostgreSQL that
 * checks passwords as a production server does (scram-sha-256 over TCP; the embedded server trusts everyone until
 * this test rewrites its pg_hba.conf): the roles and databases made by the init script, the packaged service
 * running on its own role; the role's password changed with the documented psql statement; the running service
 * goes on answering from its open connections while a new connection with the old password is refused; the service
 * restarted with the old password refuses to start and says why; restarted with the new one it serves the same data.
 */
class DatabasePasswordRotationIT {

    private static final Path ROOT = Commands.ROOT;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> FIRST_PASSWORDS = Map.of(
            "catalog", "catalog-" + UUID.randomUUID(), "session", "session-" + UUID.randomUUID());

    private static EmbeddedPostgresServer postgres;
    private static Path dataDir;

    @BeforeAll
    static void server() throws Exception {
        dataDir = Files.createTempDirectory("rehabit-rotation");
        postgres = EmbeddedPostgresServer.ephemeral();
        Commands.initDatabases(postgres.port(), FIRST_PASSWORDS);
        // passwords checked over TCP for every role but the administrator (the test's own psql and JDBC admin)
        try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), "");
             var statement = admin.createStatement()) {
            var rs = statement.executeQuery("SHOW hba_file");
            rs.next();
            Files.writeString(Path.of(rs.getString(1)), """
                    local all all trust
                    host all postgres 127.0.0.1/32 trust
                    host all postgres ::1/128 trust
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """);
            statement.execute("SELECT pg_reload_conf()");
        }
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @ParameterizedTest
    @CsvSource({"catalog-service, catalog, /exercises?size=1", "session-service, session, /patients?size=1"})
    void aRotatedPasswordKeepsTheServiceRunningAndIsTheOnlyOneThatStartsIt(String module, String role, String read)
            throws Exception {
        String oldPassword = FIRST_PASSWORDS.get(role);
        assertRefused(role, "not-the-password"); // the server really checks passwords
        Platform.Service service = Platform.services(Platform.freePort(), Platform.freePort(), Platform.freePort())
                .stream().filter(s -> s.module().equals(module)).findFirst().orElseThrow();
        Platform.Database admin = new Platform.Database(postgres.jdbcUrl("postgres"), postgres.user(), "",
                "embedded PostgreSQL");

        String before;
        String token;
        String newPassword = "rotated-" + UUID.randomUUID();
        try (Platform running = platform(service, role, oldPassword)) {
            running.start(admin);
            token = LocalToken.sign(dataDir, "physio-rotation", "physio", UUID.randomUUID(), null);
            before = read(service, read, token);

            // docs/operations.md: echo "ALTER ROLE catalog PASSWORD :'pw'" | psql -U postgres -v ON_ERROR_STOP=1 -v pw=…
            Commands.run(List.of("psql", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-v", "pw=" + newPassword),
                    Map.of("PGHOST", "localhost", "PGPORT", Integer.toString(postgres.port())),
                    "ALTER ROLE " + role + " PASSWORD :'pw'\n");

            assertRefused(role, oldPassword);
            assertAccepted(role, newPassword);
            // open connections were checked when they opened: the running service goes on answering
            assertEquals(before, read(service, read, token), "the running service after the password changed");
        }

        try (Platform stale = platform(service, role, oldPassword)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> stale.start(admin));
            assertTrue(refused.getMessage().contains("exited during start-up"), refused.getMessage());
            assertTrue(refused.getMessage().contains("password authentication failed for user \"" + role + "\""),
                    refused.getMessage());
        }

        try (Platform rotated = platform(service, role, newPassword)) {
            rotated.start(admin);
            assertEquals(before, read(service, read, token), "the service restarted with the new password");
        }
    }

    /** {@code service} alone, on its own role with {@code password}, as Compose runs it. */
    private static Platform platform(Platform.Service service, String role, String password) throws Exception {
        Map<String, String> env = new HashMap<>(service.env());
        env.put("QUARKUS_DATASOURCE_USERNAME", role);
        env.put("QUARKUS_DATASOURCE_PASSWORD", password);
        Platform.Service own = new Platform.Service(service.module(), service.port(), service.managementPort(),
                service.database(), env);
        return new Platform(ROOT, dataDir, List.of(own)); // one folder: the same keys (token) and log file
    }

    /** A read that needs the database, answered 200; its body. */
    private static String read(Platform.Service service, String path, String token) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body();
    }

    private static void assertRefused(String role, String password) {
        SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                postgres.jdbcUrl(role), role, password).close());
        assertEquals("28P01", refused.getSQLState(), refused.getMessage()); // invalid_password
    }

    private static void assertAccepted(String role, String password) throws SQLException {
        DriverManager.getConnection(postgres.jdbcUrl(role), role, password).close();
    }

}

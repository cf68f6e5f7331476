package org.rehabit.e2e;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.rehabit.devtools.EmbeddedPostgresServer;
import org.rehabit.devtools.LocalToken;
import org.rehabit.devtools.Platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * The whole platform for the end-to-end suite, started once per test JVM: a fresh embedded PostgreSQL,
 * the three packaged services as processes on free ports, and tokens signed with the installation's key
 * (as the clinic's OpenID Connect provider would sign them). Tests talk to the gateway only.
 */
final class RunningPlatform {

    /**
     * The address the suite's TLS proxy (nginx in {@link ReverseProxyIT}) connects to the gateway from: the gateway
     * runs with the Compose file's proxy settings — this as its one trusted proxy, no CORS origins — so requests the
     * tests send straight from 127.0.0.1 are a client's, never the proxy's.
     */
    static final String PROXY_ADDRESS = "127.0.0.2";

    private static RunningPlatform instance;

    private final Path dataDir;
    private final int gatewayPort;
    private final EmbeddedPostgresServer postgres;

    private RunningPlatform(Path dataDir, int gatewayPort, EmbeddedPostgresServer postgres) {
        this.dataDir = dataDir;
        this.gatewayPort = gatewayPort;
        this.postgres = postgres;
    }

    static synchronized RunningPlatform get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static RunningPlatform start() {
        try {
            Path root = Path.of(System.getProperty("rehabit.root", "..")).toAbsolutePath().normalize();
            Path dataDir = Files.createTempDirectory("rehabit-e2e");
            // a server of its own in a temporary folder: never the databases of ./rehabit run or of other tests
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.ephemeral();
            requireChosenPostgres(postgres.version());
            int gateway = Platform.freePort();
            // Cold services on a shared 2-core CI machine can take seconds for a first request: the suite is
            // about behaviour, so it gives them room (timeouts themselves are tested in the gateway's tests).
            Platform platform = new Platform(root, dataDir, Platform.withEnv(
                    Platform.services(Platform.freePort(), Platform.freePort(), gateway),
                    Map.of("REHABIT_DOWNSTREAM_READ_TIMEOUT_MS", "20000", "REHABIT_DOWNSTREAM_WRITE_TIMEOUT_MS", "20000",
                            "REHABIT_CATALOG_TIMEOUT_MS", "20000",
                            "REHABIT_TRUSTED_PROXIES", PROXY_ADDRESS, "REHABIT_CORS_ORIGINS", "",
                            "REHABIT_ACCESS_LOG", "true")));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                platform.close();
                postgres.close();
            }, "e2e-platform-stop"));
            platform.start(new Platform.Database(postgres.jdbcUrl("postgres"), postgres.user(), "",
                    "embedded PostgreSQL"));
            return new RunningPlatform(dataDir, gateway, postgres);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The suite runs on the PostgreSQL major the build chose ({@code -P oldest-postgres}: 15), or fails at once. */
    private static void requireChosenPostgres(String version) {
        String binaries = System.getProperty("rehabit.postgres.binaries");
        if (binaries != null && !version.startsWith(binaries.substring(0, binaries.indexOf('.') + 1))) {
            throw new IllegalStateException("PostgreSQL " + version + " started, but the build chose " + binaries);
        }
    }

    /** The gateway's base URL, for tests that need a raw HTTP client (bytes that are not UTF-8, any header). */
    String gatewayUrl() {
        return "http://localhost:" + gatewayPort;
    }

    /** A JDBC connection to one service's database ({@code catalog}, {@code session}), to check what is stored. */
    java.sql.Connection database(String name) throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(postgres.jdbcUrl(name), postgres.user(), "");
    }

    /** The installation's data folder: its signing key, for tokens a test shapes itself (an expired one). */
    Path dataDir() {
        return dataDir;
    }

    /** Where the three services write their logs (one file each). */
    Path logs() {
        return dataDir.resolve("logs");
    }

    /** A request to the gateway. */
    RequestSpecification api() {
        return RestAssured.given().baseUri("http://localhost").port(gatewayPort);
    }

    /** A request to the gateway as the holder of {@code token}. */
    RequestSpecification as(String token) {
        return api().auth().oauth2(token);
    }

    /** The installation's audit ingest key, which the gateway and the session-service share. */
    String auditIngestKey() {
        return org.rehabit.devtools.LocalKeys.auditIngestKey(dataDir);
    }

    String token(String subject, String role, UUID clinic, UUID patient) {
        return LocalToken.sign(dataDir, subject, role, clinic, patient);
    }

    String tokenFrom(String issuer, String audience, String role, UUID clinic) {
        return LocalToken.sign(dataDir, "stranger", role, clinic, null, issuer, audience);
    }

    String staff(String role, UUID clinic) {
        return token(role + "-" + clinic.toString().substring(0, 8), role, clinic, null);
    }

    String patient(UUID clinic, UUID patient) {
        return token("patient-" + patient, "patient", clinic, patient);
    }

    String editor() {
        return token("editor-e2e", "content-editor", UUID.randomUUID(), null);
    }
}

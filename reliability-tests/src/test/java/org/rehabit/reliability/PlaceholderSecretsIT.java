package org.rehabit.reliability;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rehabit.devtools.EmbeddedPostgresServer;
import org.rehabit.devtools.Platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each packaged service, started as in production with a placeholder secret (a {@code change-me-...} value, as an
 * operator might type in before choosing a real one; .env.example leaves its secrets empty) or a short one, refuses
 * to start and says which variable is wrong.
 */
class PlaceholderSecretsIT {

    private static Path dataDir;
    private static EmbeddedPostgresServer postgres;

    @BeforeAll
    static void database() throws Exception {
        dataDir = Files.createTempDirectory("rehabit-secrets");
        postgres = EmbeddedPostgresServer.ephemeral();
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @ParameterizedTest
    @CsvSource({
            "catalog-service, QUARKUS_DATASOURCE_PASSWORD, change-me-catalog, is a placeholder",
            "session-service, QUARKUS_DATASOURCE_PASSWORD, change-me-session, is a placeholder",
            "session-service, REHABIT_AUDIT_INGEST_KEY, change-me-audit-ingest-key, is a placeholder",
            "gateway, REHABIT_AUDIT_INGEST_KEY, change-me-audit-ingest-key, is a placeholder",
            "gateway, REHABIT_AUDIT_INGEST_KEY, short-key, is too short"})
    void aServiceRefusesToStartWithAPlaceholderOrShortSecret(String module, String variable, String value,
                                                             String complaint) throws Exception {
        Path root = Path.of(System.getProperty("rehabit.root", "..")).toAbsolutePath().normalize();
        Platform.Service service = Platform.services(Platform.freePort(), Platform.freePort(), Platform.freePort())
                .stream().filter(s -> s.module().equals(module)).findFirst().orElseThrow();
        List<Platform.Service> one = Platform.withEnv(List.of(service), Map.of(variable, value));
        try (Platform platform = new Platform(root, Files.createTempDirectory(dataDir, module), one)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> platform.start(
                    new Platform.Database(postgres.jdbcUrl("postgres"), postgres.user(), "", "embedded PostgreSQL")));
            assertTrue(refused.getMessage().contains("exited during start-up"), refused.getMessage());
            assertTrue(refused.getMessage().contains(variable + " " + complaint), refused.getMessage());
        }
    }
}

package org.rehabit.reliability;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.LocalToken;
import org.rehabit.devtools.Platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Compose backup and the documented restore (docs/operations.md, "Backups and recovery"), run for real: the
 * three packaged services on a PostgreSQL whose roles and databases the init script made; a client logs sessions
 * through the gateway while {@code deploy/compose/backup.sh once} (the backup service's own script) dumps both
 * databases. The server is then thrown away; a new one gets the init script and the documented {@code pg_restore}
 * commands, the services start on it, and every log acknowledged before the dump began is there and is answered
 * as already stored when the client sends it again.
 * <p>
 * pg_dump and pg_restore are the machine's (Debian's {@code postgresql-client}); the server is the embedded
 * PostgreSQL of the same major ({@code backup.postgres.binaries}), since pg_dump refuses a newer server.
 */
class BackupRestoreIT {

    private static final Path ROOT = Commands.ROOT;
    private static final Map<String, String> PASSWORDS = Map.of(
            "catalog", "catalog-" + UUID.randomUUID(), "session", "session-" + UUID.randomUUID());

    private final List<AutoCloseable> running = new ArrayList<>();
    private String gateway;

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    void aDumpTakenWhileSessionsAreLoggedRestoresEveryAcknowledgedLog() throws Exception {
        Path dataDir = Files.createTempDirectory("rehabit-backup");
        Path backups = Files.createDirectories(dataDir.resolve("backups"));

        EmbeddedPostgres first = server();
        initDatabases(first);
        Platform platform = platform(dataDir, first);
        List<SteadyClient.Patient> patients = patients(dataDir);
        SteadyClient client = new SteadyClient(gateway, patients);
        client.start(10);
        Clinic.awaitAtLeast(() -> client.acknowledged().size(), 5);
        Set<String> acknowledgedBeforeTheDump = client.acknowledged();
        // the backup service's script, as its container runs it, while the client goes on logging
        run(List.of("sh", ROOT.resolve("deploy/compose/backup.sh").toString(), "once"), Map.of(
                "PGHOST", "localhost", "PGPORT", Integer.toString(first.getPort()), "PGUSER", "postgres",
                "BACKUP_DIR", backups.toString()));
        Thread.sleep(1_000);
        client.stop();
        platform.close();
        first.close();
        assertTrue(acknowledgedBeforeTheDump.size() >= 5, "logs acknowledged before the dump: "
                + acknowledgedBeforeTheDump.size());

        Path backup;
        try (Stream<Path> made = Files.list(backups)) {
            List<Path> complete = made.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            assertEquals(1, complete.size(), "one complete backup folder: " + complete);
            backup = complete.get(0);
        }

        // a new server (a new volume): the init script makes roles and databases, then the documented restore
        EmbeddedPostgres second = server();
        initDatabases(second);
        for (String database : List.of("catalog", "session")) {
            // docs/operations.md: docker compose run --rm --entrypoint pg_restore backup --clean --if-exists
            // --dbname=<database> /backups/<run>/<database>.dump (PGHOST, PGUSER: the backup service's)
            run(List.of("pg_restore", "--clean", "--if-exists", "--dbname=" + database,
                    backup.resolve(database + ".dump").toString()), Map.of("PGHOST", "localhost", "PGPORT",
                    Integer.toString(second.getPort()), "PGUSER", "postgres"));
        }
        platform(dataDir, second);

        Set<String> stored = storedKeys(second, acknowledgedBeforeTheDump);
        Set<String> missing = new HashSet<>(acknowledgedBeforeTheDump);
        missing.removeAll(stored);
        assertEquals(Set.of(), missing, "acknowledged logs missing after the restore");
        // the client's own copies of the requests, sent again with their keys: each is one the platform holds
        Set<String> notReplayed = new HashSet<>();
        for (String key : acknowledgedBeforeTheDump) {
            if (!client.replayed(gateway, key)) {
                notReplayed.add(key);
            }
        }
        assertEquals(Set.of(), notReplayed, "logs the restored platform did not answer as already stored");
        // and it takes new ones
        SteadyClient after = new SteadyClient(gateway, patients);
        after.start(5);
        Thread.sleep(2_000);
        after.stop();
        assertTrue(!after.acknowledged().isEmpty(), "the restored platform acknowledges new logs");
    }

    /** An embedded PostgreSQL of the machine's pg_dump major, as a throwaway server. */
    private EmbeddedPostgres server() throws IOException {
        Path jar = Path.of(System.getProperty("backup.postgres.binaries.jar", "missing"));
        assertTrue(Files.isRegularFile(jar), "PostgreSQL binaries for the backup test: " + jar);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPgBinaryResolver((system, machine) -> {
                    ZipFile zip = new ZipFile(jar.toFile());
                    // the artifact holds one archive, of its one platform (linux-amd64: postgres-linux-x86_64.txz)
                    InputStream in = zip.getInputStream(zip.stream().filter(e -> e.getName().endsWith(".txz"))
                            .findFirst().orElseThrow());
                    return new java.io.FilterInputStream(in) {
                        @Override
                        public void close() throws IOException {
                            super.close();
                            zip.close();
                        }
                    };
                })
                .setServerConfig("max_connections", "300")
                .start();
        running.add(postgres);
        return postgres;
    }

    /** The init script the Compose PostgreSQL runs on its first start: the roles catalog and session, their databases. */
    private static void initDatabases(EmbeddedPostgres postgres) throws Exception {
        Commands.initDatabases(postgres.getPort(), PASSWORDS);
    }

    /** The three services on {@code postgres}, each with its own role, as in Compose. */
    private Platform platform(Path dataDir, EmbeddedPostgres postgres) throws Exception {
        int gatewayPort = Platform.freePort();
        Platform platform = new Platform(ROOT, dataDir, Commands.onOwnRoles(gatewayPort, PASSWORDS,
                database -> "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database));
        running.add(platform);
        platform.start(new Platform.Database("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                "postgres", "", "embedded PostgreSQL"));
        gateway = "http://localhost:" + gatewayPort;
        return platform;
    }

    private List<SteadyClient.Patient> patients(Path dataDir) throws Exception {
        UUID clinic = UUID.randomUUID();
        String physio = LocalToken.sign(dataDir, "physio-backup", "physio", clinic, null);
        Clinic setUp = new Clinic(gateway);
        List<SteadyClient.Patient> patients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            patients.add(setUp.newPatient(dataDir, clinic, physio, "Backup " + i));
        }
        return patients;
    }

    private static Set<String> storedKeys(EmbeddedPostgres postgres, Set<String> keys) throws Exception {
        Set<String> stored = new HashSet<>();
        try (Connection connection = postgres.getDatabase("postgres", "session").getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT DISTINCT idempotency_key FROM session_log WHERE idempotency_key = ANY (?)")) {
            query.setArray(1, connection.createArrayOf("varchar", keys.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
        }
        return stored;
    }

    /** Runs a command to its end (output printed); fails with its output unless it exits 0. */
    private static void run(List<String> command, Map<String, String> env) throws Exception {
        System.out.println("$ " + String.join(" ", command) + "\n" + Commands.run(command, env, null));
    }
}

package org.rehabit.reliability;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rehabit.devtools.EmbeddedPostgresServer;
import org.rehabit.devtools.LocalToken;
import org.rehabit.devtools.Platform;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The services behind PgBouncer in transaction mode, as the Kubernetes default runs them (CloudNativePG's Pooler,
 * deploy/kubernetes/database/cloudnative-pg/pooler.yaml): Debian's PgBouncer between the three packaged services and
 * PostgreSQL, three server connections per database shared by every client connection, so consecutive transactions
 * of one service connection land on different server connections. Session state (a {@code SET}, a session advisory
 * lock, a {@code LISTEN}) would leak to other clients or be lost there; the services keep none. The migrations run
 * through the pooler at start; a clinic's day (register, assign, confirm, log, read) and typo-tolerant searches
 * (whose pg_trgm threshold is set per transaction) then run while a steady client logs sessions and reads.
 * <p>
 * Debian 12's PgBouncer (1.18) predates protocol-level prepared statements in transaction mode
 * ({@code max_prepared_statements}, 1.21, which the Pooler sets): here the JDBC driver is told not to prepare on
 * the server ({@code prepareThreshold=0}).
 */
class PoolerIT {

    private static final Map<String, String> PASSWORDS = Map.of(
            "catalog", "catalog-" + UUID.randomUUID(), "session", "session-" + UUID.randomUUID());

    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    void aClinicsDayAndTypoSearchesRunThroughAPoolerInTransactionMode() throws Exception {
        Path dataDir = Files.createTempDirectory("rehabit-pooler");
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.ephemeral();
        running.add(postgres);
        Commands.initDatabases(postgres.port(), PASSWORDS);
        int pooler = startPgBouncer(dataDir.resolve("pgbouncer"), postgres.port());

        int gatewayPort = Platform.freePort();
        // the pooler's own driver setting: see the class comment
        List<Platform.Service> services = Commands.onOwnRoles(gatewayPort, PASSWORDS,
                database -> "jdbc:postgresql://localhost:" + pooler + "/" + database + "?prepareThreshold=0");
        Platform platform = new Platform(Commands.ROOT, dataDir, services);
        running.add(platform);
        // the migrations run through the pooler as the services start
        platform.start(new Platform.Database(postgres.jdbcUrl("postgres"), postgres.user(), "",
                "embedded PostgreSQL"));
        String gateway = "http://localhost:" + gatewayPort;

        UUID clinic = UUID.randomUUID();
        String physio = LocalToken.sign(dataDir, "physio-pooler", "physio", clinic, null);
        Clinic setUp = new Clinic(gateway);
        List<SteadyClient.Patient> patients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            patients.add(setUp.newPatient(dataDir, clinic, physio, "Pooled " + i));
        }

        SteadyClient client = new SteadyClient(gateway, patients);
        client.start(20);
        for (int i = 0; i < 20; i++) {
            // a dropped letter: found only at the threshold the search's own transaction sets (pg_trgm's default
            // 0.6 misses it), whichever server connection the transaction gets
            String typo = setUp.call("GET", "/api/v1/exercises?size=5&q=sholder", physio, null, 200);
            assertFalse(typo.contains("\"total\":0"), "a typo search found nothing: " + typo);
            setUp.call("GET", "/api/v1/exercises?size=5&q=stretch", physio, null, 200);
        }
        Thread.sleep(2_000);
        client.stop();
        Thread.sleep(1_000);

        List<SteadyClient.Answer> answers = client.answers();
        assertTrue(answers.size() >= 40, "answers: " + answers.size());
        List<SteadyClient.Answer> failed = answers.stream().filter(a -> a.status() < 200 || a.status() >= 300)
                .toList();
        assertEquals(List.of(), failed, "every request through the pooler answered 2xx");
        assertFalse(client.acknowledged().isEmpty(), "sessions were logged");
        String progress = setUp.call("GET", "/api/v1/patients/" + patients.get(0).id() + "/progress", physio,
                null, 200);
        assertTrue(progress.contains("\"sessionsDone\":") && !progress.contains("\"sessionsDone\":0,"), progress);
    }

    /**
     * Debian's PgBouncer on a free port in front of {@code postgresPort}: transaction pooling, three server
     * connections per database and role, clients checked with scram-sha-256 against their passwords.
     */
    private int startPgBouncer(Path dir, int postgresPort) throws Exception {
        Files.createDirectories(dir);
        int port = Platform.freePort();
        StringBuilder users = new StringBuilder();
        PASSWORDS.forEach((user, password) -> users.append('"').append(user).append("\" \"").append(password)
                .append("\"\n"));
        Files.writeString(dir.resolve("userlist.txt"), users);
        Files.writeString(dir.resolve("pgbouncer.ini"), """
                [databases]
                catalog = host=127.0.0.1 port=%1$d dbname=catalog
                session = host=127.0.0.1 port=%1$d dbname=session

                [pgbouncer]
                listen_addr = 127.0.0.1
                listen_port = %2$d
                unix_socket_dir =
                auth_type = scram-sha-256
                auth_file = %3$s/userlist.txt
                pool_mode = transaction
                default_pool_size = 3
                max_client_conn = 400
                ignore_startup_parameters = extra_float_digits,options
                logfile = %3$s/pgbouncer.log
                pidfile = %3$s/pgbouncer.pid
                """.formatted(postgresPort, port, dir));
        List<String> command = new ArrayList<>(List.of("/usr/sbin/pgbouncer"));
        if ("root".equals(System.getProperty("user.name"))) {
            // PgBouncer will not run as root: as the postgres user, who owns its directory (it writes its log and
            // pid there) and may only pass through the directories above it
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName("postgres");
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.setOwner(file, postgres);
                }
            }
            Files.setOwner(dir, postgres);
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            for (Path p = dir.getParent(); p != null && p.startsWith(tmp) && !p.equals(tmp); p = p.getParent()) {
                Set<PosixFilePermission> permissions = new HashSet<>(Files.getPosixFilePermissions(p));
                permissions.add(PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(p, permissions);
            }
            command.addAll(List.of("-u", "postgres"));
        }
        command.add(dir.resolve("pgbouncer.ini").toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("pgbouncer.out").toFile()).start();
        running.add(() -> {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        });
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            assertTrue(process.isAlive(), "PgBouncer stopped: " + Files.readString(dir.resolve("pgbouncer.out"))
                    + (Files.exists(dir.resolve("pgbouncer.log")) ? Files.readString(dir.resolve("pgbouncer.log"))
                    : ""));
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return port;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("PgBouncer did not listen on " + port);
    }

}

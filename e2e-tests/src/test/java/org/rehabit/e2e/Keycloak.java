package org.rehabit.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.rehabit.devtools.Platform;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A real OpenID Connect provider for the end-to-end suite: Keycloak's Quarkus distribution (unpacked from Maven Central
 * by this module's build into {@code target/keycloak}) started as a process in development mode on a free port, with
 * a fresh database each time, and configured the way docs/operations.md tells operators — through its admin REST API.
 */
final class Keycloak implements AutoCloseable {

    static final String REALM = "rehabit";
    static final String CLIENT = "rehabit-web";
    static final String AUDIENCE = "rehabit";
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Process process;
    private final Path log;
    private final String baseUrl;

    private Keycloak(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.baseUrl = "http://localhost:" + port;
    }

    /** Starts Keycloak from {@code home} (the unpacked distribution) and waits until it answers. */
    static Keycloak start(Path home, Path log) throws IOException, InterruptedException {
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException(home + "/bin/kc.sh is missing: the e2e-tests build unpacks Keycloak "
                    + "(maven-dependency-plugin, phase pre-integration-test)");
        }
        deleteTree(home.resolve("data")); // a fresh H2 database: no realm or admin left from an earlier run
        int port = Platform.freePort();
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--http-management-port=" + Platform.freePort())
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        Keycloak keycloak = new Keycloak(builder.start(), log, port);
        keycloak.awaitReady();
        return keycloak;
    }

    private void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master"))
                .timeout(Duration.ofSeconds(5)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited during start-up; see " + log);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak was not ready within " + READY_TIMEOUT.toSeconds() + " s; see " + log);
    }

    /** The realm's issuer: what the platform is configured with (REHABIT_OIDC_ISSUER). */
    String issuer() {
        return baseUrl + "/realms/" + REALM;
    }

    /**
     * The realm of docs/operations.md: roles physio and patient, the web app's public client with PKCE for
     * {@code appOrigin}, the clinic_id/patient_id user-attribute mappers and the audience mapper, access tokens
     * that last {@code accessTokenSeconds}.
     */
    void createRealm(String appOrigin, int accessTokenSeconds) throws IOException, InterruptedException {
        admin("POST", "/admin/realms", Map.of("realm", REALM, "enabled", true,
                "accessTokenLifespan", accessTokenSeconds));
        for (String role : List.of("physio", "clinic-admin", "patient", "content-editor")) {
            admin("POST", realmPath("/roles"), Map.of("name", role));
        }
        // Keycloak keeps only attributes its user profile declares: let administrators set ours
        JsonNode profile = admin("GET", realmPath("/users/profile"), null);
        ((com.fasterxml.jackson.databind.node.ObjectNode) profile).put("unmanagedAttributePolicy", "ADMIN_EDIT");
        admin("PUT", realmPath("/users/profile"), profile);
        admin("POST", realmPath("/clients"), Map.of(
                "clientId", CLIENT,
                "publicClient", true,
                "standardFlowEnabled", true,
                // the test also asks for tokens directly (password grant) to call the API as a client would
                "directAccessGrantsEnabled", true,
                "redirectUris", List.of(appOrigin + "/*"),
                "webOrigins", List.of("+"),
                "attributes", Map.of("pkce.code.challenge.method", "S256", "post.logout.redirect.uris", "+"),
                "protocolMappers", List.of(attributeMapper("clinic_id"), attributeMapper("patient_id"),
                        Map.of("name", "rehabit audience", "protocol", "openid-connect",
                                "protocolMapper", "oidc-audience-mapper",
                                "config", Map.of("included.custom.audience", AUDIENCE,
                                        "access.token.claim", "true", "id.token.claim", "true")))));
    }

    private static Map<String, Object> attributeMapper(String attribute) {
        return Map.of("name", attribute, "protocol", "openid-connect",
                "protocolMapper", "oidc-usermodel-attribute-mapper",
                "config", Map.of("user.attribute", attribute, "claim.name", attribute, "jsonType.label", "String",
                        "access.token.claim", "true", "id.token.claim", "true", "userinfo.token.claim", "true"));
    }

    /** A user with a password, one realm role and the given attributes (e.g. clinic_id, patient_id). */
    void createUser(String username, String password, String firstName, String lastName, String role,
                    Map<String, String> attributes) throws IOException, InterruptedException {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        user.put("enabled", true);
        user.put("email", username + "@clinic.example");
        user.put("emailVerified", true);
        user.put("firstName", firstName);
        user.put("lastName", lastName);
        user.put("attributes", attributes.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))));
        user.put("credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        admin("POST", realmPath("/users"), user);
        String id = admin("GET", realmPath("/users?exact=true&username=" + encode(username)), null).get(0)
                .get("id").asText();
        JsonNode roleRepresentation = admin("GET", realmPath("/roles/" + role), null);
        admin("POST", realmPath("/users/" + id + "/role-mappings/realm"), List.of(roleRepresentation));
    }

    /** Tokens for a user straight from the token endpoint (password grant), as a script or app would get them. */
    JsonNode tokens(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(issuer()
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "password",
                        "client_id", CLIENT, "username", username, "password", password, "scope", "openid"))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused " + username + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    /** The kid of the realm's active RS256 signing key. */
    String activeSigningKid() throws IOException, InterruptedException {
        return admin("GET", realmPath("/keys"), null).get("active").get("RS256").asText();
    }

    /**
     * Rotates the realm's signing key as an operator would: a new RSA key provider with a higher priority signs from
     * now on, and the provider of the old key is removed (its key leaves the published key set).
     */
    void rotateSigningKey() throws IOException, InterruptedException {
        String oldKid = activeSigningKid();
        JsonNode keys = admin("GET", realmPath("/keys"), null).get("keys");
        String oldProvider = null;
        long highest = 0;
        for (JsonNode key : keys) {
            highest = Math.max(highest, key.path("providerPriority").asLong());
            if (oldKid.equals(key.path("kid").asText())) {
                oldProvider = key.get("providerId").asText();
            }
        }
        String realmId = admin("GET", "/admin/realms/" + REALM, null).get("id").asText();
        admin("POST", realmPath("/components"), Map.of("name", "rsa-rotated-" + Instant.now().getEpochSecond(),
                "providerId", "rsa-generated", "providerType", "org.keycloak.keys.KeyProvider", "parentId", realmId,
                "config", Map.of("priority", List.of(Long.toString(highest + 100)), "keySize", List.of("2048"),
                        "active", List.of("true"), "enabled", List.of("true"), "algorithm", List.of("RS256"))));
        if (oldProvider == null) {
            throw new IllegalStateException("No key provider for kid " + oldKid);
        }
        admin("DELETE", realmPath("/components/" + oldProvider), null);
        if (activeSigningKid().equals(oldKid)) {
            throw new IllegalStateException("The realm still signs with " + oldKid);
        }
    }

    private String realmPath(String path) {
        return "/admin/realms/" + REALM + path;
    }

    private String adminToken() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl
                        + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "password",
                        "client_id", "admin-cli", "username", ADMIN, "password", ADMIN_PASSWORD))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak's admin login failed: " + response.body());
        }
        return json.readTree(response.body()).get("access_token").asText();
    }

    private JsonNode admin(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + adminToken())
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Stops Keycloak (SIGTERM, then force after 20 s). */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        Platform.awaitStop(process);
        children.forEach(ProcessHandle::destroyForcibly);
    }
}

package org.rehabit.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.rehabit.devtools.EmbeddedPostgresServer;
import org.rehabit.devtools.Platform;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rehabit with a real OpenID Connect provider: Keycloak as a process, its realm made through the admin REST API as
 * docs/operations.md ("Connect your identity provider") tells operators, and a platform of its own (the three
 * packaged services on their own PostgreSQL) whose only issuer is that realm. Clinic staff and patients sign in
 * with authorization code + PKCE in Chromium; roles come from Keycloak's {@code realm_access.roles}; a short access
 * token lifespan shows the app refreshing before expiry; a key rotation at the provider is followed without a
 * restart; an ID token is no access token.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakIT {

    /** Short, so that the refresh before expiry happens while the test watches. */
    private static final int ACCESS_TOKEN_SECONDS = 30;
    private static final UUID RIVERSIDE = UUID.fromString("0c1a1c00-0000-4000-8000-000000000001");
    private static final UUID ADA = UUID.fromString("9a7e0000-0000-4000-8000-0000000000a1");
    private static final String PHYSIO = "paula.kc";
    private static final String PATIENT = "ada.kc";
    private static final String PASSWORD = "Rehabit-" + UUID.randomUUID();

    private static Keycloak keycloak;
    private static EmbeddedPostgresServer postgres;
    private static Platform platform;
    private static int gatewayPort;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("rehabit.root", "..")).toAbsolutePath().normalize();
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.7.3"));
        Path dataDir = Files.createTempDirectory("rehabit-keycloak-e2e");
        Files.createDirectories(dataDir.resolve("logs"));
        keycloak = Keycloak.start(home, dataDir.resolve("logs/keycloak.log"));
        gatewayPort = Platform.freePort();
        keycloak.createRealm("http://localhost:" + gatewayPort, ACCESS_TOKEN_SECONDS);
        keycloak.createUser(PHYSIO, PASSWORD, "Paula", "Kc", "physio", Map.of("clinic_id", RIVERSIDE.toString()));
        keycloak.createUser(PATIENT, PASSWORD, "Ada", "Kc", "patient",
                Map.of("clinic_id", RIVERSIDE.toString(), "patient_id", ADA.toString()));
        postgres = EmbeddedPostgresServer.ephemeral();
        // the platform as production runs it against a provider: no local key, no demo logins
        platform = new Platform(root, dataDir, Platform.withEnv(
                Platform.services(Platform.freePort(), Platform.freePort(), gatewayPort),
                Map.of("REHABIT_OIDC_ISSUER", keycloak.issuer(), "QUARKUS_OIDC_PUBLIC_KEY", "",
                        "REHABIT_OIDC_CLIENT_ID", Keycloak.CLIENT, "REHABIT_DEMO_AUTH_ENABLED", "false",
                        "REHABIT_DOWNSTREAM_READ_TIMEOUT_MS", "20000", "REHABIT_DOWNSTREAM_WRITE_TIMEOUT_MS", "20000",
                        "REHABIT_CATALOG_TIMEOUT_MS", "20000")));
        platform.start(new Platform.Database(postgres.jdbcUrl("postgres"), postgres.user(), "", "embedded PostgreSQL"));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    private static RequestSpecification api(String token) {
        return RestAssured.given().baseUri("http://localhost").port(gatewayPort).auth().oauth2(token);
    }

    @Test
    @Order(1)
    void aPhysioSignsInWithPkceSeesTheClinicAndSignsOutAtTheProviderToo() {
        try (Browser browser = new Browser("http://localhost:" + gatewayPort)) {
            signInAtKeycloak(browser, PHYSIO);
            browser.heading("Clinic dashboard");
            // the dashboard comes from the session-service, scoped by the clinic_id claim Keycloak's mapper adds
            String patients = browser.await(d -> {
                String shown = d.findElement(By.cssSelector("main .table-wrap")).getAttribute("textContent");
                return shown.isBlank() ? null : shown;
            });
            browser.screenshot("keycloak-physio-dashboard");
            assertTrue(patients.contains("Ada L."), patients);
            // the nav names the user as the provider does (the ID token's name), not by an opaque subject
            assertTrue(browser.find(By.cssSelector("nav .who")).getText().contains("Paula Kc"),
                    browser.find(By.cssSelector("nav .who")).getText());
            browser.open("/library/shoulder-circles"); // the catalog-service, through the gateway
            browser.heading("Shoulder Circles");

            browser.find(By.xpath("//nav//button[normalize-space()='Sign out']")).click();
            browser.heading("Sign in");
            // the provider's session has ended too: signing in again asks for the password again
            browser.find(By.xpath("//button[normalize-space()='Sign in with your clinic']")).click();
            browser.find(By.id("username"));
            assertTrue(browser.driver().getCurrentUrl().startsWith(keycloak.issuer()), browser.driver().getCurrentUrl());
        }
    }

    @Test
    @Order(2)
    void aPatientsRoutineOutlastsHerAccessTokenBecauseTheAppRefreshesIt() {
        try (Browser browser = new Browser("http://localhost:" + gatewayPort)) {
            signInAtKeycloak(browser, PATIENT);
            browser.heading("Today");
            String firstToken = sessionValue(browser, "token");
            long firstExpiry = ((Number) browser.js("return JSON.parse(sessionStorage.getItem('rehabit.session'))"
                    + ".expiresAt")).longValue();
            assertFalse(sessionValue(browser, "refreshToken").isEmpty(), "the sign-in kept a refresh token");
            // wait (as a patient mid-routine would) until the first access token has expired
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(),
                    Duration.ofSeconds(ACCESS_TOKEN_SECONDS * 3L))
                    .until(d -> ((Number) browser.js("return Date.now()")).longValue() > firstExpiry + 1000);
            assertNotEquals(firstToken, sessionValue(browser, "token"), "the access token was refreshed");
            browser.open("/progress");
            browser.heading("My progress");
            browser.open("/today");
            browser.heading("Today");
            assertFalse(browser.driver().getCurrentUrl().endsWith("#/login"));
        }
    }

    @Test
    @Order(3)
    void aKeycloakTokenReachesBothServicesThroughTheGateway() throws Exception {
        String physio = keycloak.tokens(PHYSIO, PASSWORD).get("access_token").asText();
        api(physio).get("/api/v1/me").then().statusCode(200)
                .body("roles", equalTo(java.util.List.of("physio")))
                .body("clinicId", equalTo(RIVERSIDE.toString()));
        api(physio).get("/api/v1/clinics/{clinic}/dashboard", RIVERSIDE).then().statusCode(200);
        api(physio).get("/api/v1/exercises/shoulder-circles").then().statusCode(200)
                .body("name", equalTo("Shoulder Circles"));
        String patient = keycloak.tokens(PATIENT, PASSWORD).get("access_token").asText();
        api(patient).get("/api/v1/me/today").then().statusCode(200);
        // her realm role is patient: staff routes stay closed
        api(patient).get("/api/v1/clinics/{clinic}/dashboard", RIVERSIDE).then().statusCode(403);
    }

    @Test
    @Order(4)
    void anIdTokenIsNoAccessToken() throws Exception {
        JsonNode tokens = keycloak.tokens(PHYSIO, PASSWORD);
        String idToken = tokens.get("id_token").asText();
        JsonNode claims = claims(idToken);
        // the same issuer, subject, audience and clinic as the access token: only its type tells it apart
        assertEquals("ID", claims.get("typ").asText());
        assertTrue(claims.get("aud").toString().contains(Keycloak.AUDIENCE), claims.toString());
        api(idToken).get("/api/v1/me").then().statusCode(401);
        api(idToken).get("/api/v1/clinics/{clinic}/dashboard", RIVERSIDE).then().statusCode(401);
        api(tokens.get("access_token").asText()).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    @Order(5)
    void aKeyRotationAtTheProviderIsFollowedWithoutARestart() throws Exception {
        String before = keycloak.tokens(PHYSIO, PASSWORD).get("access_token").asText();
        api(before).get("/api/v1/clinics/{clinic}/dashboard", RIVERSIDE).then().statusCode(200);

        keycloak.rotateSigningKey();
        String after = keycloak.tokens(PHYSIO, PASSWORD).get("access_token").asText();
        assertNotEquals(header(before).get("kid"), header(after).get("kid"), "the new token is signed by the new key");
        // the gateway and both services fetch the provider's key set again when a token names a key they do not
        // know (at most once a minute each): wait for that, as a user retrying would
        Instant deadline = Instant.now().plusSeconds(150);
        int status = 0;
        while (Instant.now().isBefore(deadline)) {
            status = api(after).get("/api/v1/clinics/{clinic}/dashboard", RIVERSIDE).then().extract().statusCode();
            if (status == 200) {
                break;
            }
            Thread.sleep(2000);
        }
        assertEquals(200, status, "a token of the new key opens the dashboard (session-service)");
        api(after).get("/api/v1/exercises/shoulder-circles").then().statusCode(200); // catalog-service
        String patient = keycloak.tokens(PATIENT, PASSWORD).get("access_token").asText();
        api(patient).get("/api/v1/me/today").then().statusCode(200);
        // the old key has left the provider's key set: a token it signed is no longer trusted
        api(before).get("/api/v1/me").then().statusCode(401);
        assertTrue(platform.deadService().isEmpty(), "no service was restarted or stopped");
    }

    private static void signInAtKeycloak(Browser browser, String username) {
        browser.driver().manage().deleteAllCookies();
        browser.open("/login");
        browser.js("sessionStorage.clear()");
        browser.driver().navigate().refresh();
        browser.heading("Sign in");
        browser.find(By.xpath("//button[normalize-space()='Sign in with your clinic']")).click();
        browser.find(By.id("username")).sendKeys(username);
        browser.find(By.id("password")).sendKeys(PASSWORD);
        browser.find(By.id("kc-login")).click();
        browser.await(d -> d.getCurrentUrl().startsWith("http://localhost:" + gatewayPort)
                && !d.getCurrentUrl().contains("code=") && !d.getCurrentUrl().endsWith("#/login"));
    }

    private static String sessionValue(Browser browser, String field) {
        Object value = browser.js("const s = JSON.parse(sessionStorage.getItem('rehabit.session') || '{}');"
                + "return s[arguments[0]] || '';", field);
        return String.valueOf(value);
    }

    private JsonNode claims(String jwt) throws Exception {
        return json.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private JsonNode header(String jwt) throws Exception {
        return json.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
    }
}

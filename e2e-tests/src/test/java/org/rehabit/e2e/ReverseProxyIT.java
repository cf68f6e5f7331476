package org.rehabit.e2e;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web app as a clinic runs it: in headless Chromium over https, through nginx terminating TLS with a certificate
 * made by the test and configured as docs/operations.md tells operators, in front of the gateway started with the
 * Compose file's proxy settings (nginx its one trusted proxy, no CORS origins). A patient signs in and logs a session,
 * a physio registers a patient and acknowledges the alert the session raised; each is stored exactly once, and the
 * gateway saw the browser's address as nginx forwarded it — never nginx's own, never one a client made up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReverseProxyIT {

    private static final UUID HILLVIEW = UUID.fromString("0c1a1c00-0000-4000-8000-000000000002");
    private static final UUID CLEO = UUID.fromString("9a7e0000-0000-4000-8000-0000000000b1");
    private static final String NOTE = "Logged through the TLS proxy " + UUID.randomUUID();
    private static final String NEW_PATIENT = "Proxy Patient " + UUID.randomUUID().toString().substring(0, 8);
    private static final Duration WITHIN = Duration.ofSeconds(15);
    /** Where an access-log line's own text starts: after the logger's name, "access <address> ...". */
    private static final String ACCESS = "] access ";

    private RunningPlatform platform;
    private TlsProxy proxy;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        platform = RunningPlatform.get();
        Path root = Path.of(System.getProperty("rehabit.root", "..")).toAbsolutePath().normalize();
        proxy = TlsProxy.start(root, URI.create(platform.gatewayUrl()).getPort());
        browser = new Browser(proxy.url(), proxy.browserSwitches());
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @AfterEach
    void noConsoleErrors() {
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(1)
    void aPatientSignsInOverHttpsAndLogsASession() throws IOException, InterruptedException {
        browser.signIn("cleo");
        browser.heading("Today");
        assertTrue(browser.driver().getCurrentUrl().startsWith(proxy.url() + "/"), browser.driver().getCurrentUrl());
        assertEquals(Boolean.TRUE, browser.js("return window.isSecureContext"), "the page is served over https");

        RoutinePlayer player = new RoutinePlayer(browser);
        player.start(3);
        player.nextToTheEnd();
        player.finish(8, 5, NOTE);
        player.save();
        WebElement done = browser.find(By.cssSelector(".card.done"));
        assertTrue(done.getText().contains("pain 3 before, 8 after"), done.getText());
        browser.screenshot("proxy-patient-logged");

        JsonPath sessions = platform.as(platform.patient(HILLVIEW, CLEO))
                .get("/api/v1/patients/{id}/sessions?size=50", CLEO).then().statusCode(200).extract().jsonPath();
        assertEquals(1, sessions.getList("items.findAll { it.notes == '" + NOTE + "' }").size(),
                "the session is stored exactly once");

        // the gateway saw the browser's address (127.0.0.1, as nginx forwarded it), not nginx's (127.0.0.2)
        String logged = awaitAccessLine(" POST /api/v1/patients/" + CLEO + "/sessions 201 ");
        assertTrue(logged.startsWith("access 127.0.0.1 "), logged);
        try (var lines = Files.lines(platform.logs().resolve("gateway.log"))) {
            assertEquals(List.of(), lines.filter(l -> l.contains("access " + RunningPlatform.PROXY_ADDRESS + " ")).toList(),
                    "no request is taken for one of nginx's own");
        }
    }

    @Test
    @Order(2)
    void aPhysioRegistersAPatientAndAcknowledgesTheAlertTheSessionRaised() {
        browser.signIn("physio.hillview");
        browser.heading("Clinic dashboard");
        browser.find(By.xpath("//summary[normalize-space()='Register a patient']")).click();
        browser.find(By.name("displayName")).sendKeys(NEW_PATIENT);
        browser.find(By.xpath("//button[normalize-space()='Register patient']")).click();
        browser.heading(NEW_PATIENT);

        browser.open("/dashboard");
        browser.heading("Clinic dashboard");
        WebElement high = browser.await(d -> d.findElements(By.cssSelector(".alert-item")).stream()
                .filter(a -> a.getAttribute("textContent").contains("Pain high — Cleo M.")).findFirst().orElse(null));
        if (!high.isDisplayed()) { // newer alerts pushed it behind "more"
            browser.find(By.cssSelector("section.alerts details summary")).click();
        }
        String alertId = high.getAttribute("data-alert");
        high.findElement(By.tagName("button")).click();
        browser.await(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-alert='" + alertId + "']")));
        browser.screenshot("proxy-alert-acknowledged");

        String physio = platform.staff("physio", HILLVIEW);
        JsonPath patients = platform.as(physio).queryParam("q", NEW_PATIENT).get("/api/v1/patients")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, patients.getList("items.findAll { it.displayName == '" + NEW_PATIENT + "' }").size(),
                "the patient is registered exactly once: " + patients.prettify());
        JsonPath acknowledged = platform.as(physio).get("/api/v1/clinics/{c}/alerts?status=ACKNOWLEDGED&size=100",
                HILLVIEW).then().statusCode(200).extract().jsonPath();
        assertEquals(1, acknowledged.getList("items.findAll { it.id == '" + alertId + "' }").size());
    }

    @Test
    @Order(3)
    void aClientCannotChooseTheAddressTheGatewaySees() throws Exception {
        String token = platform.patient(HILLVIEW, CLEO);
        // through nginx, from 127.0.0.3, naming another address: nginx replaces it with the one it sees
        String viaProxy = "e2e-proxy-" + UUID.randomUUID();
        String answer = proxy.send("127.0.0.3", "GET", "/api/v1/me/today", Map.of("Authorization", "Bearer " + token,
                "X-Forwarded-For", "203.0.113.66", "X-Request-Id", viaProxy), null);
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertEquals("access 127.0.0.3 GET /api/v1/me/today 200", withoutSizeAndId(awaitAccessLine(viaProxy)));

        // straight to the gateway, posing as a proxy: the headers are ignored, and the operator is told so
        String direct = "e2e-direct-" + UUID.randomUUID();
        platform.as(token).header("X-Forwarded-For", "203.0.113.77").header("X-Forwarded-Proto", "https")
                .header("X-Request-Id", direct).get("/api/v1/me/today").then().statusCode(200);
        assertEquals("access 127.0.0.1 GET /api/v1/me/today 200", withoutSizeAndId(awaitAccessLine(direct)));
        // (at most one warning a minute: any such request of this run may be the one it names)
        awaitGatewayLog(l -> l.contains("WARN") && l.contains("X-Forwarded-* headers from ")
                && l.contains("were ignored"), "X-Forwarded-* headers from … were ignored");
    }

    @Test
    @Order(4)
    void anotherSitesPageIsStillRefusedThroughTheProxy() throws Exception {
        String name = "Cross Origin " + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + platform.staff("physio", HILLVIEW));
        headers.put("Origin", "https://evil.example");
        headers.put("Content-Type", "application/json");
        String answer = proxy.send("127.0.0.1", "POST", "/api/v1/patients", headers,
                "{\"displayName\":\"" + name + "\",\"timezone\":\"UTC\"}");
        assertTrue(answer.startsWith("HTTP/1.1 403"), answer);

        // the web app's own origin, by contrast, may write (the same request as the browser's)
        headers.put("Origin", proxy.url());
        String own = proxy.send("127.0.0.1", "POST", "/api/v1/patients", headers,
                "{\"displayName\":\"" + name + "\",\"timezone\":\"UTC\"}");
        assertTrue(own.startsWith("HTTP/1.1 201"), own);
        String location = own.lines().filter(l -> l.regionMatches(true, 0, "Location:", 0, 9)).findFirst()
                .map(l -> l.substring(9).trim()).orElseThrow(() -> new AssertionError("no Location: " + own));
        assertTrue(location.startsWith("/api/v1/patients/") || location.startsWith(proxy.url() + "/api/v1/patients/"),
                "the new patient's address is the site's own, over https: " + location);
        platform.as(platform.staff("physio", HILLVIEW)).queryParam("q", name).get("/api/v1/patients")
                .then().statusCode(200).body("items.displayName", hasItem(name))
                .body("items.findAll { it.displayName == '" + name + "' }.size()", org.hamcrest.Matchers.is(1));
    }

    /** "access 127.0.0.1 GET /path 200 123 id" without the size and the request id. */
    private static String withoutSizeAndId(String line) {
        String[] parts = line.split(" ");
        return String.join(" ", List.of(parts).subList(0, Math.min(5, parts.length)));
    }

    /** The gateway's access-log line containing {@code text}, once it is written, from "access" on. */
    private String awaitAccessLine(String text) throws IOException, InterruptedException {
        String line = awaitGatewayLog(l -> l.contains(ACCESS) && l.contains(text), text);
        return line.substring(line.indexOf(ACCESS) + 2);
    }

    /** The first line of the gateway's log that {@code wanted} accepts, once it is written. */
    private String awaitGatewayLog(java.util.function.Predicate<String> wanted, String description)
            throws IOException, InterruptedException {
        Path log = platform.logs().resolve("gateway.log");
        Instant deadline = Instant.now().plus(WITHIN);
        while (true) {
            Optional<String> line;
            try (var lines = Files.lines(log)) {
                line = lines.filter(wanted).findFirst();
            }
            if (line.isPresent()) {
                return line.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the gateway's log has no line with '" + description + "' within " + WITHIN);
            }
            Thread.sleep(200);
        }
    }
}

package org.rehabit.e2e;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web app offline, in a real headless Chromium on a phone-sized screen against the three real services: the
 * service worker caches the app and the patient's routine, so a reload with the network cut still shows today's
 * routine (said to be the saved one), a log made then waits in the outbox and is stored once when the network
 * returns; so does a reload while a proxy answers with its error page; the worker keeps nothing of the API but that
 * routine, one user's at a time, and signing out deletes it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OfflineIT {

    private static final UUID RIVERSIDE = UUID.fromString("0c1a1c00-0000-4000-8000-000000000001");
    private static final UUID ADA = UUID.fromString("9a7e0000-0000-4000-8000-0000000000a1");
    private static final String NOTE = "Offline reload " + UUID.randomUUID();
    /** What Chromium reports for the requests that fail while the network is cut or the proxy answers 502. */
    private static final Pattern EXPECTED_ERROR = Pattern.compile("net::ERR_INTERNET_DISCONNECTED"
            + "|the server responded with a status of 502");
    /** The routine's copy in the worker's cache: the API paths it holds (an absent cache holds none). */
    private static final String SAVED_PATHS = "return caches.has('rehabit-api').then((has) => !has ? [] : "
            + "caches.open('rehabit-api').then((c) => c.keys())"
            + ".then((keys) => keys.map((k) => new URL(k.url).pathname)))";

    private RunningPlatform platform;
    private NetworkCut network;
    private Browser browser;

    @BeforeAll
    void start() {
        platform = RunningPlatform.get();
        network = new NetworkCut(URI.create(platform.gatewayUrl()).getPort());
        browser = new Browser(network.url());
        browser.resize(390, 844);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (network != null) {
            network.close();
        }
    }

    @BeforeEach
    void adaSignsInWithAnEmptyOutbox() {
        offline(false);
        browser.open("/login");
        browser.js("localStorage.clear()");
        browser.signIn("ada");
        browser.heading("Today");
    }

    @AfterEach
    void noUnexpectedConsoleErrors() {
        offline(false);
        List<String> unexpected = browser.drainConsoleErrors().stream()
                .filter(e -> !EXPECTED_ERROR.matcher(e).find()).toList();
        assertEquals(List.of(), unexpected, "console errors");
    }

    @Test
    @Order(1)
    void aReloadOfflineShowsTodaysRoutineAndALogMadeThenIsStoredOnceWhenTheNetworkReturns() throws SQLException {
        JsonPath today = platform.as(platform.patient(RIVERSIDE, ADA)).get("/api/v1/me/today")
                .then().statusCode(200).extract().jsonPath();
        List<String> exercises = today.getList("program.items.exerciseName");
        assertFalse(exercises.isEmpty(), "Ada has a routine today");
        // the first visit: the worker installs, takes over the page and saves the routine
        awaitRoutineSaved();
        assertRoutineShown(exercises);

        offline(true);
        browser.driver().navigate().refresh();
        browser.heading("Today");
        assertRoutineShown(exercises);
        assertTrue(offlineLine().startsWith("Offline — showing the routine saved at "), offlineLine());
        browser.screenshot("offline-today");
        browser.assertAccessible("today offline");

        logASessionOffline();
        browser.await(d -> outboxLine().contains("1 session log waits to be sent"));
        assertEquals(0, stored(NOTE));

        offline(false);
        browser.await(d -> browser.js("return localStorage.getItem('rehabit.outbox')") == null);
        assertEquals(1, stored(NOTE), "stored exactly once");
    }

    @Test
    @Order(2)
    void theWorkerKeepsOnlyTheRoutineOfOneUserAndSigningOutDeletesIt() {
        awaitRoutineSaved();
        // other pages read other patient data: none of it is kept
        browser.open("/progress");
        browser.heading("My progress");
        browser.open("/library");
        browser.heading("Exercise library");
        assertEquals(List.of("/api/v1/me/today"), browser.js(SAVED_PATHS));
        String kept = (String) browser.js("return caches.open('rehabit-api').then((c) => c.keys())"
                + ".then((keys) => caches.match(keys[0])).then((r) => r.text())");
        assertTrue(kept.contains("\"displayName\":\"Ada"), "Ada's own routine: " + kept.substring(0, 200));

        // Ada's tab is closed without signing out; Cleo signs in on the same phone: only Cleo's routine is kept
        browser.signIn("cleo");
        browser.heading("Today");
        browser.await(d -> {
            Object body = browser.js("return caches.open('rehabit-api').then((c) => c.keys())"
                    + ".then((keys) => keys.length === 1 ? caches.match(keys[0]).then((r) => r.text()) : null)");
            return body != null && !((String) body).contains("\"displayName\":\"Ada") ? body : null;
        });

        browser.find(By.xpath("//button[normalize-space()='Sign out']")).click();
        browser.heading("Sign in");
        browser.await(d -> ((List<?>) browser.js(SAVED_PATHS)).isEmpty());
        assertEquals(false, browser.js("return caches.has('rehabit-api')"), "nothing of a patient's is left");
        List<?> caches = (List<?>) browser.js("return caches.keys()");
        assertTrue(caches.stream().anyMatch(c -> String.valueOf(c).startsWith("rehabit-shell-")),
                "the app itself stays cached: " + caches);
    }

    @Test
    @Order(3)
    void whenAProxyCannotReachRehabitTheSavedRoutineShowsInsteadOfItsErrorPage() {
        List<String> exercises = platform.as(platform.patient(RIVERSIDE, ADA)).get("/api/v1/me/today")
                .then().statusCode(200).extract().jsonPath().getList("program.items.exerciseName");
        awaitRoutineSaved();
        network.badGateway(true);
        try {
            browser.driver().navigate().refresh();
            browser.heading("Today");
            assertRoutineShown(exercises);
            assertTrue(offlineLine().startsWith("Offline — showing the routine saved at "), offlineLine());
        } finally {
            network.badGateway(false);
        }
        // Rehabit answers again: the routine as it is now, and nothing said about a saved one
        browser.driver().navigate().refresh();
        browser.heading("Today");
        assertRoutineShown(exercises);
        assertEquals("", offlineLine());
    }

    // --- the patient's steps ---

    /**
     * Cuts the phone's network, or restores it: the connections to the gateway (the service worker's too), and what
     * the page knows ({@code navigator.onLine}, the 'online' event).
     */
    private void offline(boolean offline) {
        network.cut(offline);
        browser.offline(offline);
    }

    /** Waits until the service worker controls the page and has saved the routine. */
    private void awaitRoutineSaved() {
        browser.await(d -> Boolean.TRUE.equals(browser.js("return navigator.serviceWorker.controller !== null")));
        browser.await(d -> ((List<?>) browser.js(SAVED_PATHS)).contains("/api/v1/me/today"));
    }

    /** What the player's start screen shows of the routine: every exercise of it, by name. */
    private void assertRoutineShown(List<String> exercises) {
        String page = browser.await(d -> {
            String text = d.findElement(By.tagName("main")).getText();
            return text.contains(exercises.get(0)) ? text : null;
        });
        for (String exercise : exercises) {
            assertTrue(page.contains(exercise), page);
        }
    }

    /** Walks today's routine in the player while the network is cut, doing nothing of it, and saves the log. */
    private void logASessionOffline() {
        RoutinePlayer player = new RoutinePlayer(browser);
        player.start(2);
        player.nextToTheEnd();
        player.finish(1, null, NOTE);
        player.save();
    }

    private String offlineLine() {
        return browser.find(By.cssSelector("#offline .offline-line")).getText();
    }

    private String outboxLine() {
        return browser.driver().findElement(By.cssSelector("#outbox .outbox-line")).getText();
    }

    /** How many of Ada's stored sessions carry this note, read from the session-service's own database. */
    private int stored(String note) throws SQLException {
        try (Connection db = platform.database("session");
             PreparedStatement query = db.prepareStatement(
                     "SELECT count(*) FROM session_log WHERE patient_id = ? AND notes = ?")) {
            query.setObject(1, ADA);
            query.setString(2, note);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}

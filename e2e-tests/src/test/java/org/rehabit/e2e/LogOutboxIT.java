package org.rehabit.e2e;

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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rehabit.devtools.LocalKeys;
import org.rehabit.devtools.LocalToken;
import org.rehabit.e2e.SessionLogFaults.Fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web app's session-log outbox in a real headless Chromium on a phone-sized screen (each log made in the
 * routine player), against the three real
 * services: a log survives a token that expires mid-routine, a 409, a proxy's HTML 502 (before and after the server
 * stored the log), a captive portal's 200 page, two logs waiting at once, an offline phone and a refusal, and is
 * stored exactly once. Faults are
 * injected inside the browser with Chromium's DevTools protocol ({@link SessionLogFaults}), so the app meets them
 * exactly as it would from a proxy or the network.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogOutboxIT {

    private static final UUID RIVERSIDE = UUID.fromString("0c1a1c00-0000-4000-8000-000000000001");
    private static final UUID ADA = UUID.fromString("9a7e0000-0000-4000-8000-0000000000a1");
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** What Chromium reports for the failed and refused requests the tests cause on purpose. */
    private static final Pattern EXPECTED_ERROR = Pattern.compile("Failed to load resource: (the server responded with "
            + "a status of (401|409|422|502)|net::ERR_INTERNET_DISCONNECTED)");

    private RunningPlatform platform;
    private Browser browser;
    private SessionLogFaults posts;
    private RoutinePlayer player;

    @BeforeAll
    void start() {
        platform = RunningPlatform.get();
        browser = new Browser(platform.gatewayUrl());
        browser.resize(390, 844);
        posts = new SessionLogFaults(browser.driver());
        player = new RoutinePlayer(browser);
    }

    @AfterAll
    void stop() {
        if (posts != null) {
            posts.close();
        }
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void adaSignsInWithAnEmptyOutbox() {
        posts.reset();
        browser.open("/login");
        browser.js("localStorage.clear()");
        browser.signIn("ada");
        browser.heading("Today");
    }

    @AfterEach
    void noUnexpectedConsoleErrors() {
        assertEquals(List.of(), posts.problems(), "fault injection");
        posts.reset();
        browser.offline(false);
        List<String> unexpected = browser.drainConsoleErrors().stream()
                .filter(e -> !EXPECTED_ERROR.matcher(e).find()).toList();
        assertEquals(List.of(), unexpected, "console errors");
    }

    @Test
    @Order(1)
    void theTokenExpiresMidRoutineAndTheLogIsSentAfterSigningInAgain() throws SQLException {
        String note = note("token expired");
        fillLog(note);
        // the routine took longer than the token lives: the gateway now refuses it
        browser.js("const s = JSON.parse(sessionStorage.getItem('rehabit.session'));"
                + "s.token = arguments[0]; sessionStorage.setItem('rehabit.session', JSON.stringify(s));", expiredToken());
        submit();

        browser.heading("Sign in");
        String line = outboxLine();
        assertTrue(line.contains("1 session log waits to be sent from this device: sign in to send it"), line);
        assertEquals(1, waitingInBrowser());
        browser.screenshot("outbox-sign-in-again");
        browser.assertAccessible("sign-in page with a waiting log");
        assertEquals(0, stored(note), "the refused attempt stored nothing");

        browser.signIn("ada");
        browser.heading("Today");
        awaitOutboxEmpty();
        browser.await(d -> outboxLine().contains("Sent: your session log of"));
        assertEquals(1, stored(note), "stored exactly once");
        assertEquals(1, posts.keys().stream().distinct().count(), "every attempt had the same Idempotency-Key");
    }

    @Test
    @Order(2)
    void aConflictKeepsTheLogAndTheRetryGetsTheStoredResult() throws SQLException {
        String note = note("409");
        // the first attempt reaches the server and is stored, but the answer the phone gets is a 409; so is the next
        posts.once(Fault.CONFLICT_AFTER_STORING);
        posts.once(Fault.CONFLICT);
        fillLog(note);
        submit();
        browser.await(d -> formText().contains("Your session is saved on this device"));
        assertTrue(formText().contains("being stored right now"), formText());
        browser.screenshot("outbox-409");

        // the automatic retry sends the same key, and the server answers with the stored log
        WebElement done = browser.find(By.cssSelector(".card.done"));
        assertTrue(done.getText().contains("pain 2 before, 1 after"), done.getText());
        awaitOutboxEmpty();
        assertEquals(1, stored(note), "stored exactly once");
        assertTrue(posts.keys().size() >= 2, "sent again: " + posts.keys());
        assertEquals(1, posts.keys().stream().distinct().count(), "with the same Idempotency-Key");
    }

    @Test
    @Order(3)
    void anHtml502FromTheProxyBeforeTheServerSawTheLogIsRetried() throws SQLException {
        String note = note("502 not forwarded");
        posts.once(Fault.HTML_502);
        posts.once(Fault.HTML_502);
        fillLog(note);
        submit();
        browser.await(d -> formText().contains("Your session is saved on this device"));
        assertTrue(formText().contains("Rehabit cannot be reached right now (502)"),
                "a proxy's HTML page is said plainly, not a JSON parse error: " + formText());
        browser.find(By.cssSelector(".card.done"));
        awaitOutboxEmpty();
        assertEquals(1, stored(note), "stored exactly once");
        assertEquals(3, posts.keys().size(), "two attempts never reached the server; the third stored the log");
        assertEquals(1, posts.keys().stream().distinct().count(), "with the same Idempotency-Key");
    }

    @Test
    @Order(4)
    void anHtml502FromTheProxyAfterTheServerStoredTheLogIsReplayedNotDuplicated() throws SQLException {
        String note = note("502 after storing");
        posts.once(Fault.HTML_502_AFTER_STORING);
        fillLog(note);
        submit();
        WebElement done = browser.find(By.cssSelector(".card.done"));
        assertTrue(done.getText().contains("pain 2 before, 1 after"), done.getText());
        awaitOutboxEmpty();
        assertEquals(1, stored(note), "the retry got the first result back, nothing stored twice");
        assertTrue(posts.keys().size() >= 2, "sent again: " + posts.keys());
        assertEquals(1, posts.keys().stream().distinct().count(), "with the same Idempotency-Key");
    }

    @Test
    @Order(5)
    void aCaptivePortalsHtmlPageIsNotTakenForSuccess() throws SQLException {
        String note = note("captive portal");
        posts.once(Fault.PORTAL_200);
        posts.once(Fault.PORTAL_200);
        fillLog(note);
        submit();
        browser.await(d -> formText().contains("Your session is saved on this device"));
        assertTrue(formText().contains("did not come from Rehabit"), formText());
        browser.find(By.cssSelector(".card.done"));
        awaitOutboxEmpty();
        assertEquals(1, stored(note), "stored exactly once");
    }

    @Test
    @Order(6)
    void twoPendingLogsBothWaitAndAreBothSentWhenTheNetworkReturns() throws SQLException {
        String first = note("pending one");
        String second = note("pending two");
        posts.always(Fault.HTML_502); // the proxy cannot reach the gateway for a while
        fillLog(first);
        submit();
        browser.await(d -> d.findElement(By.cssSelector("form.log")).getText().contains("Your session is saved"));
        reopenToday(); // the patient closes the app and comes back later for another session
        fillLog(second);
        submit();
        browser.await(d -> outboxLine().contains("2 session logs wait to be sent"));
        assertEquals(2, waitingInBrowser());
        browser.find(By.xpath("//summary[normalize-space()='What is waiting']")).click();
        String waiting = browser.find(By.cssSelector(".outbox-details")).getText();
        assertTrue(waiting.contains(first) && waiting.contains(second), waiting);
        browser.screenshot("outbox-two-waiting");
        browser.assertAccessible("today with two logs waiting");
        assertEquals(0, stored(first) + stored(second));

        // the phone loses the network, the proxy recovers meanwhile, and the network comes back
        browser.offline(true);
        posts.reset();
        browser.offline(false);
        awaitOutboxEmpty();
        assertEquals(1, stored(first), "the first log stored exactly once");
        assertEquals(1, stored(second), "the second log stored exactly once");
        browser.await(d -> outboxLine().contains("Sent:"));
        browser.screenshot("outbox-both-sent");
    }

    @Test
    @Order(7)
    void aLogMadeOfflineIsSentWhenTheNetworkReturns() throws SQLException {
        String note = note("offline");
        fillLog(note);
        browser.offline(true);
        submit();
        browser.await(d -> outboxLine().contains("1 session log waits to be sent"));
        assertEquals(false, browser.js("return navigator.onLine"), "the page knows it is offline, and so hears 'online'");
        assertEquals(0, stored(note));
        browser.offline(false);
        WebElement done = browser.find(By.cssSelector(".card.done"));
        assertTrue(done.getText().contains("pain 2 before, 1 after"), done.getText());
        awaitOutboxEmpty();
        assertEquals(1, stored(note), "stored exactly once");
    }

    @Test
    @Order(8)
    void aRefusedLogIsShownWithWhatItHeldAndThenRemoved() throws SQLException {
        String note = note("refused");
        posts.always(Fault.HTML_502);
        fillLog(note);
        submit();
        browser.await(d -> outboxLine().contains("1 session log waits to be sent"));
        // the next try meets a definite refusal (here injected: a 422 problem document)
        posts.reset();
        posts.always(Fault.UNPROCESSABLE);
        reopenToday();
        WebElement notice = browser.find(By.cssSelector("#outbox .status.error[role=alert]"));
        assertTrue(notice.getText().contains("could not be stored") && notice.getText().contains(note),
                "the problem and everything the log held: " + notice.getText());
        assertEquals(0, waitingInBrowser(), "a refused log is not sent again");
        browser.screenshot("outbox-refused");
        browser.assertAccessible("today with a refused log");
        notice.findElement(By.xpath(".//button[normalize-space()='I have read this']")).click();
        browser.await(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#outbox .status.error")));
        assertNull(browser.js("return localStorage.getItem('rehabit.outbox')"));
        assertEquals(0, stored(note));
    }

    @Test
    @Order(9)
    void signingOutClearsTheOutbox() throws SQLException {
        String note = note("signed out");
        posts.always(Fault.HTML_502);
        fillLog(note);
        submit();
        browser.await(d -> outboxLine().contains("1 session log waits to be sent"));
        browser.find(By.xpath("//button[normalize-space()='Sign out']")).click();
        String question = browser.await(ExpectedConditions.alertIsPresent()).getText();
        assertTrue(question.contains("Signing out deletes it from this device"), question);
        browser.driver().switchTo().alert().accept();
        browser.heading("Sign in");
        assertNull(browser.js("return localStorage.getItem('rehabit.outbox')"), "nothing of the patient's is left");
        assertEquals("", outboxLine());
        assertEquals(0, stored(note));
    }

    // --- the patient's steps ---

    private String note(String what) {
        return "Outbox " + what + " " + RUN;
    }

    /** The whole routine in the player, up to the end screen's answers: pain 2 before, 1 after. */
    private void fillLog(String note) {
        player.start(2);
        player.nextToTheEnd();
        player.finish(1, 3, note);
    }

    private void submit() {
        player.save();
    }

    private void reopenToday() {
        browser.driver().navigate().refresh();
        browser.heading("Today");
    }

    /** The end screen's text, or "" once it has made way for the confirmation. */
    private String formText() {
        return player.formText();
    }

    private String outboxLine() {
        return browser.driver().findElement(By.cssSelector("#outbox .outbox-line")).getText();
    }

    private long waitingInBrowser() {
        Object count = browser.js("return JSON.parse(localStorage.getItem('rehabit.outbox') || '[]')"
                + ".filter(e => !e.refused).length");
        return ((Number) count).longValue();
    }

    private void awaitOutboxEmpty() {
        browser.await(d -> browser.js("return localStorage.getItem('rehabit.outbox')") == null);
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

    /**
     * Ada's token as the installation signs it, but an hour past its expiry: what a tab holds when a long routine
     * outlives the token.
     */
    private String expiredToken() {
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"" + LocalToken.ISSUER + "\",\"aud\":\"" + LocalToken.AUDIENCE + "\",\"sub\":\"ada\","
                + "\"groups\":[\"patient\"],\"clinic_id\":\"" + RIVERSIDE + "\",\"patient_id\":\"" + ADA + "\","
                + "\"iat\":" + (now - 9 * 3600) + ",\"exp\":" + (now - 3600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String unsigned = base64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64(claims);
        try {
            String pem = Files.readString(LocalKeys.privateKey(platform.dataDir()), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem))));
            rsa.update(unsigned.getBytes(StandardCharsets.US_ASCII));
            return unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

package org.rehabit.e2e;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The patient's routine player in a real headless Chromium at phone size (360×740), against the three real services:
 * what it stores is what the patient did — holds as held, per side, for the physio to compare; a routine walked with
 * the network cut is stored once when it returns; nothing is pre-marked done, and pain before is asked first; the
 * screen is kept awake while the routine runs. Each
 * test makes its own clinic, patient and program (a short hold, so that holding "in full" takes seconds).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutinePlayerIT {

    private static final int HOLD = 4;
    /** What Chromium reports for the requests the network cut makes fail on purpose. */
    private static final Pattern EXPECTED_ERROR = Pattern.compile("net::ERR_INTERNET_DISCONNECTED");

    private RunningPlatform platform;
    private Browser browser;
    private RoutinePlayer player;

    @BeforeAll
    void start() {
        platform = RunningPlatform.get();
        browser = new Browser(platform.gatewayUrl());
        browser.resize(360, 740);
        // a phone lets the page keep its screen awake; headless Chromium asks first, so the test answers yes
        ((ChromeDriver) browser.driver()).executeCdpCommand("Browser.setPermission", Map.of(
                "permission", Map.of("name", "screen-wake-lock"), "setting", "granted"));
        player = new RoutinePlayer(browser);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void noUnexpectedConsoleErrors() {
        browser.offline(false);
        List<String> unexpected = browser.drainConsoleErrors().stream()
                .filter(e -> !EXPECTED_ERROR.matcher(e).find()).toList();
        assertEquals(List.of(), unexpected, "console errors");
    }

    /** A clinic of its own with one patient, who has confirmed the safety check of the program given. */
    private record Patient(UUID clinic, UUID id, String token, JsonPath program) {
    }

    private Patient patientWith(List<Map<String, Object>> items) {
        UUID clinic = UUID.randomUUID();
        String physio = platform.staff("physio", clinic);
        UUID id = UUID.fromString(platform.as(physio).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Player E2E", "externalRef", "PLAYER-1", "timezone", "Europe/London"))
                .when().post("/api/v1/patients")
                .then().statusCode(201).extract().path("id"));
        JsonPath program = platform.as(physio).contentType(ContentType.JSON)
                .body(Map.of("items", items, "sessionsPerWeek", 3))
                .when().post("/api/v1/patients/{id}/programs", id)
                .then().statusCode(201).extract().jsonPath();
        String token = platform.patient(clinic, id);
        platform.as(token).when().post("/api/v1/patients/{id}/programs/{p}/safety-confirmation", id,
                program.getString("id")).then().statusCode(200);
        return new Patient(clinic, id, token, program);
    }

    private static Map<String, Object> twist(int reps) {
        return Map.of("exercise", "seated-spinal-twist",
                "dose", Map.of("sets", 1, "reps", reps, "holdSeconds", HOLD, "side", "EACH_SIDE"));
    }

    private static Map<String, Object> circles() {
        return Map.of("exercise", "shoulder-circles", "dose", Map.of("sets", 1, "reps", 2, "side", "BOTH"));
    }

    private void openToday(Patient patient) {
        RoutinePlayer.signInWithToken(browser, patient.token(), "patient", patient.clinic(), patient.id(), "/today");
        browser.heading("Today");
        browser.find(By.cssSelector(".player-start"));
    }

    /** Whether the player keeps the screen awake: held, released or unavailable. */
    private String wakeLock() {
        return browser.driver().findElement(By.cssSelector(".player")).getAttribute("data-wake-lock");
    }

    /** The patient's stored sessions, read through the API. */
    private JsonPath sessions(Patient patient) {
        return platform.as(patient.token()).get("/api/v1/patients/{id}/sessions?size=50", patient.id())
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aHoldStoppedEarlyOnTheLeftAndHeldInFullOnTheRightIsStoredAsHeldAndShowsAsADifference() {
        Patient patient = patientWith(List.of(twist(1)));
        openToday(patient);
        player.start(2);
        assertTrue(player.exercise().findElement(By.cssSelector(".dose")).getText().contains("each side"));
        // its picture, named by its alt text
        String picture = (String) browser.js("const t = document.querySelector('.player-figure svg[role=img] title');"
                + " return t ? t.textContent : ''");
        assertTrue(picture.contains("cross-legged"), picture);
        browser.await(d -> "held".equals(wakeLock()));

        // the left side: stopped a second or so in; its one repetition is done, so the player moves to the right
        assertTrue(player.action("start-hold").getText().contains("left"), player.action("start-hold").getText());
        player.holdAndStopEarly();
        browser.await(d -> player.action("start-hold").getText().contains("right"));
        // the right side: held until the player ends it at the prescribed time, with a beep and a vibration
        player.holdInFull();
        String right = player.tally("RIGHT");
        assertTrue(right.contains("holds " + HOLD + " s") && right.contains("all 1 set done"), right);
        browser.screenshot("player-holds");
        browser.assertAccessible("player with holds");
        player.next("done");
        browser.await(d -> "released".equals(wakeLock())); // the routine is over: the screen may sleep again
        player.finish(2, 4, null);
        player.save();
        browser.find(By.cssSelector(".card.done"));

        JsonPath stored = sessions(patient);
        assertEquals(1, stored.getList("items").size());
        List<Map<String, Object>> items = stored.getList("items[0].items");
        assertEquals(List.of("LEFT", "RIGHT"), items.stream().map(i -> i.get("side")).toList());
        assertEquals(List.of("DONE", "DONE"), items.stream().map(i -> i.get("status")).toList());
        int left = ((Number) items.get(0).get("holdSeconds")).intValue();
        assertTrue(left >= 1 && left < HOLD, "the left hold is stored as held, not as prescribed: " + left);
        assertEquals(HOLD, ((Number) items.get(1).get("holdSeconds")).intValue(), "the right hold, held in full");
        assertEquals(List.of(1, 1), items.stream().map(i -> ((Number) i.get("repsDone")).intValue()).toList());
        assertEquals(2, stored.getInt("items[0].painBefore"));

        // the physio's patient page (on a desk's screen) shows the difference between the sides
        browser.resize(1366, 1000);
        String physio = platform.staff("physio", patient.clinic());
        RoutinePlayer.signInWithToken(browser, physio, "physio", patient.clinic(), null, "/patients/" + patient.id());
        browser.heading("Player E2E");
        Pattern holds = Pattern.compile("\\b" + left + "(\\.0)?\\s*/\\s*" + HOLD + "(\\.0)?\\b");
        WebElement row = browser.await(d -> d.findElements(By.xpath("//tr[th[contains(., 'seated-spinal-twist')"
                + " or contains(., 'Seated Spinal Twist')]]")).stream().findFirst().orElse(null));
        assertTrue(holds.matcher(row.getText()).find(), "left / right holds on the physio's page: " + row.getText());
        browser.screenshot("physio-sees-left-right");
        browser.resize(360, 740);
    }

    @Test
    void aRoutineDoneWithTheNetworkCutInTheMiddleIsStoredOnceWhenItReturns() {
        Patient patient = patientWith(List.of(circles(), twist(1)));
        String note = "Player offline " + UUID.randomUUID();
        openToday(patient);
        player.start(4);

        // the network goes after the start: the routine goes on without it
        browser.offline(true);
        player.tap("rep");
        player.tap("rep");
        browser.await(d -> player.tally("ONE").contains("all 1 set done"));
        player.next("done");
        player.holdAndStopEarly();
        player.holdAndStopEarly();
        player.next("done");
        player.finish(3, 5, note);
        player.save();
        browser.await(d -> player.formText().contains("Your session is saved on this device"));
        browser.screenshot("player-saved-offline");
        assertEquals(0, sessions(patient).getList("items").size(), "nothing reached the server yet");

        browser.offline(false);
        WebElement done = browser.find(By.cssSelector(".card.done"));
        assertTrue(done.getText().contains("pain 4 before, 3 after"), done.getText());
        browser.await(d -> browser.js("return localStorage.getItem('rehabit.outbox')") == null);
        JsonPath stored = sessions(patient);
        assertEquals(1, stored.getList("items.findAll { it.notes == '" + note + "' }").size(),
                "stored exactly once");
        assertEquals(1, stored.getList("items").size());
        assertEquals(List.of("DONE", "DONE", "DONE"), stored.getList("items[0].items.status"));
    }

    @Test
    void nothingIsPreMarkedPainBeforeIsAskedFirstAndRestAndReloadWork() {
        Patient patient = patientWith(List.of(Map.of("exercise", "shoulder-circles",
                "dose", Map.of("sets", 2, "reps", 1, "restSeconds", 2, "side", "BOTH")), twist(2)));
        openToday(patient);

        // pain right now comes first: Start without it says so and shows no exercise
        browser.find(By.cssSelector(".player-start fieldset.scale[data-name=painBefore]"));
        player.tap("start");
        WebElement error = browser.find(By.cssSelector(".player-start .status.error"));
        assertTrue(error.getText().contains("pain right now"), error.getText());
        assertTrue(browser.driver().findElements(By.cssSelector(".player-exercise")).isEmpty());
        browser.assertAccessible("player start");
        player.start(5);

        // the first exercise rep by rep: its first set ends with the rest, whose end beeps and vibrates
        assertTrue(player.exerciseName().contains("Shoulder Circles"), player.exerciseName());
        int signals = player.signals();
        player.tap("rep");
        browser.find(By.cssSelector(".player .rest .rest-display"));
        browser.await(d -> player.signals() > signals && d.findElements(By.cssSelector(".player .rest")).isEmpty());
        assertTrue(player.tally("ONE").contains("set 2 of 2"), player.tally("ONE"));
        // a reload mid-routine carries on where it was
        browser.driver().navigate().refresh();
        browser.heading("Today");
        browser.await(d -> player.tally("ONE").contains("set 2 of 2"));
        player.tap("rep");
        browser.await(d -> player.tally("ONE").contains("all 2 sets done"));
        player.next("done");

        // the second: "Done" without anything counted is not taken for done; the patient goes on without it
        assertTrue(player.exerciseName().contains("Seated Spinal Twist"), player.exerciseName());
        player.tap("done");
        WebElement warning = browser.find(By.cssSelector(".player-exercise .status.warning"));
        assertTrue(warning.getText().contains("Nothing is counted yet"), warning.getText());
        player.next("next");
        String summary = browser.find(By.cssSelector("form.log .summary-list")).getText();
        assertTrue(summary.contains("Left: skipped; Right: skipped"), summary);
        player.finish(5, null, null);
        player.save();
        browser.find(By.cssSelector(".card.done"));

        JsonPath stored = sessions(patient);
        assertEquals(5, stored.getInt("items[0].painBefore"));
        List<Map<String, Object>> items = stored.getList("items[0].items");
        assertEquals(3, items.size(), "every item of the program, the two-sided one per side");
        assertEquals("DONE", items.get(0).get("status"));
        assertNull(items.get(0).get("side"));
        assertEquals(2, ((Number) items.get(0).get("repsDone")).intValue());
        assertEquals(2, ((Number) items.get(0).get("setsDone")).intValue());
        assertEquals(List.of("SKIPPED", "SKIPPED"), List.of(items.get(1).get("status"), items.get(2).get("status")));
        assertFalse(items.get(1).get("side") == null || items.get(2).get("side") == null, items.toString());
        assertNull(browser.js("return sessionStorage.getItem('rehabit.player')"), "the finished routine is forgotten");
    }
}

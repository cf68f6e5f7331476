package org.rehabit.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.UUID;

/**
 * The patient's taps in the routine player ({@code #/today}): pain right now and Start, the buttons of one exercise,
 * the end screen's pain after, difficulty, notes and Save. Every tap finds its button afresh (the player redraws).
 */
final class RoutinePlayer {

    private final Browser browser;

    RoutinePlayer(Browser browser) {
        this.browser = browser;
    }

    /** Signs in with a token the test made (a patient or a physio of a clinic the test created), then opens a route. */
    static void signInWithToken(Browser browser, String token, String role, UUID clinic, UUID patient, String route) {
        browser.open("/login");
        browser.js("sessionStorage.clear()");
        browser.driver().navigate().refresh();
        browser.heading("Sign in");
        browser.js("sessionStorage.setItem('rehabit.session', JSON.stringify({token: arguments[0],"
                + " role: arguments[1], subject: arguments[1] + '-e2e', clinicId: arguments[2], patientId: arguments[3]}))",
                token, role, clinic.toString(), patient == null ? null : patient.toString());
        browser.open(route);
    }

    /** The start screen: taps the pain right now, then Start; waits for the first exercise. */
    void start(int painBefore) {
        tapScale("painBefore", painBefore);
        tap(action("start"));
        exercise();
    }

    /** The exercise on screen. */
    WebElement exercise() {
        return browser.find(By.cssSelector(".player-exercise"));
    }

    String exerciseName() {
        return exercise().findElement(By.tagName("h2")).getText();
    }

    /** A button of the player by its action: start, start-hold, stop, rep, set-done, side-LEFT, hurts, back, skip, done, next. */
    WebElement action(String name) {
        return browser.find(By.cssSelector(".player [data-action='" + name + "']"));
    }

    /** Taps a button of the player (scrolled into view first, as a thumb would reach it). */
    void tap(String action) {
        tap(action(action));
    }

    void tap(WebElement button) {
        browser.js("arguments[0].scrollIntoView({block: 'center'})", button);
        button.click();
    }

    /** Taps a value on one of the 0–10 scales (painBefore, painDuring, painAfter, perceivedDifficulty). */
    void tapScale(String name, int value) {
        tap(browser.find(By.cssSelector(".player fieldset.scale[data-name='" + name + "'] button[data-value='" + value + "']")));
    }

    /** The hold timer's display, e.g. "2 s". */
    String timer() {
        return browser.find(By.cssSelector(".player .timer-display")).getText();
    }

    /** The tally line of one side (LEFT, RIGHT, or ONE for an item without sides). */
    String tally(String side) {
        return browser.find(By.cssSelector(".player .tally li[data-side='" + side + "']")).getText();
    }

    /** Starts a hold and stops it once it has lasted a second, well before its prescribed end. */
    void holdAndStopEarly() {
        tap("start-hold");
        browser.await(d -> timer().matches("[1-9]\\d* s") && !d.findElements(By.cssSelector(".player [data-action='stop']")).isEmpty());
        tap("stop");
        browser.find(By.cssSelector(".player [data-action='start-hold']"));
    }

    /** Starts a hold and waits for the player to end it at the prescribed time (its sound and vibration). */
    void holdInFull() {
        int signals = signals();
        tap("start-hold");
        browser.await(d -> signals() > signals);
        browser.find(By.cssSelector(".player [data-action='start-hold']"));
    }

    /** How often the player has beeped and vibrated (a hold or a rest ended). */
    int signals() {
        Object count = browser.js("const p = document.querySelector('.player'); return p ? Number(p.dataset.signals || 0) : 0");
        return ((Number) count).intValue();
    }

    /** Goes on to the next exercise (or the end screen) and waits until it is shown. */
    void next(String action) {
        String item = exercise().getAttribute("data-item");
        tap(action);
        browser.await(d -> {
            List<WebElement> shown = d.findElements(By.cssSelector(".player-exercise"));
            return !d.findElements(By.cssSelector("form.log")).isEmpty()
                    || (!shown.isEmpty() && !item.equals(shown.get(0).getAttribute("data-item")));
        });
    }

    /** Taps Next on every remaining exercise, doing nothing, up to the end screen. */
    void nextToTheEnd() {
        while (browser.driver().findElements(By.cssSelector("form.log")).isEmpty()) {
            next("next");
        }
    }

    /** The end screen: pain now, how hard it was, a note for the physio (not yet saved). */
    void finish(int painAfter, Integer difficulty, String note) {
        browser.find(By.cssSelector("form.log"));
        tapScale("painAfter", painAfter);
        if (difficulty != null) {
            tapScale("perceivedDifficulty", difficulty);
        }
        if (note != null) {
            browser.find(By.cssSelector("form.log textarea[name=notes]")).sendKeys(note);
        }
    }

    void save() {
        tap(browser.find(By.cssSelector("form.log button[type=submit]")));
    }

    /** The end screen's text, or "" once it has made way for the confirmation. */
    String formText() {
        return browser.driver().findElements(By.cssSelector("form.log")).stream().findFirst()
                .map(WebElement::getText).orElse("");
    }
}

package org.rehabit.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outcome measures in the web app, in Chromium against the three real services (platform and browser as in
 * {@link WebAppIT}): a content editor imports made-up test text for the NDI (Rehabit ships none); a physio assigns
 * it at intake on the patient's page; the patient sees it due on Today, answers it with labelled radio buttons (one
 * by keyboard) and reads the score; the physio sees the score; the patient answers again six points worse; the
 * physio sees that change marked as more than the clinically important change and the "Outcome measure worse"
 * alert. Also: the PSFS's activity left unnamed is marked on its field, an instrument without text says so instead
 * of showing bare numbers, an answer with two NDI sections left out shows why it has no score, a cancelled measure
 * stays listed as cancelled, and everything fits a 360 px phone. The clinic and patient are the test's own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutcomeMeasureScreensIT extends BrowserTestBase {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String NAME = "Olive Outcome " + RUN;
    private static final String NDI = "Neck Disability Index";

    private final UUID clinic = UUID.randomUUID();
    private String physio;
    private UUID patient;
    private String patientToken;

    @BeforeAll
    void start() {
        physio = platform.staff("physio", clinic);
        patient = UUID.fromString(platform.as(physio).contentType("application/json")
                .body(Map.of("displayName", NAME, "timezone", "Europe/London"))
                .post("/api/v1/patients").then().statusCode(201).extract().path("id"));
        patientToken = platform.patient(clinic, patient);
    }

    @Test
    @Order(1)
    void anEditorImportsTestTextAndAPhysioAssignsTheNdiAtIntake() {
        int version = platform.as(physio).get("/api/v1/instruments/ndi").then().statusCode(200).extract().path("version");
        List<Map<String, Object>> items = new ArrayList<>();
        for (int s = 1; s <= 10; s++) {
            List<Map<String, Object>> labels = new ArrayList<>();
            for (int v = 0; v <= 5; v++) {
                labels.add(Map.of("value", v, "label", "Test answer " + s + "." + v));
            }
            items.add(Map.of("id", "s" + s, "text", "Test section " + s + " (made-up wording for a browser test)",
                    "labels", labels));
        }
        platform.as(platform.editor()).contentType("application/json")
                .body(Map.of("instructions", "TEST WORDING ONLY: not the licensed NDI text. Choose one answer per section.",
                        "items", items, "source", "Browser test " + RUN))
                .put("/api/v1/instruments/ndi/versions/{v}/text", version).then().statusCode(200);

        RoutinePlayer.signInWithToken(browser, physio, "physio", clinic, null, "/patients/" + patient);
        browser.heading(NAME);
        assertTrue(outcomes().getText().contains("No outcome measures assigned."), outcomes().getText());
        assign(NDI, "At intake (due now, once)", null);
        WebElement ndi = measure(NDI);
        assertTrue(ndi.getText().contains("At intake · Due now · 0 responses"), ndi.getText());
        assertTrue(ndi.getText().contains("Not answered yet."), ndi.getText());
        // the PSFS every two weeks too (a patient names its activities)
        assign("Patient-Specific Functional Scale", "Every few weeks", 2);
        assertTrue(measure("Patient-Specific Functional Scale").getText().contains("Every 2 weeks · Due now"),
                measure("Patient-Specific Functional Scale").getText());
        phone("patient-outcome-measures-assigned");
        browser.assertAccessible("patient page with outcome measures");
    }

    @Test
    @Order(2)
    void thePatientSeesTheNdiDueAnswersItAndReadsTheScore() {
        RoutinePlayer.signInWithToken(browser, patientToken, "patient", clinic, patient, "/today");
        browser.heading("Today");
        WebElement due = browser.await(d -> d.findElements(By.cssSelector(".due-questionnaires p")).stream()
                .filter(p -> p.getText().startsWith(NDI + " is due.")).findFirst().orElse(null));
        due.findElement(By.linkText("Answer the " + NDI)).click();
        browser.heading(NDI);
        assertTrue(browser.find(By.cssSelector(".instructions")).getText().startsWith("TEST WORDING ONLY"));
        List<WebElement> questions = browser.driver().findElements(By.cssSelector("fieldset.question"));
        assertEquals(10, questions.size());
        assertEquals("1. Test section 1 (made-up wording for a browser test)",
                questions.get(0).findElement(By.tagName("legend")).getText());
        assertEquals(List.of("0 — Test answer 1.0", "1 — Test answer 1.1", "2 — Test answer 1.2", "3 — Test answer 1.3",
                        "4 — Test answer 1.4", "5 — Test answer 1.5"),
                questions.get(0).findElements(By.tagName("label")).stream().map(WebElement::getText).toList());
        phone("ndi-questionnaire");
        browser.assertAccessible("NDI questionnaire");

        // section 1 by keyboard: space picks the first answer, two arrow keys move to "2"
        WebElement first = radio("s1", 0);
        browser.js("arguments[0].scrollIntoView({block: 'center'})", first);
        first.sendKeys(Keys.SPACE);
        first.sendKeys(Keys.ARROW_DOWN);
        radio("s1", 1).sendKeys(Keys.ARROW_DOWN);
        assertTrue(radio("s1", 2).isSelected(), "answered by keyboard");
        for (int s = 2; s <= 10; s++) {
            choose("s" + s, 2);
        }
        send();
        assertEquals("Your " + NDI + " score is 20 (on a scale from 0 to 50, where higher is worse).", result());
    }

    @Test
    @Order(3)
    void aPsfsActivityRatedWithoutANameIsMarkedOnItsField() {
        browser.find(By.linkText("Back to My progress")).click();
        browser.heading("My progress");
        WebElement psfs = browser.find(By.xpath("//section[@aria-labelledby='questionnaires-title']"
                + "//li[.//h3[normalize-space()='Patient-Specific Functional Scale']]"));
        assertTrue(psfs.getText().contains("Due now."), psfs.getText());
        psfs.findElement(By.linkText("Answer the Patient-Specific Functional Scale")).click();
        browser.heading("Patient-Specific Functional Scale");
        choose("activity1", 3);
        send();
        WebElement name = browser.find(By.name("activity-activity1"));
        browser.await(d -> "true".equals(name.getAttribute("aria-invalid")));
        WebElement message = browser.find(By.id(name.getAttribute("aria-describedby")));
        assertEquals("must name the activity rated", message.getText());
        List<String> errors = browser.drainConsoleErrors();
        assertTrue(errors.stream().allMatch(e -> e.contains("status of 400")), errors.toString());

        name.sendKeys("Test activity: reaching a high shelf");
        send();
        assertEquals("Your Patient-Specific Functional Scale score is 3 (on a scale from 0 to 10, where lower is worse).",
                result());
    }

    @Test
    @Order(4)
    void aQuestionnaireWithoutTextSaysTheClinicHasNotAddedTheQuestions() {
        String odi = platform.as(physio).contentType("application/json")
                .body(Map.of("instrument", "odi", "schedule", "DISCHARGE"))
                .post("/api/v1/patients/{id}/outcome-measures", patient).then().statusCode(201).extract().path("id");
        browser.open("/questionnaires/" + odi);
        browser.heading("Oswestry");
        String shown = browser.find(By.cssSelector("main .questionnaire .status")).getText();
        assertTrue(shown.startsWith("Your clinic has not added the questions of the Oswestry Disability Index (2.1a) yet."),
                shown);
        assertTrue(browser.driver().findElements(By.cssSelector("main input[type=radio]")).isEmpty(), "no bare numbers");
    }

    @Test
    @Order(5)
    void thePhysioSeesTheScoreThenAWorseAnswerMarkedClinicallyImportantAndTheAlert() {
        RoutinePlayer.signInWithToken(browser, physio, "physio", clinic, null, "/patients/" + patient);
        browser.heading(NAME);
        assertEquals(List.of("20 (baseline)", "baseline", "—"), cells(rows(NDI).get(0)));
        assertTrue(measure(NDI).getText().contains("At intake · Answered; nothing more due · 1 response"),
                measure(NDI).getText());

        // the patient answers again: sections 1 to 6 one step worse, 26 of 50
        RoutinePlayer.signInWithToken(browser, patientToken, "patient", clinic, patient, "/progress");
        browser.heading("My progress");
        browser.find(By.linkText("Answer the " + NDI + " again")).click();
        browser.heading(NDI);
        for (int s = 1; s <= 10; s++) {
            choose("s" + s, s <= 6 ? 3 : 2);
        }
        send();
        assertEquals("Your " + NDI + " score is 26 (on a scale from 0 to 50, where higher is worse).", result());

        RoutinePlayer.signInWithToken(browser, physio, "physio", clinic, null, "/patients/" + patient);
        browser.heading(NAME);
        List<WebElement> rows = browser.await(d -> rows(NDI).size() == 2 ? rows(NDI) : null);
        String worse = "worse by 6 — more than the 5-point clinically important change";
        assertEquals(List.of("26", worse, worse), cells(rows.get(1)));
        assertEquals("worse", rows.get(1).findElements(By.tagName("td")).get(1).getAttribute("class"));
        assertTrue(measure(NDI).findElement(By.tagName("caption")).getText()
                .contains("higher is worse; clinically important change 5 points"));
        browser.assertChartsDrawn(".outcome-chart canvas", 1);
        WebElement alert = browser.await(d -> d.findElements(By.cssSelector("section.patient-alerts li")).stream()
                .filter(li -> li.getText().startsWith("Outcome measure worse — ")).findFirst().orElse(null));
        assertTrue(alert.getText().contains("NDI"), alert.getText());
        phone("patient-outcome-worse");
        browser.assertAccessible("patient page with an outcome trend and its alert");

        // the dashboard names the rule in words too
        browser.open("/dashboard");
        browser.heading("Clinic dashboard");
        String alerts = browser.await(d -> {
            String text = d.findElement(By.cssSelector("section.alerts")).getAttribute("textContent");
            return text.contains("Outcome measure worse — " + NAME) ? text : null;
        });
        assertTrue(alerts.contains("NDI"), alerts);
    }

    @Test
    @Order(6)
    void anAnswerWithTooManySectionsLeftOutHasNoScoreAndBothSeeWhy() {
        RoutinePlayer.signInWithToken(browser, patientToken, "patient", clinic, patient, "/progress");
        browser.heading("My progress");
        browser.find(By.linkText("Answer the " + NDI + " again")).click();
        browser.heading(NDI);
        for (int s = 1; s <= 8; s++) {
            choose("s" + s, 1);
        }
        send();
        String reason = "2 of 10 items unanswered; at most 1 may be missing for a score";
        assertEquals("There is no score this time: " + reason + ".", result());

        RoutinePlayer.signInWithToken(browser, physio, "physio", clinic, null, "/patients/" + patient);
        browser.heading(NAME);
        List<WebElement> rows = browser.await(d -> rows(NDI).size() == 3 ? rows(NDI) : null);
        assertEquals(List.of("No score: " + reason, "—", "—"), cells(rows.get(2)));
        phone("patient-outcome-unscored");

        // the physio cancels the ODI once they have confirmed: it stays listed, cancelled, with no Cancel button
        WebElement cancel = measure("Oswestry").findElement(By.xpath(".//button[normalize-space()='Cancel measure']"));
        browser.js("arguments[0].scrollIntoView({block: 'center'})", cancel);
        cancel.click();
        browser.driver().switchTo().alert().accept();
        browser.await(d -> measure("Oswestry").getText().contains("At discharge · Cancelled "));
        assertTrue(measure("Oswestry").findElements(By.tagName("button")).isEmpty(), measure("Oswestry").getText());
    }

    private WebElement outcomes() {
        return browser.find(By.cssSelector("section.outcomes"));
    }

    private WebElement measure(String name) {
        return browser.find(By.xpath("//section[contains(@class,'outcomes')]//li[contains(@class,'outcome')]"
                + "[.//h3[starts-with(normalize-space(), '" + name + "')]]"));
    }

    private List<WebElement> rows(String name) {
        return measure(name).findElements(By.cssSelector("table.outcome-scores tbody tr"));
    }

    /** A row's score, change from baseline and change from previous, as shown. */
    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    /** Assigns through the patient page's form and waits for the page to show the measure. */
    private void assign(String instrument, String when, Integer everyWeeks) {
        WebElement summary = browser.find(By.xpath("//summary[normalize-space()='Assign an outcome measure']"));
        if (browser.find(By.cssSelector("details.assign-outcome")).getAttribute("open") == null) {
            summary.click();
        }
        new Select(browser.find(By.cssSelector("details.assign-outcome select[name=instrument]")))
                .selectByVisibleText(instrument);
        browser.find(By.xpath("//details[contains(@class,'assign-outcome')]//label[normalize-space()='" + when + "']"))
                .click();
        if (everyWeeks != null) {
            WebElement weeks = browser.find(By.name("everyWeeks"));
            weeks.clear();
            weeks.sendKeys(String.valueOf(everyWeeks));
        }
        browser.find(By.xpath("//button[normalize-space()='Assign measure']")).click();
        measure(instrument);
    }

    private WebElement radio(String item, int value) {
        return browser.find(By.cssSelector("fieldset[data-item='" + item + "'] input[value='" + value + "']"));
    }

    /** Picks an answer by its label, as a tap would. */
    private void choose(String item, int value) {
        WebElement input = radio(item, value);
        WebElement label = browser.find(By.cssSelector("label[for='" + input.getAttribute("id") + "']"));
        browser.js("arguments[0].scrollIntoView({block: 'center'})", label);
        label.click();
        assertTrue(input.isSelected(), item + " = " + value);
    }

    private void send() {
        WebElement button = browser.find(By.xpath("//button[normalize-space()='Send answers']"));
        browser.js("arguments[0].scrollIntoView({block: 'center'})", button);
        button.click();
    }

    private String result() {
        return browser.find(By.cssSelector(".questionnaire-result p")).getText();
    }

    private void phone(String screenshot) {
        browser.resize(360, 740);
        try {
            browser.assertNoSidewaysScrolling();
            browser.screenshot(screenshot + "-phone");
        } finally {
            browser.resize(1366, 1000);
        }
    }
}

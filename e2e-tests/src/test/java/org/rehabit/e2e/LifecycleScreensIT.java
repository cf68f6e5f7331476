package org.rehabit.e2e;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web app's patient lifecycle screens, in Chromium against the three real services (the platform and browser set
 * up as in {@link WebAppIT}): on the patient's page a physio voids a session with a reason and sees it struck through
 * with the reason and the figures counting one session fewer, discharges the patient and sees the discharge line,
 * reactivates them (a session voided meanwhile shows the server's 409 message; a discharge after someone else changed
 * the patient saves nothing and says so), and opens the printable record, which names the patient. The patient is registered by the test
 * and logs two sessions through the API, so other tests' data does not matter.
 */
class LifecycleScreensIT extends BrowserTestBase {

    private static final UUID RIVERSIDE = UUID.fromString("0c1a1c00-0000-4000-8000-000000000001");
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String NAME = "Lena Lifecycle " + RUN;

    private String patient;

    @BeforeAll
    void start() {
        String physio = platform.staff("physio", RIVERSIDE);
        patient = platform.as(physio).contentType("application/json")
                .body("{\"displayName\": \"" + NAME + "\", \"timezone\": \"Europe/London\"}")
                .post("/api/v1/patients").then().statusCode(201).extract().path("id");
        JsonPath program = platform.as(physio).contentType("application/json")
                .body(Map.of("template", "upper-back-pinched-nerve-starter", "sessionsPerWeek", 3))
                .post("/api/v1/patients/{id}/programs", patient).then().statusCode(201).extract().jsonPath();
        String self = platform.patient(RIVERSIDE, UUID.fromString(patient));
        platform.as(self).post("/api/v1/patients/{id}/programs/{p}/safety-confirmation", patient, program.getString("id"))
                .then().statusCode(200);
        // (minutes ago, as other tests do: a session dated before the program's first day is refused)
        for (int minutesAgo : new int[] {2, 1}) {
            platform.as(self).contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(Map.of("performedAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(minutesAgo)
                                    .truncatedTo(ChronoUnit.SECONDS).toString(), "painBefore", 3, "painAfter", 2,
                            "notes", "session " + minutesAgo,
                            "items", List.of(Map.of("programItemId", program.getString("items[0].id"), "status", "DONE"))))
                    .post("/api/v1/patients/{id}/sessions", patient).then().statusCode(201);
        }
    }

    private String figure(String label) {
        return browser.find(By.xpath("//dl[@class='figures']/div[dt[normalize-space()='" + label + "']]/dd")).getText();
    }

    private WebElement row(String notes) {
        return browser.find(By.xpath("//table[contains(@class,'sessions')]//tr[td[normalize-space()='" + notes + "']]"));
    }

    @Test
    void aPhysioVoidsASessionDischargesReactivatesAndOpensThePrintableRecord() {
        browser.signIn("physio.riverside");
        browser.open("/patients/" + patient);
        browser.heading(NAME);
        browser.await(d -> "2".equals(figure("Sessions done")));

        // void the older session: the Void button opens a labelled reason field
        row("session 2").findElement(By.xpath(".//button[normalize-space()='Void']")).click();
        WebElement reason = browser.find(By.xpath("//label[normalize-space()='Reason for voiding']"));
        WebElement input = browser.find(By.id(reason.getAttribute("for")));
        assertEquals(input, browser.driver().switchTo().activeElement(), "the reason field has the focus");
        input.sendKeys("Logged for the wrong day");
        browser.find(By.xpath("//form[contains(@class,'void-form')]//button[normalize-space()='Void session']")).click();
        browser.await(d -> row("session 2").getText().contains("Voided: Logged for the wrong day"));
        assertTrue(row("session 2").getAttribute("class").contains("voided"), "struck through");
        assertEquals("line-through", browser.js("return getComputedStyle(arguments[0]).textDecorationLine",
                row("session 2").findElement(By.tagName("th"))));
        assertTrue(row("session 1").findElements(By.xpath(".//button[normalize-space()='Void']")).size() == 1,
                "the other session can still be voided");
        assertTrue(row("session 2").findElements(By.xpath(".//button[normalize-space()='Void']")).isEmpty(),
                "no Void on a voided session");
        browser.await(d -> "1".equals(figure("Sessions done")));

        // discharge, with the last day of access left to the default
        browser.find(By.id("discharge-reason")).sendKeys("Goals met");
        assertEquals("Last day of access (optional)",
                browser.find(By.cssSelector("label[for='discharge-until']")).getText());
        browser.find(By.xpath("//form[contains(@class,'discharge-form')]//button[normalize-space()='Discharge']")).click();
        String line = browser.find(By.cssSelector("section.discharge .discharge-line")).getText();
        assertTrue(line.matches("Discharged on .+ — access until .+"), line);
        assertTrue(browser.find(By.cssSelector("section.discharge")).getText().contains("Goals met"));
        assertTrue(browser.driver().findElements(By.linkText("Assign a program")).isEmpty(), "no new program while discharged");
        assertEquals("DISCHARGED", platform.as(platform.staff("physio", RIVERSIDE))
                .get("/api/v1/patients/{id}", patient).then().statusCode(200).extract().path("status"));

        browser.resize(360, 740);
        try {
            browser.assertNoSidewaysScrolling();
            browser.screenshot("patient-discharged-phone");
        } finally {
            browser.resize(1366, 1000);
        }
        browser.assertAccessible("patient page, discharged, with a voided session");

        // reactivate: the discharge form is back
        browser.find(By.xpath("//section[contains(@class,'discharge')]//button[normalize-space()='Reactivate']")).click();
        browser.find(By.id("discharge-reason"));
        assertTrue(browser.driver().findElements(By.cssSelector(".discharge-line")).isEmpty(), "no discharge line");
        browser.find(By.linkText("Assign a program"));
        assertEquals("ACTIVE", platform.as(platform.staff("physio", RIVERSIDE))
                .get("/api/v1/patients/{id}", patient).then().statusCode(200).extract().path("status"));

        // voided meanwhile by someone else: the Void form shows the server's 409 message
        String physio = platform.staff("physio", RIVERSIDE);
        String other = platform.as(physio).get("/api/v1/patients/{id}/sessions", patient).then().statusCode(200)
                .extract().jsonPath().getString("items.find { it.notes == 'session 1' }.id");
        platform.as(physio).contentType("application/json").body(Map.of("reason", "Duplicate"))
                .post("/api/v1/patients/{id}/sessions/{s}/void", patient, other).then().statusCode(200);
        String detail = platform.as(physio).contentType("application/json").body(Map.of("reason", "Duplicate"))
                .post("/api/v1/patients/{id}/sessions/{s}/void", patient, other).then().statusCode(409)
                .extract().path("detail");
        row("session 1").findElement(By.xpath(".//button[normalize-space()='Void']")).click();
        browser.driver().switchTo().activeElement().sendKeys("Twice");
        row("session 1").findElement(By.xpath(".//button[normalize-space()='Void session']")).click();
        browser.await(d -> row("session 1").findElement(By.cssSelector("[role=alert]")).getText().contains(detail));

        // someone discharges and reactivates the patient after the page was read: a discharge from the page saves
        // nothing, the page is read again and says so
        String etag = platform.as(physio).get("/api/v1/patients/{id}", patient).then().statusCode(200).extract().header("ETag");
        platform.as(physio).contentType("application/json").header("If-Match", etag).body(Map.of("reason", "Moved"))
                .post("/api/v1/patients/{id}/discharge", patient).then().statusCode(200);
        etag = platform.as(physio).get("/api/v1/patients/{id}", patient).then().statusCode(200).extract().header("ETag");
        platform.as(physio).header("If-Match", etag).post("/api/v1/patients/{id}/reactivation", patient)
                .then().statusCode(200);
        browser.find(By.id("discharge-reason")).sendKeys("Goals met");
        browser.find(By.xpath("//form[contains(@class,'discharge-form')]//button[normalize-space()='Discharge']")).click();
        browser.await(d -> d.findElement(By.tagName("main")).getText().contains("Someone changed this patient"));
        assertEquals("ACTIVE", platform.as(physio).get("/api/v1/patients/{id}", patient).then().statusCode(200)
                .extract().path("status"));
        List<String> errors = browser.drainConsoleErrors();
        assertTrue(errors.stream().allMatch(e -> e.contains("status of 409") || e.contains("status of 412")),
                errors.toString());

        // the JSON export is offered too; the printable record opens in a new tab and names the patient
        assertFalse(browser.driver().findElements(By.linkText("Export record (JSON)")).isEmpty());
        String app = browser.driver().getWindowHandle();
        browser.find(By.linkText("Printable record")).click();
        String tab = browser.await(d -> {
            Set<String> handles = d.getWindowHandles();
            return handles.size() == 2 ? handles.stream().filter(h -> !h.equals(app)).findFirst().orElse(null) : null;
        });
        browser.driver().switchTo().window(tab);
        try {
            browser.await(d -> d.findElement(By.tagName("body")).getText().contains(NAME));
            assertTrue(browser.driver().findElement(By.tagName("body")).getText().contains("Logged for the wrong day"),
                    "the voided session with its reason is in the record");
        } finally {
            browser.driver().close();
            browser.driver().switchTo().window(app);
        }
    }
}

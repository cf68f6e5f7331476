package org.rehabit.e2e;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web app's caseload screens and the printable handout, in Chromium against the three real services (the
 * platform and browser set up as in {@link WebAppIT}): a physio switches the dashboard to "My patients" and sees
 * only theirs (the choice survives a reload), the assigned physio shows by name (a legacy free-text physio marked
 * as not linked), a clinic-admin reassigns a patient, a stale reassign is refused with the conflict message and the
 * page shows who is assigned now, and the handout lists the program's exercises with their doses, for the physio
 * and for the patient. Each patient is registered by the test, so other tests' data does not matter.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CaseloadScreensIT extends BrowserTestBase {

    private static final UUID RIVERSIDE = UUID.fromString("0c1a1c00-0000-4000-8000-000000000001");
    private static final UUID ADA = UUID.fromString("9a7e0000-0000-4000-8000-0000000000a1");
    /** What {@link RunningPlatform#staff} names the physio its token stands for (no name claim: shown as is). */
    private static final String OTHER_PHYSIO = "physio-0c1a1c00";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private String other;
    private String admin;
    private String mine;
    private String theirs;

    @BeforeAll
    void start() {
        other = platform.staff("physio", RIVERSIDE);
        admin = platform.staff("clinic-admin", RIVERSIDE);
        // the other physio registers two patients: one for physio.riverside (Paul Physio), one stays theirs
        mine = register("Mia Mine " + RUN, "physio.riverside");
        theirs = register("Otto Other " + RUN, null);
    }

    private String register(String name, String physioId) {
        String physio = physioId == null ? "" : ", \"physioId\": \"" + physioId + "\"";
        return platform.as(other).contentType("application/json")
                .body("{\"displayName\": \"" + name + "\", \"timezone\": \"Europe/London\"" + physio + "}")
                .post("/api/v1/patients").then().statusCode(201).extract().path("id");
    }

    private String physioOf(String patient) {
        return platform.as(admin).get("/api/v1/patients/{id}", patient).then().statusCode(200).extract().path("physioId");
    }

    private String summary() {
        return browser.find(By.cssSelector("main .summary")).getText();
    }

    private List<String> rowNames() {
        return browser.driver().findElements(By.cssSelector("main table.patients tbody tr[data-patient] th a"))
                .stream().map(WebElement::getText).toList();
    }

    private String shownPhysio() {
        return browser.find(By.cssSelector("section.caseload .physio-name")).getText();
    }

    @Test
    @Order(1)
    void aPhysioSwitchesToMyPatientsAndSeesOnlyTheirOwn() {
        browser.signIn("physio.riverside");
        browser.heading("Clinic dashboard");
        assertTrue(browser.find(By.id("caseload-all")).isSelected(), "all patients until the physio chooses");
        browser.find(By.id("patient-search")).sendKeys(RUN);
        browser.find(By.xpath("//form[@role='search']//button[normalize-space()='Search']")).click();
        browser.await(d -> summary().startsWith("2 patients"));
        assertEquals(List.of("Mia Mine " + RUN, "Otto Other " + RUN), rowNames());

        // by keyboard: from "All patients" the arrow key moves to "My patients" and selects it
        browser.find(By.id("caseload-all")).sendKeys(Keys.ARROW_LEFT);
        browser.await(d -> summary().startsWith("1 patient assigned to you"));
        assertEquals(List.of("Mia Mine " + RUN), rowNames());

        // the choice is kept on this device: after a reload the dashboard still shows only theirs, as many as the
        // API says are assigned to them
        browser.driver().navigate().refresh();
        browser.heading("Clinic dashboard");
        assertTrue(browser.find(By.id("caseload-mine")).isSelected(), "My patients remembered");
        String token = platform.api().contentType("application/json")
                .body("{\"username\": \"physio.riverside\", \"password\": \"demo\"}").post("/auth/token")
                .then().statusCode(200).extract().path("accessToken");
        int assigned = platform.as(token).get("/api/v1/patients?assignedTo=me&size=1").then().statusCode(200)
                .extract().path("total");
        browser.await(d -> summary().startsWith(assigned + " patients assigned to you"));
        assertFalse(browser.find(By.cssSelector("main table.patients")).getText().contains("Otto Other " + RUN));
        browser.resize(360, 740);
        try {
            browser.assertNoSidewaysScrolling();
            browser.screenshot("dashboard-my-patients-phone");
        } finally {
            browser.resize(1366, 1000);
        }
        browser.assertAccessible("dashboard, my patients");

        // the patient's page names the physio as the staff list does, and offers a physio no reassigning
        browser.open("/patients/" + mine);
        browser.heading("Mia Mine " + RUN);
        browser.await(d -> "Paul Physio".equals(shownPhysio()));
        assertTrue(browser.driver().findElements(By.cssSelector("form.reassign")).isEmpty(), "no reassign for a physio");

        browser.open("/dashboard");
        browser.find(By.id("caseload-all")).click();
        browser.await(d -> !summary().isEmpty() && !summary().contains("assigned to you") && !summary().contains("Loading"));
    }

    @Test
    @Order(2)
    void aClinicAdminReassignsAPatientAndTheNewPhysiosNameShows() {
        browser.signIn("admin.riverside");
        browser.open("/patients/" + theirs);
        browser.heading("Otto Other " + RUN);
        assertEquals(OTHER_PHYSIO, shownPhysio());
        new Select(browser.find(By.id("reassign-physio"))).selectByVisibleText("Paul Physio");
        browser.find(By.xpath("//form[contains(@class,'reassign')]//button[normalize-space()='Reassign']")).click();
        browser.await(d -> d.findElement(By.cssSelector("section.caseload")).getText().contains("Reassigned to Paul Physio."));
        assertEquals("Paul Physio", shownPhysio());
        assertEquals("physio.riverside", physioOf(theirs));
        browser.resize(360, 740);
        try {
            browser.assertNoSidewaysScrolling();
            browser.screenshot("patient-reassigned-phone");
        } finally {
            browser.resize(1366, 1000);
        }
        browser.assertAccessible("patient page with reassign");
    }

    @Test
    @Order(3)
    void aStaleReassignIsRefusedWithTheConflictMessageAndShowsWhoIsAssignedNow() throws Exception {
        // a patient from before assignments were checked: the physio was typed as free text
        String legacy = register("Lena Legacy " + RUN, null);
        try (Connection db = platform.database("session");
             PreparedStatement update = db.prepareStatement("UPDATE patient SET physio_id = NULL, "
                     + "physio_legacy = 'Dr Ruth (paper file)', revision = revision + 1 WHERE id = ?")) {
            update.setObject(1, UUID.fromString(legacy));
            assertEquals(1, update.executeUpdate());
        }
        browser.signIn("admin.riverside");
        browser.open("/patients/" + legacy);
        browser.heading("Lena Legacy " + RUN);
        assertEquals("Dr Ruth (paper file) (not linked to a staff account)", shownPhysio());

        // meanwhile another clinic-admin assigns Paul Physio
        String etag = platform.as(admin).get("/api/v1/patients/{id}", legacy).then().statusCode(200).extract().header("ETag");
        platform.as(admin).header("If-Match", etag).contentType("application/json")
                .body("{\"physioId\": \"physio.riverside\"}").put("/api/v1/patients/{id}/physio", legacy)
                .then().statusCode(200);

        // this page still has the old version: choosing the admin herself is refused, not overwritten
        new Select(browser.find(By.id("reassign-physio"))).selectByVisibleText("Rita Admin (clinic admin)");
        browser.find(By.xpath("//form[contains(@class,'reassign')]//button[normalize-space()='Reassign']")).click();
        WebElement conflict = browser.await(d -> d.findElements(By.cssSelector("section.caseload [role=alert]")).stream()
                .findFirst().orElse(null));
        assertTrue(conflict.getText().contains("Someone changed this patient after you opened the page, so nothing was saved"),
                conflict.getText());
        assertEquals("Paul Physio", shownPhysio(), "the page was read again");
        assertEquals("physio.riverside", physioOf(legacy));
        List<String> errors = browser.drainConsoleErrors();
        assertTrue(errors.stream().allMatch(e -> e.contains("status of 412")), errors.toString());
    }

    @Test
    @Order(4)
    void theHandoutShowsTheProgramsExercisesAndDosesForThePhysioAndThePatient() {
        platform.as(other).contentType("application/json").body("""
                        {"sessionsPerWeek": 5, "items": [
                          {"exercise": "shoulder-circles", "dose": {"sets": 3, "reps": 12, "side": "BOTH", "timesPerDay": 2}},
                          {"exercise": "seated-spinal-twist",
                           "dose": {"sets": 2, "reps": 4, "holdSeconds": 20, "side": "EACH_SIDE", "daysPerWeek": 3},
                           "notes": "Slowly, <b>no bouncing</b>"}]}""")
                .post("/api/v1/patients/{id}/programs", mine).then().statusCode(201);
        browser.signIn("physio.riverside");
        browser.open("/patients/" + mine);
        browser.heading("Mia Mine " + RUN);
        browser.find(By.linkText("Print handout")).click();
        browser.heading("Exercise program for Mia Mine " + RUN);
        List<WebElement> sheets = browser.await(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("article.handout-exercise"));
            return found.size() == 2 ? found : null;
        });
        assertEquals("1. Shoulder Circles", sheets.get(0).findElement(By.tagName("h2")).getText());
        assertEquals(Map.of("Sets", "3", "Reps", "12", "How often", "5 sessions a week, 2 times a day"), dose(sheets.get(0)));
        assertEquals("2. Seated Spinal Twist", sheets.get(1).findElement(By.tagName("h2")).getText());
        assertEquals(Map.of("Sets", "2", "Reps", "4", "Hold", "20 s", "Side", "Each side", "How often", "3 days a week"),
                dose(sheets.get(1)));
        // the physio's note is text, never markup
        assertTrue(sheets.get(1).getText().contains("From your physio: Slowly, <b>no bouncing</b>"), sheets.get(1).getText());
        for (WebElement sheet : sheets) {
            assertFalse(sheet.findElements(By.cssSelector("svg[role=img]")).isEmpty(), "a picture: " + sheet.getText());
            assertFalse(sheet.findElements(By.cssSelector("ol.steps li")).isEmpty(), "steps: " + sheet.getText());
            assertTrue(sheet.getText().contains("Stop if"), sheet.getText());
        }
        browser.resize(360, 740);
        try {
            browser.assertNoSidewaysScrolling();
            browser.screenshot("handout-phone");
        } finally {
            browser.resize(1366, 1000);
        }
        browser.assertAccessible("handout with doses");

        // the patient prints their own from My progress
        browser.signIn("ada");
        browser.find(By.linkText("My progress")).click();
        browser.heading("My progress");
        browser.find(By.linkText("Print handout")).click();
        browser.heading("Exercise program for Ada L.");
        List<String> expected = new JsonPath(platform.as(platform.patient(RIVERSIDE, ADA))
                .get("/api/v1/patients/{id}/programs/current", ADA).then().statusCode(200).extract().asString())
                .getList("items.exerciseName");
        List<WebElement> own = browser.await(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("article.handout-exercise"));
            return found.size() == expected.size() ? found : null;
        });
        assertEquals(expected, own.stream().map(s -> s.findElement(By.tagName("h2")).getText().replaceFirst("^\\d+\\. ", ""))
                .toList());
        assertTrue(own.stream().allMatch(s -> dose(s).containsKey("Sets") && dose(s).containsKey("How often")),
                "every exercise with its dose");
        browser.resize(360, 740);
        try {
            browser.assertNoSidewaysScrolling();
            browser.screenshot("patient-handout-phone");
        } finally {
            browser.resize(1366, 1000);
        }
        browser.assertAccessible("patient's handout");
    }

    /** The dose figures of one handout exercise, term to value, as the page shows them. */
    private static Map<String, String> dose(WebElement sheet) {
        Map<String, String> figures = new LinkedHashMap<>();
        for (WebElement pair : sheet.findElements(By.cssSelector("dl.handout-dose > div"))) {
            figures.put(pair.findElement(By.tagName("dt")).getText(), pair.findElement(By.tagName("dd")).getText());
        }
        return figures;
    }
}

package org.rehabit.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every exercise has a picture: the library's exercise page and result cards, and the physio's printable handout
 * of a patient's program show each exercise's figure as an {@code svg[role=img]} named by its alt text and drawn
 * inside its view box. Every seed exercise's figure is drawn once in the page, checked and photographed
 * (target/screenshots) so a person can look at them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExercisePicturesIT extends BrowserTestBase {

    private static final UUID BEN = UUID.fromString("9a7e0000-0000-4000-8000-0000000000a2");

    /** Checks an svg's drawing lies inside its viewBox (getBBox: the geometry, without stroke widths). */
    private static final String INSIDE_VIEW_BOX = """
            const svg = arguments[0];
            const vb = svg.viewBox.baseVal;
            const b = svg.querySelector('g').getBBox();
            const inside = b.width > 0 && b.height > 0 && b.x >= vb.x - 0.5 && b.y >= vb.y - 0.5
                && b.x + b.width <= vb.x + vb.width + 0.5 && b.y + b.height <= vb.y + vb.height + 0.5;
            return inside ? 'inside' : `bbox ${b.x},${b.y},${b.width},${b.height} viewBox ${vb.x},${vb.y},${vb.width},${vb.height}`;""";

    private JsonNode seed;
    private final Map<String, String> altTextByName = new HashMap<>();

    @BeforeAll
    void start() {
        Path root = Path.of(System.getProperty("rehabit.root", "..")).toAbsolutePath().normalize();
        try {
            seed = new ObjectMapper().readTree(root.resolve("catalog-service/src/main/resources/seed/catalog-seed.json")
                    .toFile()).path("exercises");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        seed.forEach(e -> altTextByName.put(e.path("name").asText(), e.path("figure").path("altText").asText()));
    }

    private void assertPicture(WebElement svg, String altText, String where) {
        assertEquals("img", svg.getAttribute("role"), where);
        assertEquals(altText, svg.getAccessibleName(), where + ": the picture is named by its alt text");
        assertEquals("inside", browser.js(INSIDE_VIEW_BOX, svg), where + ": drawn inside its view box");
    }

    @Test
    @Order(1)
    void theLibraryShowsEachExercisesPicture() {
        browser.signIn("physio.riverside");
        browser.open("/library/glute-bridge");
        browser.heading("Glute Bridge");
        WebElement picture = browser.find(By.cssSelector("main .exercise-figure svg.figure"));
        assertPicture(picture, altTextByName.get("Glute Bridge"), "Glute Bridge's page");
        // start and the key movement, labelled
        assertEquals(List.of("Start", "Lift"), picture.findElements(By.cssSelector("text.fig-label")).stream()
                .map(t -> t.getAttribute("textContent")).toList());
        browser.screenshot("library-glute-bridge");
        browser.assertAccessible("exercise page with a picture");

        browser.open("/library");
        browser.heading("Exercise library");
        List<WebElement> cards = browser.await(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("ul.exercise-list > li"));
            return found.size() >= 10 ? found : null;
        });
        for (WebElement card : cards) {
            String name = card.findElement(By.cssSelector("h2")).getText();
            assertPicture(card.findElement(By.cssSelector("svg[role=img]")), altTextByName.get(name), name + "'s card");
        }
        browser.screenshot("library-cards");
        browser.assertAccessible("library with pictures");
    }

    @Test
    @Order(2)
    void thePhysioPrintsAHandoutOfThePatientsProgramWithAPictureOfEachExercise() {
        browser.open("/patients/" + BEN);
        browser.heading("Ben K.");
        browser.find(By.linkText("Print handout")).click();
        browser.heading("Exercise program for Ben K.");
        List<WebElement> sheets = browser.await(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("article.handout-exercise"));
            return found.isEmpty() ? null : found;
        });
        for (WebElement sheet : sheets) {
            String name = sheet.findElement(By.cssSelector("h2")).getText().replaceFirst("^\\d+\\. ", "");
            assertNotNull(altTextByName.get(name), "a seed exercise: " + name);
            assertPicture(sheet.findElement(By.cssSelector("svg[role=img]")), altTextByName.get(name), name + " in the handout");
            String text = sheet.getText();
            assertTrue(text.contains("Sets") && text.contains("How often") && sheet.findElements(By.cssSelector("ol.steps li")).size() >= 2
                    && text.contains("Stop if"), "dose, steps and stop rules of " + name + ": " + text);
        }
        browser.screenshot("handout");
        browser.assertAccessible("handout");

        // the Print button prints (the browser's print dialog is replaced by a marker here)
        browser.js("window.print = () => { window.printed = true; };");
        browser.find(By.xpath("//button[normalize-space()='Print']")).click();
        assertEquals(Boolean.TRUE, browser.js("return window.printed === true"));

        // printed, the page is the handout alone: no navigation, no buttons, every picture still there
        chrome().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertFalse(browser.find(By.cssSelector("header.top")).isDisplayed(), "navigation is not printed");
            assertFalse(browser.find(By.xpath("//button[normalize-space()='Print']")).isDisplayed(), "nor the button");
            long pictures = browser.driver().findElements(By.cssSelector("article.handout-exercise svg[role=img]"))
                    .stream().filter(WebElement::isDisplayed).count();
            assertEquals(sheets.size(), pictures);
            browser.screenshot("handout-print");
        } finally {
            chrome().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    @Test
    @Order(3)
    void everySeedExercisesFigureIsDrawnInsideItsViewBox() {
        browser.open("/library");
        browser.heading("Exercise library");
        // draws each seed figure with the app's own renderer and styles, in a page of its own
        Object drawn = chrome().executeAsyncScript("""
                const [figures, done] = arguments;
                import('/app/figure.js').then(({exerciseFigure}) => {
                    const main = document.querySelector('main');
                    const cells = document.createElement('div');
                    cells.className = 'handout-body';
                    main.replaceChildren(cells);
                    for (const [slug, figure] of figures) {
                        const cell = document.createElement('div');
                        cell.className = 'seed-figure';
                        cell.dataset.slug = slug;
                        cell.append(slug, document.createElement('br'), exerciseFigure({figure}, {size: 120}));
                        cells.append(cell);
                    }
                    done(main.querySelectorAll('svg[role=img]').length);
                });""", figuresBySlug());
        assertEquals(seed.size(), ((Number) drawn).intValue());
        for (WebElement cell : browser.driver().findElements(By.cssSelector(".seed-figure"))) {
            String slug = cell.getAttribute("data-slug");
            WebElement svg = cell.findElement(By.cssSelector("svg"));
            assertEquals("inside", browser.js(INSIDE_VIEW_BOX, svg), slug);
            assertEquals(figureOf(slug).path("altText").asText(), svg.getAccessibleName(), slug);
        }
        browser.screenshot("all-seed-figures");
    }

    private ChromeDriver chrome() {
        return (ChromeDriver) browser.driver();
    }

    private List<List<Object>> figuresBySlug() {
        ObjectMapper json = new ObjectMapper();
        List<List<Object>> figures = new java.util.ArrayList<>();
        seed.forEach(e -> figures.add(List.of(e.path("slug").asText(), json.convertValue(e.path("figure"), Map.class))));
        return figures;
    }

    private JsonNode figureOf(String slug) {
        for (JsonNode e : seed) {
            if (e.path("slug").asText().equals(slug)) {
                return e.path("figure");
            }
        }
        throw new IllegalArgumentException(slug);
    }
}

package org.rehabit.e2e;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driving the web app: every
 * console message is collected so a test fails on any error, screenshots go to {@code target/screenshots}, and
 * pages can be checked with axe-core for accessibility.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final String baseUrl;
    private static final AtomicInteger SHOTS = new AtomicInteger();
    private static boolean screenshotsCleared;
    private final List<String> consoleErrors = new ArrayList<>();

    Browser(String baseUrl) {
        this(baseUrl, List.of());
    }

    /** A browser started with more Chromium switches, e.g. a host mapping and a certificate to accept. */
    Browser(String baseUrl, List<String> switches) {
        this.baseUrl = baseUrl;
        ChromeOptions options = new ChromeOptions();
        binary("REHABIT_CHROMIUM", "/usr/bin/chromium").ifPresent(options::setBinary);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--window-size=1366,1000", "--lang=en-GB");
        options.addArguments(switches);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService.Builder service = new ChromeDriverService.Builder();
        binary("REHABIT_CHROMEDRIVER", "/usr/bin/chromedriver").ifPresent(path -> service.usingDriverExecutable(new File(path)));
        driver = new ChromeDriver(service.build(), options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        clearScreenshots();
    }

    /** Empties target/screenshots once per test JVM, so that every browser test's screenshots are kept. */
    private static synchronized void clearScreenshots() {
        if (screenshotsCleared) {
            return;
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            try (var old = Files.list(SCREENSHOTS)) {
                for (Path shot : old.toList()) {
                    Files.delete(shot);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        screenshotsCleared = true;
    }

    private static java.util.Optional<String> binary(String variable, String fallback) {
        String path = System.getenv().getOrDefault(variable, fallback);
        return Files.isExecutable(Path.of(path)) ? java.util.Optional.of(path) : java.util.Optional.empty();
    }

    WebDriver driver() {
        return driver;
    }

    void open(String hashRoute) {
        driver.get(baseUrl + "/#" + hashRoute);
    }

    /**
     * Waits up to 30 s (cold services on a shared CI machine) for a condition. Views redraw what they show when an
     * answer arrives, so an element found a moment ago may be gone: that is a reason to look again, not a failure.
     */
    <T> T await(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    WebElement find(By by) {
        return await(d -> d.findElement(by));
    }

    /** The main heading once the view has drawn. */
    WebElement heading(String text) {
        return await(d -> d.findElements(By.cssSelector("main h1")).stream()
                .filter(h -> h.getText().contains(text)).findFirst().orElse(null));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Signs in through the demo login page. */
    void signIn(String username) {
        driver.manage().deleteAllCookies();
        open("/login");
        js("sessionStorage.clear()");
        driver.navigate().refresh();
        heading("Sign in");
        find(By.name("username")).sendKeys(username);
        find(By.name("password")).sendKeys("demo");
        find(By.cssSelector("form button[type=submit]")).click();
        await(d -> !d.getCurrentUrl().endsWith("#/login"));
    }

    /**
     * How many of a canvas's pixels are painted: a chart that exists in the DOM but was never drawn has none.
     */
    long paintedPixels(WebElement canvas) {
        Object count = js("""
                const c = arguments[0];
                if (!c.width || !c.height) return 0;
                const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let painted = 0;
                for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
                return painted;""", canvas);
        return ((Number) count).longValue();
    }

    /** Asserts every canvas matching the selector has been drawn on, and returns how many there are. */
    int assertChartsDrawn(String selector, int atLeast) {
        List<WebElement> canvases = await(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(selector));
            return found.size() >= atLeast && found.stream().allMatch(c -> paintedPixels(c) > 50) ? found : null;
        });
        return canvases.size();
    }

    /** Saves a screenshot of the whole page (up to 4,000 px tall) as target/screenshots/NN-name.png. */
    Path screenshot(String name) {
        Path target = SCREENSHOTS.resolve(String.format("%02d-%s.png", SHOTS.incrementAndGet(), name));
        Dimension window = driver.manage().window().getSize();
        long height = ((Number) js("return document.documentElement.scrollHeight")).longValue();
        try {
            js("window.scrollTo(0, 0)");
            driver.manage().window().setSize(new Dimension(window.getWidth(),
                    (int) Math.min(4000, Math.max(window.getHeight(), height + 140))));
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), target,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(window);
        }
        return target;
    }

    /** Console messages at SEVERE level since the last call (failed requests, script errors, CSP violations). */
    List<String> drainConsoleErrors() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(entry.getMessage());
            }
        }
        List<String> errors = List.copyOf(consoleErrors);
        consoleErrors.clear();
        return errors;
    }

    void assertNoConsoleErrors() {
        List<String> errors = drainConsoleErrors();
        assertTrue(errors.isEmpty(), () -> "console errors:\n" + String.join("\n", errors));
    }

    /** Runs axe-core on the page and fails on serious or critical WCAG 2.1 AA violations. */
    void assertAccessible(String page) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(driver);
        List<Rule> serious = results.getViolations().stream()
                .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact())).toList();
        assertEquals(List.of(), serious.stream().map(v -> v.getId() + ": " + v.getHelp() + " at "
                        + v.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                .toList(), "accessibility violations on " + page);
    }

    /** Emulates a phone-sized screen (or back to the desktop size). */
    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /**
     * The page, once laid out for the phone, is no wider than the screen. Right after a resize a chart may still have
     * its wider size for a few frames (Chart.js redraws it from a resize observer): what counts is the layout the
     * user is left with, so the check waits up to 5 s for it.
     */
    void assertNoSidewaysScrolling() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        long overflow = overflow();
        while (overflow > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            overflow = overflow();
        }
        assertTrue(overflow <= 0, "no sideways scrolling on a phone: " + overflow + " px too wide");
    }

    private long overflow() {
        return ((Number) js("return document.documentElement.scrollWidth - window.innerWidth")).longValue();
    }

    /** Cuts the browser off the network, or restores it (Chrome DevTools Protocol through chromedriver). */
    void offline(boolean offline) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    @Override
    public void close() {
        driver.quit();
    }
}

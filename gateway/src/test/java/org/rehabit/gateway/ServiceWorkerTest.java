package org.rehabit.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.rehabit.gateway.support.Downstreams;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /sw.js}, the web app's service worker: served as JavaScript that browsers fetch afresh on every update check,
 * allowed by the page's Content-Security-Policy, and listing a shell whose every file the gateway serves (one missing
 * file and the worker never installs) — every file of the app, so none is missing offline.
 */
@QuarkusTest
@WithTestResource(Downstreams.class)
class ServiceWorkerTest {

    private static final Pattern SHELL = Pattern.compile("const SHELL = \\{version: '([0-9a-f]{16})', files: \\[(.*)]};");
    private static final Path APP = Path.of("src/main/resources/META-INF/resources");

    @Test
    void theWorkerIsJavaScriptAskedForAfreshEveryTimeAndAllowedByThePolicy() {
        given().when().get("/sw.js").then().statusCode(200)
                .contentType(containsString("text/javascript"))
                .header("Cache-Control", "no-cache")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", containsString("worker-src 'self'"))
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .body(not(containsString("'unversioned'")));
        // at the root its default scope is the whole app: no Service-Worker-Allowed needed
        given().when().get("/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("worker-src 'self'"));
    }

    @Test
    void theShellListsEveryFileOfTheAppAndChartJsAndTheGatewayServesEachOfThem() throws IOException {
        List<String> files = shellFiles();
        List<String> expected;
        try (Stream<Path> walk = Files.walk(APP)) {
            expected = walk.filter(Files::isRegularFile).map(f -> "/" + APP.relativize(f).toString().replace('\\', '/'))
                    .sorted().toList();
        }
        assertTrue(files.containsAll(expected), "missing from the shell: " + expected.stream()
                .filter(f -> !files.contains(f)).toList());
        assertTrue(files.containsAll(List.of("/index.html", "/app/main.js", "/app/offline.js", "/app/views/today.js",
                "/app/app.css", "/app/icon.svg", "/webjars/chart.js/dist/chart.umd.min.js")), files.toString());
        assertTrue(files.stream().noneMatch(f -> f.startsWith("/api/") || f.startsWith("/q/")), files.toString());
        for (String file : files) {
            given().when().get(file).then().statusCode(200);
        }
    }

    @Test
    void theVersionIsTheSameOnEveryRequest() {
        assertEquals(version(), version(), "a browser would reinstall the app on every visit otherwise");
    }

    private static List<String> shellFiles() {
        Matcher shell = shell();
        return Arrays.stream(shell.group(2).split(",")).map(s -> s.trim().replace("'", "")).toList();
    }

    private static String version() {
        return shell().group(1);
    }

    private static Matcher shell() {
        String worker = given().when().get("/sw.js").then().statusCode(200).extract().asString();
        Matcher shell = SHELL.matcher(worker);
        assertTrue(shell.find(), "no shell line in:\n" + worker);
        return shell;
    }
}

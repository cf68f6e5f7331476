package org.rehabit.gateway.web;

import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The web app's shell as its service worker ({@code /sw.js}) caches it: every file the gateway serves from its own
 * {@code META-INF/resources} (the page, every module, the stylesheet, the icon) plus the WebJar scripts the page
 * names, and a version made from the contents of those files and of the worker. A changed file is a changed
 * {@code sw.js}, which browsers notice on their next visit and install: nobody bumps a version by hand.
 * Worked out once (in dev mode on every request, where the files change under the running gateway).
 */
@ApplicationScoped
public class AppShell {

    static final String ROOT = "META-INF/resources/";
    static final String WORKER = "service-worker/sw.js";
    /** The line of the worker's source that the gateway replaces with this build's shell. */
    private static final Pattern SHELL_LINE = Pattern.compile("(?m)^const SHELL = .*$");
    /** {@code <script src="/webjars/...">} in index.html: version-free URLs whose bytes live in another jar. */
    private static final Pattern WEBJAR = Pattern.compile("src=\"(/webjars/[^\"]+)\"");

    private volatile String script;

    /** The service worker's source with this build's shell list and version. */
    public String serviceWorker() {
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            return build();
        }
        String built = script;
        if (built == null) {
            built = build();
            script = built;
        }
        return built;
    }

    private static String build() {
        Map<String, byte[]> files = read();
        String template = new String(resource(WORKER), StandardCharsets.UTF_8);
        List<String> urls = new ArrayList<>(files.keySet());
        Matcher webjars = WEBJAR.matcher(new String(files.get("/index.html"), StandardCharsets.UTF_8));
        while (webjars.find()) {
            urls.add(webjars.group(1));
        }
        String version = version(files, template);
        String shell = "const SHELL = {version: '" + version + "', files: ["
                + urls.stream().map(url -> "'" + url + "'").collect(Collectors.joining(", ")) + "]};";
        Matcher line = SHELL_LINE.matcher(template);
        if (!line.find()) {
            throw new IllegalStateException(WORKER + " has no line starting with 'const SHELL = '");
        }
        return line.replaceFirst(Matcher.quoteReplacement(shell));
    }

    /** The first 16 hex digits of a SHA-256 over every file's path and bytes, in path order, and the worker. */
    static String version(Map<String, byte[]> files, String worker) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                sha.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(file.getValue());
                sha.update((byte) 0);
            }
            sha.update(worker.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every file under META-INF/resources of the jar (or, in tests and dev mode, the folder) holding the app's
     * index.html, by URL path: other jars' META-INF/resources (WebJars, the OpenAPI UI) are not the app's shell.
     */
    static Map<String, byte[]> read() {
        URL index = loader().getResource(ROOT + "index.html");
        if (index == null) {
            throw new IllegalStateException("no " + ROOT + "index.html on the class path");
        }
        Map<String, byte[]> files = new TreeMap<>();
        try {
            String url = index.toString();
            if (url.startsWith("jar:")) {
                readJar(Path.of(new URI(url.substring("jar:".length(), url.indexOf("!/")))), files);
            } else if (url.startsWith("file:")) {
                readFolder(Path.of(index.toURI()).getParent(), files);
            } else {
                throw new IllegalStateException("cannot list the web app's files at " + url);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    private static void readJar(Path jar, Map<String, byte[]> files) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                if (!entry.isDirectory() && entry.getName().startsWith(ROOT)) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        files.put("/" + entry.getName().substring(ROOT.length()), in.readAllBytes());
                    }
                }
            }
        }
    }

    private static void readFolder(Path root, Map<String, byte[]> files) throws IOException {
        String separator = root.getFileSystem().getSeparator();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put("/" + root.relativize(file).toString().replace(separator, "/"), Files.readAllBytes(file));
            }
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = loader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no " + name + " on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ClassLoader loader() {
        return Thread.currentThread().getContextClassLoader();
    }
}

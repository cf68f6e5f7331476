package org.rehabit.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders a kustomization with {@code kubectl kustomize}, as {@code kubectl apply -k} would. The Secrets of an
 * overlay come from files that git ignores ({@code secrets/*.env}); the rendering uses a copy of the kustomization
 * tree in which each missing one is its committed {@code .env.example}, as an operator would fill it in.
 */
public final class Kustomize {

    private Kustomize() {
    }

    /** The rendered resources of the kustomization in {@code dir}. */
    public static List<ObjectNode> render(Path dir) {
        Path tree = tree(dir.toAbsolutePath().normalize());
        Path copy = null;
        try {
            copy = Files.createTempDirectory("rehabit-kustomize-");
            copyWithExamples(tree, copy);
            return parse(kubectl(tree, copy.resolve(tree.relativize(dir.toAbsolutePath().normalize()).toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(copy);
        }
    }

    /** The topmost folder with a kustomization.yaml at or above {@code dir} (deploy/kubernetes): all it may use. */
    private static Path tree(Path dir) {
        Path top = dir;
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("kustomization.yaml"))) {
                top = p;
            }
        }
        return top;
    }

    private static void copyWithExamples(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        try (Stream<Path> walk = Files.walk(to)) {
            for (Path example : walk.filter(p -> p.getFileName().toString().endsWith(".env.example")).toList()) {
                String name = example.getFileName().toString();
                Path real = example.resolveSibling(name.substring(0, name.length() - ".example".length()));
                if (!Files.exists(real)) {
                    Files.copy(example, real);
                }
            }
        }
    }

    /**
     * {@code kubectl kustomize dir}: the machine's kubectl, else the one deploy/checks/run unpacks next to the checks
     * (deploy/checks/.tools/kubectl) where the machine has none.
     */
    private static String kubectl(Path tree, Path dir) throws IOException {
        Path unpacked = tree.resolveSibling("checks").resolve(".tools").resolve("kubectl");
        Process started;
        try {
            started = new ProcessBuilder("kubectl", "kustomize", dir.toString()).start();
        } catch (IOException notOnThePath) {
            try {
                started = new ProcessBuilder(unpacked.toString(), "kustomize", dir.toString()).start();
            } catch (IOException notInstalled) {
                throw new IllegalStateException("kubectl is not installed; deploy/checks/run (./rehabit test) "
                        + "provides it", notInstalled);
            }
        }
        Process process = started;
        process.getOutputStream().close();
        var err = new java.io.ByteArrayOutputStream();
        Thread errors = new Thread(() -> {
            try {
                process.getErrorStream().transferTo(err);
            } catch (IOException ignored) {
                // the exit code tells
            }
        });
        errors.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + dir + " did not finish");
            }
            errors.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalArgumentException(err.toString(StandardCharsets.UTF_8).strip());
        }
        return out;
    }

    private static List<ObjectNode> parse(String yaml) throws IOException {
        List<ObjectNode> resources = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = Yaml.MAPPER.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNextValue()) {
                if (docs.nextValue() instanceof ObjectNode object) {
                    resources.add(object);
                }
            }
        }
        return resources;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind
        }
    }

    static String identity(JsonNode r) {
        return r.path("kind").asText() + "/" + r.path("metadata").path("namespace").asText("") + "/"
                + r.path("metadata").path("name").asText();
    }

    /** The repository part of an image reference: without tag or digest. */
    static String imageName(String image) {
        int at = image.indexOf('@');
        if (at >= 0) {
            return image.substring(0, at);
        }
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
    }

    /** The tag of an image reference, or "" when it has none. */
    static String imageTag(String image) {
        String name = imageName(image);
        return image.length() > name.length() && image.charAt(name.length()) == ':'
                ? image.substring(name.length() + 1) : "";
    }
}

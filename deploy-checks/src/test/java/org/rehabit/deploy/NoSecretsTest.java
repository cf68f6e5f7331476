package org.rehabit.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * No secret lives in the repository: private keys only as the tests' own throwaway key pairs, no {@code .env}, and
 * every password in the example settings empty, for the operator to fill in. (Installations make their keys under .data/keys or get
 * them from their identity provider; passwords come from .env or Kubernetes Secrets the operator creates.)
 */
class NoSecretsTest {

    private static final Set<String> SKIPPED = Set.of(".git", "target", "node_modules", ".data", ".idea", ".mvn");
    private static final Pattern TEST_KEY = Pattern.compile(".*/src/test/resources/test-keys/private\\.pem");
    // split so that this file does not contain what it looks for
    private static final Pattern PEM_PRIVATE_KEY = Pattern.compile("-----BEGIN (RSA |EC |ENCRYPTED )?" + "PRIVATE KEY-----");
    /** A secret setting with a value: NAME=value, or a Secret's key=value in an overlay's secrets/*.env.example. */
    private static final Pattern SECRET_SETTING = Pattern.compile(
            "(?m)^[ \\t]*([A-Za-z_]*(PASSWORD|password|SECRET|KEY|key)[A-Za-z_]*)[ \\t]*=[ \\t]*(\\S+)");
    private static final Pattern MANIFEST_SECRET = Pattern.compile("(?m)^kind:\\s*Secret\\s*$");

    @Test
    void privateKeysAreOnlyTheTestsThrowawayOnes() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files()) {
            String text = read(file);
            if (PEM_PRIVATE_KEY.matcher(text).find()) {
                String path = ConsistencyTest.REPOSITORY.relativize(file).toString().replace('\\', '/');
                if (!TEST_KEY.matcher("/" + path).matches()) {
                    found.add(path);
                }
            }
        }
        assertEquals(List.of(), found, "private keys outside the tests' test-keys folders");
    }

    @Test
    void noEnvironmentFileAndNoSecretValuesInTheExamples() throws IOException {
        assertFalse(Files.exists(ConsistencyTest.REPOSITORY.resolve(".env"))
                        && !Files.readString(ConsistencyTest.REPOSITORY.resolve(".gitignore")).contains(".env"),
                ".env must never be committed (.gitignore keeps it out)");
        List<String> real = new ArrayList<>();
        List<Path> examples = new ArrayList<>(List.of(ConsistencyTest.REPOSITORY.resolve(".env.example")));
        for (Path file : files()) {
            if (file.getFileName().toString().endsWith(".env.example") && file.getParent().endsWith("secrets")) {
                examples.add(file);
            }
        }
        for (Path example : examples) {
            var settings = SECRET_SETTING.matcher(read(example));
            while (settings.find()) {
                real.add(ConsistencyTest.REPOSITORY.relativize(example) + ": " + settings.group(1));
            }
        }
        assertEquals(List.of(), real, "example settings must leave passwords, secrets and keys empty");
    }

    @Test
    void noSecretValuesInTheKubernetesManifests() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files()) {
            String path = ConsistencyTest.REPOSITORY.relativize(file).toString().replace('\\', '/');
            if (path.startsWith("deploy/kubernetes/") && path.endsWith(".yaml")
                    && MANIFEST_SECRET.matcher(read(file)).find()) {
                found.add(path);
            }
        }
        assertEquals(List.of(), found, "Secrets with values in the manifests; the operator creates them");
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(ConsistencyTest.REPOSITORY)) {
            return walk.filter(p -> ConsistencyTest.REPOSITORY.relativize(p).toString().isEmpty()
                            || Stream.of(ConsistencyTest.REPOSITORY.relativize(p).toString().split("[/\\\\]"))
                            .noneMatch(SKIPPED::contains))
                    .filter(Files::isRegularFile)
                    .filter(p -> {
                        try {
                            return Files.size(p) < 2_000_000;
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .toList();
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }
}

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
 * every password in the example settings a placeholder. (Installations make their keys under .data/keys or get
 * them from their identity provider; passwords come from .env or Kubernetes Secrets.)
 */
class NoSecretsTest {

    private static final Set<String> SKIPPED = Set.of(".git", "target", "node_modules", ".data", ".idea", ".mvn");
    private static final Pattern TEST_KEY = Pattern.compile(".*/src/test/resources/test-keys/private\\.pem");
    // split so that this file does not contain what it looks for
    private static final Pattern PEM_PRIVATE_KEY = Pattern.compile("-----BEGIN (RSA |EC |ENCRYPTED )?" + "PRIVATE KEY-----");
    private static final Pattern SECRET_SETTING = Pattern.compile("(?m)^\\s*([A-Z_]*(PASSWORD|SECRET|INGEST_KEY)[A-Z_]*)\\s*[=:]\\s*(\\S+)");

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
    void noEnvironmentFileAndOnlyPlaceholderPasswordsInTheExample() throws IOException {
        assertFalse(Files.exists(ConsistencyTest.REPOSITORY.resolve(".env"))
                        && !Files.readString(ConsistencyTest.REPOSITORY.resolve(".gitignore")).contains(".env"),
                ".env must never be committed (.gitignore keeps it out)");
        List<String> real = new ArrayList<>();
        var settings = SECRET_SETTING.matcher(read(ConsistencyTest.REPOSITORY.resolve(".env.example")));
        while (settings.find()) {
            if (!settings.group(3).startsWith("change-me")) {
                real.add(settings.group(1));
            }
        }
        assertEquals(List.of(), real, ".env.example must hold placeholders (change-me…) for passwords and secrets");
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

package org.rehabit.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The renderer the consistency check reads the manifests with renders what kubectl would apply. */
class KustomizeTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"deploy/kubernetes", "deploy/kubernetes/overlays/external-postgres"})
    void rendersWhatKubectlKustomizeRenders(String kustomization) throws Exception {
        Path dir = ConsistencyTest.REPOSITORY.resolve(kustomization);
        String kubectl = kubectl(dir);
        assumeTrue(kubectl != null, "kubectl is not installed; the Node checks compare their renderer where it is");

        Map<String, JsonNode> theirs = new TreeMap<>();
        try (MappingIterator<JsonNode> docs = Yaml.MAPPER.readerFor(JsonNode.class).readValues(kubectl)) {
            docs.forEachRemaining(d -> theirs.put(Kustomize.identity(d), d));
        }
        Map<String, JsonNode> ours = new TreeMap<>();
        Kustomize.render(dir).forEach(r -> ours.put(Kustomize.identity(r), r));

        assertEquals(theirs.keySet(), ours.keySet());
        theirs.forEach((id, resource) -> assertEquals(resource, ours.get(id), id));
    }

    @Test
    void refusesWhatItDoesNotImplement(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\ncommonLabels:\n  a: b\n");
        assertThrows(IllegalArgumentException.class, () -> Kustomize.render(dir));

        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [d.yaml]\npatches:\n  - path: d.yaml\n");
        Files.writeString(dir.resolve("d.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kustomize.render(dir));
        assertTrue(e.getMessage().contains("patch of a Deployment is not supported"), e.getMessage());
    }

    @Test
    void appliesNamespaceAndImages() {
        List<ObjectNode> resources = Kustomize.render(ConsistencyTest.REPOSITORY.resolve("deploy/kubernetes"));
        for (ObjectNode r : resources) {
            if (!r.path("kind").asText().equals("Namespace")) {
                assertEquals("rehabit", r.path("metadata").path("namespace").asText(), Kustomize.identity(r));
            }
        }
        ObjectNode gateway = resources.stream().filter(r -> Kustomize.identity(r).equals("Deployment/rehabit/gateway"))
                .findFirst().orElseThrow();
        assertEquals("rehabit/gateway:0.1.0-SNAPSHOT",
                gateway.at("/spec/template/spec/containers/0/image").asText());
    }

    /** The output of {@code kubectl kustomize dir}, or null when kubectl is not installed. */
    private static String kubectl(Path dir) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
        } catch (IOException notInstalled) {
            return null;
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), err);
        return out;
    }
}

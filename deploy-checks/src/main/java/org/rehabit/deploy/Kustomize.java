package org.rehabit.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization as {@code kubectl kustomize} would, for the features Rehabit's manifests use: resources
 * (files and folders), namespace, images, configMapGenerator without name hashes, and strategic-merge patches of
 * ConfigMaps and Secrets. Anything else is an error rather than silently ignored; the tests compare the output with
 * kubectl's where kubectl is installed. (deploy/checks/kustomize.mjs is the same renderer for the Node checks.)
 */
public final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "images",
            "configMapGenerator", "generatorOptions", "patches");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "PersistentVolume", "StorageClass", "CustomResourceDefinition", "PriorityClass", "IngressClass");

    private Kustomize() {
    }

    /** The rendered resources of the kustomization in {@code dir}. */
    public static List<ObjectNode> render(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + ": no kustomization.yaml");
        }
        ObjectNode k = Yaml.document(file);
        k.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(file + ": field " + field + " is not supported by this renderer");
            }
        });
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : Yaml.list(k, "resources")) {
            Path path = dir.resolve(entry.asText()).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(render(path));
            } else if (Files.isRegularFile(path)) {
                resources.addAll(Yaml.documents(path));
            } else {
                throw new IllegalArgumentException(file + ": resource " + entry.asText() + " does not exist");
            }
        }
        resources.addAll(generateConfigMaps(file, dir, k));
        for (JsonNode patch : Yaml.list(k, "patches")) {
            applyPatch(file, dir, patch, resources);
        }
        String namespace = Yaml.text(k, "namespace").orElse(null);
        if (namespace != null) {
            for (ObjectNode r : resources) {
                if (!CLUSTER_SCOPED.contains(r.path("kind").asText())) {
                    metadata(r).put("namespace", namespace);
                }
            }
        }
        for (JsonNode image : Yaml.list(k, "images")) {
            resources.forEach(r -> setImage(r, image));
        }
        Set<String> seen = new HashSet<>();
        for (ObjectNode r : resources) {
            if (!seen.add(identity(r))) {
                throw new IllegalArgumentException(file + ": " + identity(r) + " is defined twice");
            }
        }
        return resources;
    }

    private static ObjectNode metadata(ObjectNode r) {
        return r.get("metadata") instanceof ObjectNode metadata ? metadata : r.putObject("metadata");
    }

    static String identity(JsonNode r) {
        return r.path("kind").asText() + "/" + r.path("metadata").path("namespace").asText("") + "/"
                + r.path("metadata").path("name").asText();
    }

    private static List<ObjectNode> generateConfigMaps(Path file, Path dir, ObjectNode k) {
        List<JsonNode> generators = Yaml.list(k, "configMapGenerator");
        JsonNode options = k.path("generatorOptions");
        if (!generators.isEmpty() && !options.path("disableNameSuffixHash").asBoolean(false)) {
            throw new IllegalArgumentException(file + ": configMapGenerator needs disableNameSuffixHash: true here");
        }
        List<ObjectNode> generated = new ArrayList<>();
        for (JsonNode g : generators) {
            ObjectNode cm = Yaml.MAPPER.createObjectNode();
            cm.put("apiVersion", "v1").put("kind", "ConfigMap");
            ObjectNode metadata = cm.putObject("metadata");
            metadata.put("name", g.path("name").asText());
            if (options.has("labels")) {
                metadata.set("labels", options.get("labels").deepCopy());
            }
            ObjectNode data = cm.putObject("data");
            for (JsonNode f : Yaml.list(g, "files")) {
                String spec = f.asText();
                String key = spec.contains("=") ? spec.substring(0, spec.indexOf('=')) : Path.of(spec).getFileName()
                        .toString();
                String path = spec.contains("=") ? spec.substring(spec.indexOf('=') + 1) : spec;
                try {
                    data.put(key, Files.readString(dir.resolve(path)));
                } catch (IOException e) {
                    throw new UncheckedIOException(file + ": " + e.getMessage(), e);
                }
            }
            for (JsonNode literal : Yaml.list(g, "literals")) {
                String text = literal.asText();
                data.put(text.substring(0, text.indexOf('=')), text.substring(text.indexOf('=') + 1));
            }
            generated.add(cm);
        }
        return generated;
    }

    private static void applyPatch(Path file, Path dir, JsonNode patch, List<ObjectNode> resources) {
        if (!patch.has("path") || patch.size() != 1) {
            throw new IllegalArgumentException(file + ": only patches with a path are supported by this renderer");
        }
        for (ObjectNode p : Yaml.documents(dir.resolve(patch.path("path").asText()))) {
            String kind = p.path("kind").asText();
            if (!kind.equals("ConfigMap") && !kind.equals("Secret")) {
                throw new IllegalArgumentException(file + ": patch of a " + kind
                        + " is not supported by this renderer");
            }
            List<ObjectNode> matches = resources.stream()
                    .filter(r -> r.path("kind").asText().equals(kind))
                    .filter(r -> r.path("metadata").path("name").equals(p.path("metadata").path("name")))
                    .toList();
            if (matches.size() != 1) {
                throw new IllegalArgumentException(file + ": patch of " + kind + "/"
                        + p.path("metadata").path("name").asText() + " matches " + matches.size() + " resources");
            }
            merge(matches.get(0), p);
        }
    }

    private static void merge(ObjectNode target, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            JsonNode existing = target.get(field.getKey());
            if (field.getValue().isNull()) {
                target.remove(field.getKey());
            } else if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode value) {
                merge(existingObject, value);
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    private static void setImage(JsonNode node, JsonNode image) {
        if (node.isArray()) {
            node.forEach(child -> setImage(child, image));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (String key : List.of("containers", "initContainers")) {
            for (JsonNode container : Yaml.list(node, key)) {
                String current = container.path("image").asText();
                String name = imageName(current);
                if (name.equals(image.path("name").asText())) {
                    String newName = image.path("newName").asText(name);
                    String newTag = image.path("newTag").asText(null);
                    String digest = image.path("digest").asText(null);
                    String suffix = digest != null ? "@" + digest : newTag != null ? ":" + newTag
                            : current.substring(name.length());
                    ((ObjectNode) container).put("image", newName + suffix);
                }
            }
        }
        node.elements().forEachRemaining(child -> setImage(child, image));
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

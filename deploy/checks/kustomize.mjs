// A small, offline renderer of the kustomizations under deploy/kubernetes: what `kubectl kustomize DIR` prints,
// for the features Rehabit's manifests use and no others. An unknown kustomization field or an unsupported
// patch is an error, never silently ignored, so the renderer cannot drift from the manifests unnoticed;
// validate-manifests.mjs also compares its output with kubectl's wherever kubectl is installed.
//
// Supported: resources (files and kustomization folders), namespace, images, configMapGenerator (files and
// literals, with generatorOptions.disableNameSuffixHash and labels), patches (strategic-merge patches of
// ConfigMaps and Secrets, whose merge is a plain deep merge of maps).
import { readFileSync, existsSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { parseAllDocuments } from "yaml";

const SUPPORTED = new Set([
    "apiVersion", "kind", "resources", "namespace", "images", "configMapGenerator", "generatorOptions", "patches",
]);
const CLUSTER_SCOPED = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume",
    "StorageClass", "CustomResourceDefinition", "PriorityClass", "IngressClass"]);
const MERGEABLE_BY_DEEP_MERGE = new Set(["ConfigMap", "Secret"]);

/** Reads every YAML document of a file, as plain objects; null documents (a lone `---`) are skipped. */
export function readYamlDocuments(file) {
    const docs = parseAllDocuments(readFileSync(file, "utf8"));
    const objects = [];
    for (const doc of docs) {
        if (doc.errors.length > 0) {
            throw new Error(`${file}: ${doc.errors.map((e) => e.message).join("; ")}`);
        }
        const value = doc.toJS();
        if (value !== null && value !== undefined) {
            objects.push(value);
        }
    }
    return objects;
}

function kustomizationFile(dir) {
    for (const name of ["kustomization.yaml", "kustomization.yml", "Kustomization"]) {
        if (existsSync(join(dir, name))) {
            return join(dir, name);
        }
    }
    throw new Error(`${dir}: no kustomization.yaml`);
}

/** Renders the kustomization in dir: the list of resources, as kubectl kustomize would print them. */
export function render(dir) {
    const file = kustomizationFile(resolve(dir));
    const base = dirname(file);
    const [k] = readYamlDocuments(file);
    for (const field of Object.keys(k)) {
        if (!SUPPORTED.has(field)) {
            throw new Error(`${file}: field "${field}" is not supported by this renderer; extend kustomize.mjs`);
        }
    }
    let resources = [];
    for (const entry of k.resources ?? []) {
        const path = resolve(base, entry);
        if (!existsSync(path)) {
            throw new Error(`${file}: resource ${entry} does not exist`);
        }
        resources.push(...(statSync(path).isDirectory() ? render(path) : readYamlDocuments(path)));
    }
    resources.push(...generateConfigMaps(file, base, k));
    for (const patch of k.patches ?? []) {
        resources = applyPatch(file, base, patch, resources);
    }
    if (k.namespace) {
        for (const r of resources) {
            if (!CLUSTER_SCOPED.has(r.kind)) {
                r.metadata = { ...r.metadata, namespace: k.namespace };
            }
        }
    }
    for (const image of k.images ?? []) {
        setImage(resources, image);
    }
    assertUnique(file, resources);
    return resources;
}

function generateConfigMaps(file, base, k) {
    const options = k.generatorOptions ?? {};
    const unknownOptions = Object.keys(options).filter((o) => o !== "disableNameSuffixHash" && o !== "labels");
    if (unknownOptions.length > 0) {
        throw new Error(`${file}: generatorOptions ${unknownOptions} not supported by this renderer`);
    }
    const generators = k.configMapGenerator ?? [];
    if (generators.length > 0 && options.disableNameSuffixHash !== true) {
        // with a hash suffix, kustomize also renames every reference to the ConfigMap: not implemented here
        throw new Error(`${file}: configMapGenerator needs generatorOptions.disableNameSuffixHash: true here`);
    }
    return generators.map((g) => {
        const unknown = Object.keys(g).filter((f) => !["name", "files", "literals"].includes(f));
        if (unknown.length > 0) {
            throw new Error(`${file}: configMapGenerator field(s) ${unknown} not supported by this renderer`);
        }
        const data = {};
        for (const f of g.files ?? []) {
            const [key, path] = f.includes("=") ? f.split("=", 2) : [basename(f), f];
            data[key] = readFileSync(resolve(base, path), "utf8");
        }
        for (const literal of g.literals ?? []) {
            const at = literal.indexOf("=");
            data[literal.slice(0, at)] = literal.slice(at + 1);
        }
        const metadata = { name: g.name };
        if (options.labels) {
            metadata.labels = { ...options.labels };
        }
        return { apiVersion: "v1", kind: "ConfigMap", metadata, data };
    });
}

function applyPatch(file, base, patch, resources) {
    const unknown = Object.keys(patch).filter((f) => f !== "path");
    if (unknown.length > 0) {
        throw new Error(`${file}: patch field(s) ${unknown} not supported by this renderer (only path:)`);
    }
    let result = resources;
    for (const p of readYamlDocuments(resolve(base, patch.path))) {
        if (!MERGEABLE_BY_DEEP_MERGE.has(p.kind)) {
            throw new Error(`${file}: ${patch.path} patches a ${p.kind}; this renderer merges only `
                + `${[...MERGEABLE_BY_DEEP_MERGE]} (lists in other kinds merge by key in kustomize)`);
        }
        const matches = result.filter((r) => r.kind === p.kind && r.metadata?.name === p.metadata?.name
            && (p.metadata?.namespace === undefined || r.metadata?.namespace === undefined
                || r.metadata.namespace === p.metadata.namespace));
        if (matches.length !== 1) {
            throw new Error(`${file}: ${patch.path} targets ${p.kind}/${p.metadata?.name}, `
                + `which matches ${matches.length} resources`);
        }
        result = result.map((r) => (r === matches[0] ? deepMerge(r, p) : r));
    }
    return result;
}

function deepMerge(target, patch) {
    if (patch === null) {
        return undefined;
    }
    if (typeof patch !== "object" || Array.isArray(patch) || typeof target !== "object" || target === null
        || Array.isArray(target)) {
        return structuredClone(patch);
    }
    const merged = { ...target };
    for (const [key, value] of Object.entries(patch)) {
        if (key.startsWith("$")) {
            throw new Error(`patch directive ${key} is not supported by this renderer`);
        }
        const next = deepMerge(target[key], value);
        if (next === undefined) {
            delete merged[key];
        } else {
            merged[key] = next;
        }
    }
    return merged;
}

/** The images transformer: containers whose image is `name`, `name:tag` or `name@digest` get the new values. */
function setImage(resources, image) {
    const visit = (node) => {
        if (Array.isArray(node)) {
            node.forEach(visit);
        } else if (node && typeof node === "object") {
            for (const key of ["containers", "initContainers"]) {
                for (const c of Array.isArray(node[key]) ? node[key] : []) {
                    const { name, tag, digest } = parseImage(c.image);
                    if (name === image.name) {
                        const newName = image.newName ?? name;
                        if (image.digest) {
                            c.image = `${newName}@${image.digest}`;
                        } else if (image.newTag) {
                            c.image = `${newName}:${image.newTag}`;
                        } else {
                            c.image = newName + (digest ? `@${digest}` : tag ? `:${tag}` : "");
                        }
                    }
                }
            }
            Object.values(node).forEach(visit);
        }
    };
    visit(resources);
}

export function parseImage(image) {
    const at = image.indexOf("@");
    if (at >= 0) {
        return { name: image.slice(0, at), digest: image.slice(at + 1) };
    }
    const colon = image.lastIndexOf(":");
    if (colon > image.lastIndexOf("/")) {
        return { name: image.slice(0, colon), tag: image.slice(colon + 1) };
    }
    return { name: image };
}

export function identity(r) {
    return `${r.apiVersion}/${r.kind}/${r.metadata?.namespace ?? ""}/${r.metadata?.name}`;
}

function assertUnique(file, resources) {
    const seen = new Set();
    for (const r of resources) {
        const id = identity(r);
        if (seen.has(id)) {
            throw new Error(`${file}: ${id} is defined twice`);
        }
        seen.add(id);
    }
}

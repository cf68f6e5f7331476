// The manifest checks catch what they are there to catch: broken copies of the real manifests must fail.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { render } from "../kustomize.mjs";
import { schemaErrors, typeErrors, kubectlDifferences, kustomizations } from "../validate-manifests.mjs";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const everything = join(repo, "deploy/kubernetes");

function rendered() {
    return render(everything);
}

function container(resources, deployment) {
    const d = resources.find((r) => r.kind === "Deployment" && r.metadata.name === deployment);
    return d.spec.template.spec.containers[0];
}

function hasKubectl() {
    try {
        execFileSync("kubectl", ["version", "--client"], { stdio: "ignore" });
        return true;
    } catch {
        return false;
    }
}

test("the real manifests pass every check", async () => {
    for (const dir of kustomizations()) {
        const resources = render(dir);
        assert.deepEqual(await schemaErrors(resources), [], dir);
        assert.deepEqual(typeErrors(resources), [], dir);
    }
});

test("a port written as a string breaks the schema", async () => {
    const resources = rendered();
    container(resources, "catalog-service").ports[0].containerPort = "8081";
    const errors = await schemaErrors(resources);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /Deployment\/rehabit\/catalog-service: .*containerPort must be integer/);
});

test("a container without a name breaks the schema", async () => {
    const resources = rendered();
    delete container(resources, "gateway").name;
    const errors = await schemaErrors(resources);
    assert.match(errors.join("\n"), /Deployment\/rehabit\/gateway: .*containers\/0 must have required property name/);
});

test("a misspelt field passes the schemas but not the type check", async () => {
    const resources = rendered();
    const c = container(resources, "session-service");
    c.readinesProbe = c.readinessProbe;
    delete c.readinessProbe;
    assert.deepEqual(await schemaErrors(resources), [], "the schemas allow unknown fields");
    const errors = typeErrors(resources);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /Deployment\/rehabit\/session-service: .*'"readinesProbe"' does not exist/);
});

test("an unknown kind or API version is reported", async () => {
    const resources = rendered();
    resources.push({ apiVersion: "autoscaling/v9", kind: "HorizontalPodAutoscaler", metadata: { name: "x" } });
    const errors = await schemaErrors(resources);
    assert.match(errors.join("\n"), /no schema for apiVersion autoscaling\/v9/);
});

test("the renderer applies namespace, images and the generated init script", () => {
    const resources = rendered();
    for (const r of resources.filter((r) => r.kind !== "Namespace")) {
        assert.equal(r.metadata.namespace, "rehabit", `${r.kind}/${r.metadata.name}`);
    }
    assert.equal(container(resources, "catalog-service").image, "rehabit/catalog-service:0.1.0-SNAPSHOT");
    const init = resources.find((r) => r.kind === "ConfigMap" && r.metadata.name === "postgres-init");
    assert.equal(init.data["init-databases.sh"],
        readFileSync(join(everything, "postgres/init-databases.sh"), "utf8"));
});

test("the renderer refuses kustomization features it does not implement", () => {
    const dir = mkdtempSync(join(tmpdir(), "rehabit-kustomize-"));
    try {
        writeFileSync(join(dir, "kustomization.yaml"), "resources: []\ncommonLabels:\n  a: b\n");
        assert.throws(() => render(dir), /field "commonLabels" is not supported/);
        writeFileSync(join(dir, "kustomization.yaml"), "resources:\n  - d.yaml\npatches:\n  - path: p.yaml\n");
        writeFileSync(join(dir, "d.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n");
        writeFileSync(join(dir, "p.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n");
        assert.throws(() => render(dir), /patches a Deployment; this renderer merges only/);
        mkdirSync(join(dir, "sub"));
        writeFileSync(join(dir, "kustomization.yaml"), "resources:\n  - missing\n");
        assert.throws(() => render(dir), /resource missing does not exist/);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
});

test("a renderer that drifted from kubectl kustomize is caught", { skip: !hasKubectl() && "kubectl not installed" },
    () => {
        const resources = rendered();
        assert.deepEqual(kubectlDifferences(everything, resources), []);
        container(resources, "gateway").image = "rehabit/gateway:other";
        const differences = kubectlDifferences(everything, resources);
        assert.equal(differences.length, 1);
        assert.match(differences[0], /Deployment\/rehabit\/gateway: differs/);
    });

// The manifest checks catch what they are there to catch: broken copies of the real manifests must fail.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join, relative, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { render, schemaErrors, typeErrors, kustomizations } from "../validate-manifests.mjs";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const example = join(repo, "deploy/kubernetes/overlays/example");

// one rendering of the example overlay (everything: services, CloudNativePG, monitoring), copied per test
const rendered = render(example);
const fresh = () => structuredClone(rendered);

function find(resources, kind, name) {
    const found = resources.find((r) => r.kind === kind && r.metadata.name.startsWith(name));
    assert.ok(found, `${kind}/${name} rendered`);
    return found;
}

function container(resources, deployment) {
    return find(resources, "Deployment", deployment).spec.template.spec.containers[0];
}

// deploy/checks/run relies on this case for the real manifests (it no longer runs validate-manifests.mjs as well):
// every finding of every kustomization is listed, as the script would print them, not only the first
test("the real manifests pass every check", async () => {
    const findings = [];
    for (const dir of kustomizations()) {
        const name = relative(repo, dir);
        let resources;
        try {
            resources = render(dir);
        } catch (e) {
            findings.push(`${name}: ${e.message}`);
            continue;
        }
        (await schemaErrors(resources)).forEach((e) => findings.push(`${name}: ${e}`));
        typeErrors(resources).forEach((e) => findings.push(`${name}: ${e}`));
    }
    assert.deepEqual(findings, []);
});

test("a port written as a string breaks the schema", async () => {
    const resources = fresh();
    container(resources, "catalog-service").ports[0].containerPort = "8081";
    const errors = await schemaErrors(resources);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /Deployment\/rehabit\/catalog-service: .*containerPort must be integer/);
});

test("a misspelt field passes the schemas but not the type check", async () => {
    const resources = fresh();
    const c = container(resources, "session-service");
    c.readinesProbe = c.readinessProbe;
    delete c.readinessProbe;
    assert.deepEqual(await schemaErrors(resources), [], "the schemas allow unknown fields");
    const errors = typeErrors(resources);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /Deployment\/rehabit\/session-service: .*'"readinesProbe"' does not exist/);
});

test("a CloudNativePG Cluster with a wrong type breaks its schema", async () => {
    const resources = fresh();
    find(resources, "Cluster", "rehabit-db").spec.instances = "three";
    const errors = await schemaErrors(resources);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /Cluster\/rehabit\/rehabit-db: .*instances must be integer/);
});

test("a misspelt field of a CloudNativePG Pooler fails the type check", async () => {
    const resources = fresh();
    const pooler = find(resources, "Pooler", "rehabit-db-pooler");
    pooler.spec.pgbouncer.poolmode = pooler.spec.pgbouncer.poolMode;
    delete pooler.spec.pgbouncer.poolMode;
    const errors = typeErrors(resources);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /Pooler\/rehabit\/rehabit-db-pooler: .*'"poolmode"' does not exist/);
});

test("an ObjectStore without a destination breaks the Barman Cloud schema", async () => {
    const resources = fresh();
    delete find(resources, "ObjectStore", "rehabit-backups").spec.configuration.destinationPath;
    const errors = await schemaErrors(resources);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /ObjectStore\/rehabit\/rehabit-backups: spec.configuration: .*destinationPath/);
});

test("a Prometheus operator object with a misspelt field fails the type check", async () => {
    const resources = fresh();
    const monitor = find(resources, "ServiceMonitor", "rehabit");
    monitor.spec.endpoint = monitor.spec.endpoints;
    delete monitor.spec.endpoints;
    const errors = typeErrors(resources);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /ServiceMonitor\/rehabit\/rehabit: .*'"endpoint"' does not exist/);
});

test("an unknown kind or API version is reported", async () => {
    const resources = fresh();
    resources.push({ apiVersion: "autoscaling/v9", kind: "HorizontalPodAutoscaler", metadata: { name: "x" } });
    resources.push({ apiVersion: "example.org/v1", kind: "Widget", metadata: { name: "y" } });
    const errors = await schemaErrors(resources);
    assert.match(errors.join("\n"), /no schema for apiVersion autoscaling\/v9/);
    assert.match(errors.join("\n"), /no schema for apiVersion example.org\/v1, kind Widget/);
});

test("the example overlay's Secrets are generated with a hash that every reference follows", () => {
    const secret = find(rendered, "Secret", "catalog-db");
    assert.match(secret.metadata.name, /^catalog-db-[a-z0-9]{10}$/);
    assert.equal(secret.type, "kubernetes.io/basic-auth");
    const env = container(rendered, "catalog-service").env;
    assert.ok(env.some((e) => e.valueFrom?.secretKeyRef?.name === secret.metadata.name));
    const roles = find(rendered, "Cluster", "rehabit-db").spec.managed.roles;
    assert.equal(roles.find((r) => r.name === "catalog").passwordSecret.name, secret.metadata.name);
    const store = find(rendered, "ObjectStore", "rehabit-backups");
    assert.match(store.spec.configuration.s3Credentials.accessKeyId.name, /^backup-object-store-[a-z0-9]{10}$/);
});

// Validates Rehabit's Kubernetes manifests offline (no cluster, no network):
//   1. renders each kustomization an operator may build on with `kubectl kustomize`: deploy/kubernetes and every
//      overlay (an overlay's Secrets come from secrets/*.env, which git ignores: the rendering uses a copy of the
//      tree with each missing one taken from its committed .env.example);
//   2. validates every rendered object against its OpenAPI schema: Kubernetes' (kubernetes-models), CloudNativePG's
//      (@kubernetes-models/cloudnative-pg) and the Prometheus operator's (@kubernetes-models/prometheus-operator);
//      the Barman Cloud plugin's ObjectStore, which no package models, by its configuration, whose schema the
//      CloudNativePG models carry (it is the in-tree barmanObjectStore's);
//   3. type-checks every object against the same models' TypeScript types, whose excess-property check rejects
//      fields no schema knows (a misspelt `readinesProbe` would otherwise pass: the schemas allow unknown fields,
//      and the API server would drop it silently).
// Usage: node validate-manifests.mjs [kustomization folder ...]   (default: every one under deploy/kubernetes)
// Exits 1 on any finding.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { parseAllDocuments } from "yaml";
import { BarmanObjectStoreConfiguration } from
    "@kubernetes-models/cloudnative-pg/github.com/cloudnative-pg/barman-cloud/pkg/api/BarmanObjectStoreConfiguration";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const kubernetes = join(repo, "deploy/kubernetes");

/** Every folder an operator may build on: deploy/kubernetes itself and each overlay. */
export function kustomizations(root = kubernetes) {
    const found = [root];
    const overlays = join(root, "overlays");
    if (existsSync(overlays)) {
        for (const name of readdirSync(overlays).sort()) {
            if (statSync(join(overlays, name)).isDirectory()) {
                found.push(join(overlays, name));
            }
        }
    }
    return found;
}

/** The objects `kubectl kustomize dir` renders, dir being deploy/kubernetes or a folder under it. */
export function render(dir, root = kubernetes) {
    const copy = mkdtempSync(join(tmpdir(), "rehabit-kustomize-"));
    try {
        cpSync(root, copy, { recursive: true });
        fillSecretsFromExamples(copy);
        const output = execFileSync("kubectl", ["kustomize", join(copy, relative(root, dir))],
            { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
        return parseAllDocuments(output).map((d) => d.toJS()).filter(Boolean);
    } catch (e) {
        if (e.code === "ENOENT") {
            throw new Error("kubectl is not installed (./rehabit test installs it)");
        }
        throw new Error(`kubectl kustomize ${relative(repo, dir)} failed: ${(e.stderr || e.message).trim()}`);
    } finally {
        rmSync(copy, { recursive: true, force: true });
    }
}

function fillSecretsFromExamples(dir) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
            fillSecretsFromExamples(path);
        } else if (entry.name.endsWith(".env.example") && !existsSync(path.slice(0, -".example".length))) {
            cpSync(path, path.slice(0, -".example".length));
        }
    }
}

export function identity(r) {
    return `${r.kind}/${r.metadata?.namespace ?? ""}/${r.metadata?.name}`;
}

/** The npm package modelling an apiVersion, or null. */
function modelPackage(apiVersion) {
    const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
    if (group === "postgresql.cnpg.io") {
        return "@kubernetes-models/cloudnative-pg";
    }
    if (group === "monitoring.coreos.com") {
        return "@kubernetes-models/prometheus-operator";
    }
    if (group === "" || !group.includes(".") || group.endsWith(".k8s.io")) {
        return "kubernetes-models";
    }
    return null;
}

const OBJECT_STORE = "barmancloud.cnpg.io/v1";

/** Schema validation: one message per invalid object. */
export async function schemaErrors(resources) {
    const errors = [];
    for (const r of resources) {
        if (r.apiVersion === OBJECT_STORE && r.kind === "ObjectStore") {
            errors.push(...objectStoreErrors(r));
            continue;
        }
        const pkg = modelPackage(r.apiVersion ?? "");
        let model;
        try {
            model = pkg && (await import(`${pkg}/${r.apiVersion}/${r.kind}`))[r.kind];
        } catch {
            model = undefined;
        }
        if (!model) {
            errors.push(`${identity(r)}: no schema for apiVersion ${r.apiVersion}, kind ${r.kind}`);
            continue;
        }
        try {
            new model(r).validate();
        } catch (e) {
            errors.push(`${identity(r)}: ${e.message}`);
        }
    }
    return errors;
}

function objectStoreErrors(r) {
    const errors = [];
    if (!r.metadata?.name) {
        errors.push(`${identity(r)}: metadata.name is required`);
    }
    if (r.spec?.retentionPolicy !== undefined && !/^[1-9][0-9]*[dwm]$/.test(r.spec.retentionPolicy)) {
        errors.push(`${identity(r)}: spec.retentionPolicy must be like 30d, 4w or 6m`);
    }
    try {
        new BarmanObjectStoreConfiguration(r.spec?.configuration).validate();
    } catch (e) {
        errors.push(`${identity(r)}: spec.configuration: ${e.message}`);
    }
    return errors;
}

/** Excess-property and type check of each object as a literal of its model's TypeScript interface. */
export function typeErrors(resources) {
    const dir = mkdtempSync(join(here, ".typecheck-"));
    try {
        const lines = [
            `import type { IObjectMeta } from "@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta";`,
            `import type { IBarmanObjectStoreConfiguration } from`
                + ` "@kubernetes-models/cloudnative-pg/github.com/cloudnative-pg/barman-cloud/pkg/api/`
                + `BarmanObjectStoreConfiguration";`,
            `type ObjectStore = { apiVersion: "${OBJECT_STORE}"; kind: "ObjectStore"; metadata: IObjectMeta;`
                + ` spec: { configuration: IBarmanObjectStoreConfiguration; retentionPolicy?: string;`
                + ` instanceSidecarConfiguration?: object } };`,
        ];
        const typed = resources.filter((r) => r.kind === "ObjectStore" || modelPackage(r.apiVersion ?? ""));
        typed.forEach((r, i) => lines.push(r.kind === "ObjectStore" && r.apiVersion === OBJECT_STORE
            ? `type T${i} = ObjectStore;`
            : `import type { I${r.kind} as T${i} } from "${modelPackage(r.apiVersion)}/${r.apiVersion}/${r.kind}";`));
        const firstLine = [];
        typed.forEach((r, i) => {
            firstLine.push(lines.length);
            lines.push(...`export const r${i}: T${i} = ${JSON.stringify(r, null, 2)};`.split("\n"));
        });
        const file = join(dir, "manifests.ts");
        writeFileSync(file, lines.join("\n") + "\n");
        const program = ts.createProgram([file], {
            noEmit: true, strict: true, skipLibCheck: true, types: [],
            module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
            target: ts.ScriptTarget.ES2022,
        });
        return ts.getPreEmitDiagnostics(program).map((d) => {
            const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
            if (!d.file || d.start === undefined) {
                return message;
            }
            const { line } = d.file.getLineAndCharacterOfPosition(d.start);
            const index = firstLine.findLastIndex((first) => first <= line);
            const where = index >= 0 ? identity(typed[index]) : "imports";
            return `${where}: ${message} (at ${lines[line].trim()})`;
        });
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

async function main(args) {
    const dirs = args.length > 0 ? args.map((a) => resolve(a)) : kustomizations();
    let failed = 0;
    let passed = 0;
    const report = (ok, what, problems = []) => {
        ok ? passed++ : failed++;
        console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
        problems.forEach((p) => console.log(`       ${p}`));
    };
    for (const dir of dirs) {
        const name = relative(repo, dir) || basename(dir);
        let resources;
        try {
            resources = render(dir);
        } catch (e) {
            report(false, `${name}: renders`, [e.message]);
            continue;
        }
        report(true, `${name}: renders with kubectl kustomize (${resources.length} objects)`);
        const schema = await schemaErrors(resources);
        report(schema.length === 0, `${name}: every object valid against its schema`, schema);
        const types = typeErrors(resources);
        report(types.length === 0, `${name}: no field unknown to its schema, every value of the right type`, types);
    }
    console.log(`manifests: ${passed} passed, ${failed} failed`);
    process.exitCode = failed > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    await main(process.argv.slice(2));
}

// Validates Rehabit's Kubernetes manifests offline (no cluster, no network):
//   1. renders each kustomization (kustomize.mjs) that an operator applies: deploy/kubernetes and every overlay;
//   2. validates every rendered resource against the Kubernetes OpenAPI schemas (kubernetes-models): types,
//      required fields, enums, formats;
//   3. type-checks every resource against the same models' TypeScript types, whose excess-property check
//      rejects fields Kubernetes does not know (a misspelt `readinesProbe` would otherwise pass: the schemas
//      allow unknown fields, and the API server would drop it silently);
//   4. where kubectl is installed, compares the rendering with `kubectl kustomize` (kubectl's own kustomize).
// Usage: node validate-manifests.mjs [kustomization folder ...]   (default: every one under deploy/kubernetes)
// Exits 1 on any finding.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { parseAllDocuments } from "yaml";
import { render, identity } from "./kustomize.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");

/** Every folder an operator may apply: deploy/kubernetes itself and each overlay. */
export function kustomizations(root = join(repo, "deploy/kubernetes")) {
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

/** Schema validation with kubernetes-models: one message per invalid resource. */
export async function schemaErrors(resources) {
    const errors = [];
    for (const r of resources) {
        let model;
        try {
            const module = await import(`kubernetes-models/${r.apiVersion}`);
            model = module[r.kind];
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

/** Excess-property and type check of each resource as a literal of its kubernetes-models interface. */
export function typeErrors(resources) {
    const dir = mkdtempSync(join(here, ".typecheck-"));
    try {
        const lines = resources.map((r, i) =>
            `import type { I${r.kind} as T${i} } from "kubernetes-models/${r.apiVersion}/${r.kind}";`);
        const firstLine = [];
        resources.forEach((r, i) => {
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
            const where = index >= 0 ? identity(resources[index]) : "imports";
            return `${where}: ${message} (at ${lines[line].trim()})`;
        });
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/** Differences between this renderer and `kubectl kustomize`, or null when kubectl is not installed. */
export function kubectlDifferences(dir, resources) {
    let output;
    try {
        output = execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
        if (e.code === "ENOENT") {
            return null;
        }
        return [`kubectl kustomize ${dir} failed: ${e.stderr || e.message}`];
    }
    const theirs = new Map(parseAllDocuments(output).map((d) => d.toJS()).filter(Boolean)
        .map((r) => [identity(r), r]));
    const ours = new Map(resources.map((r) => [identity(r), r]));
    const differences = [];
    for (const id of new Set([...theirs.keys(), ...ours.keys()])) {
        if (!ours.has(id)) {
            differences.push(`${id}: rendered by kubectl only`);
        } else if (!theirs.has(id)) {
            differences.push(`${id}: rendered by kustomize.mjs only`);
        } else if (canonical(ours.get(id)) !== canonical(theirs.get(id))) {
            differences.push(`${id}: differs\n  kustomize.mjs: ${canonical(ours.get(id))}\n  kubectl:       `
                + canonical(theirs.get(id)));
        }
    }
    return differences;
}

function canonical(value) {
    if (Array.isArray(value)) {
        return `[${value.map(canonical).join(",")}]`;
    }
    if (value && typeof value === "object") {
        return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
    }
    return JSON.stringify(value);
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
        const name = relative(repo, dir) || dir;
        let resources;
        try {
            resources = render(dir);
        } catch (e) {
            report(false, `${name}: renders`, [e.message]);
            continue;
        }
        report(true, `${name}: renders (${resources.length} resources)`);
        const schema = await schemaErrors(resources);
        report(schema.length === 0, `${name}: every resource valid against the Kubernetes schemas`, schema);
        const types = typeErrors(resources);
        report(types.length === 0, `${name}: no field unknown to Kubernetes, every value of the right type`, types);
        const differences = kubectlDifferences(dir, resources);
        if (differences === null) {
            console.log(`skip ${name}: same rendering as kubectl kustomize (kubectl not installed)`);
        } else {
            report(differences.length === 0, `${name}: same rendering as kubectl kustomize`, differences);
        }
    }
    console.log(`manifests: ${passed} passed, ${failed} failed`);
    process.exitCode = failed > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    await main(process.argv.slice(2));
}

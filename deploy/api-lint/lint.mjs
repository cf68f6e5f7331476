// Lints the gateway's public OpenAPI document with Spectral (spectral:oas + the OWASP API ruleset, .spectral.yaml)
// and Redocly's recommended rules (redocly.yaml), prints the errors and warnings per rule, and fails when a tool
// reports more errors than baseline.json allows: 0 for both tools (a rule turned off is turned off in the
// ruleset files, with its reason).
//   node lint.mjs [document]   default: ../../gateway/target/openapi/openapi.json (written by the gateway's build)
//   node lint.mjs --details    also every finding: rule, path in the document, message
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const details = args.includes("--details");
const document = resolve(args.find((a) => !a.startsWith("--")) ?? join(here, "../../gateway/target/openapi/openapi.json"));
if (!existsSync(document)) {
  console.error(`No OpenAPI document at ${document}: build the gateway first (./mvnw -B -q -DskipTests package -pl gateway -am)`);
  process.exit(2);
}
const bin = (name) => join(here, "node_modules/.bin", name);

// both tools exit non-zero when they find errors: the JSON on stdout is what counts
function run(command, commandArgs) {
  try {
    return execFileSync(command, commandArgs, { cwd: here, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
  } catch (e) {
    if (e.stdout && e.stdout.trim()) return e.stdout;
    throw new Error(`${command} failed: ${e.stderr || e.message}`);
  }
}

function spectral() {
  const out = run(bin("spectral"), ["lint", "--ruleset", ".spectral.yaml", "--format", "json", "--quiet", document]);
  const severities = ["error", "warning", "info", "hint"];
  return JSON.parse(out.slice(out.indexOf("["))).map((p) => ({
    severity: severities[p.severity], rule: p.code, where: p.path.join("."), message: p.message,
  }));
}

function redocly() {
  const out = run(bin("redocly"), ["lint", "--config", "redocly.yaml", "--format", "json", document]);
  return JSON.parse(out.slice(out.indexOf("{"))).problems.map((p) => ({
    severity: p.severity === "warn" ? "warning" : p.severity, rule: p.ruleId,
    where: p.location?.[0]?.pointer ?? "", message: p.message,
  }));
}

const baseline = JSON.parse(readFileSync(join(here, "baseline.json"), "utf8"));
let failed = false;
const lower = [];
for (const [tool, lint] of [["spectral", spectral], ["redocly", redocly]]) {
  const problems = lint();
  const count = (severity) => problems.filter((p) => p.severity === severity).length;
  const errors = count("error");
  console.log(`${tool}: ${errors} errors, ${count("warning")} warnings (baseline: ${baseline[tool].errors} errors; target 0)`);
  const perRule = new Map();
  for (const p of problems) perRule.set(`${p.severity} ${p.rule}`, (perRule.get(`${p.severity} ${p.rule}`) ?? 0) + 1);
  for (const [key, n] of [...perRule].sort()) console.log(`  ${String(n).padStart(4)}  ${key}`);
  if (details) for (const p of problems) console.log(`  ${p.severity} ${p.rule} ${p.where}: ${p.message}`);
  if (errors > baseline[tool].errors) {
    failed = true;
    console.log(`  FAIL: ${errors - baseline[tool].errors} errors more than the baseline; \`node deploy/api-lint/lint.mjs --details\` lists them`);
  } else if (errors < baseline[tool].errors) {
    lower.push(`"${tool}": { "errors": ${errors} }`);
  }
}
if (lower.length) console.log(`Fewer errors than the baseline: lower it in deploy/api-lint/baseline.json to ${lower.join(", ")}`);
process.exit(failed ? 1 : 0);

// CI's dependency check: `npm audit` against the registry's advisory database. Reports every
// advisory; fails only on a critical one not listed, with a reason, in .ci/audit-allowlist.json.
// Where the registry has no advisory endpoint (a mirror, offline), it says so and passes: the
// check cannot be made there, and a build must not fail for that.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const allowlist = JSON.parse(readFileSync(new URL("../.ci/audit-allowlist.json", import.meta.url), "utf8"));
const allowed = new Map(allowlist.advisories.map((entry) => [entry.id, entry.reason]));

const run = spawnSync("npm", ["audit", "--json"], { encoding: "utf8", timeout: 120_000 });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = null;
}
if (!report?.metadata?.vulnerabilities) {
  const reason = (run.stderr || run.error?.message || "no answer").split("\n").find((line) => line.trim()) ?? "";
  console.log(
    `dependency audit: the registry's advisory database could not be reached, so nothing was checked (${reason.trim()})`,
  );
  process.exit(0);
}

const counts = report.metadata.vulnerabilities;
console.log(
  `dependency audit: ${["critical", "high", "moderate", "low", "info"].map((level) => `${counts[level] ?? 0} ${level}`).join(", ")}`,
);
const blocking = [];
for (const [name, finding] of Object.entries(report.vulnerabilities ?? {})) {
  for (const via of finding.via.filter((entry) => typeof entry === "object")) {
    const id = via.url?.split("/").pop() ?? String(via.source);
    const listed = allowed.get(id);
    console.log(
      `  ${via.severity.padEnd(8)} ${name} ${finding.range}: ${via.title} (${id})${listed ? ` – allowed: ${listed}` : ""}`,
    );
    if (via.severity === "critical" && !listed) blocking.push(`${name}: ${via.title} (${id})`);
  }
}
if (blocking.length > 0) {
  console.error(
    `dependency audit: ${blocking.length} critical advisories are neither fixed nor listed with a reason in .ci/audit-allowlist.json:\n  ${blocking.join("\n  ")}`,
  );
  process.exit(1);
}

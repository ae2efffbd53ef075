#!/usr/bin/env node
// The whole suite, as CI runs it: lint, formatting, file and function length, typecheck, unit and integration tests, a production build, and the
// browser tests. Every step runs even when an earlier one failed (but the browser tests need the build),
// and the last line counts everything: "N passed, N failed".
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";

const REPORTS = ".reports";
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const bin = (name) => `node_modules/.bin/${name}`;

function run(title, command, args, extraEnv = {}) {
  console.log(`\n=== ${title}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  const ok = result.status === 0;
  console.log(`=== ${title}: ${ok ? "ok" : `FAILED (exit ${result.status ?? result.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return ok;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

const tally = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
function count(name, passed, failed, skipped = 0) {
  tally.passed += passed;
  tally.failed += failed;
  tally.skipped += skipped;
  lines.push(`${name.padEnd(22)} ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
}
const check = (name, ok) => count(name, ok ? 1 : 0, ok ? 0 : 1);

check("lint", run("lint", bin("eslint"), [".", "--max-warnings=0"]));
check("format", run("format", bin("prettier"), ["--check", "."]));
check("structure", run("structure", process.execPath, ["scripts/long-functions.mjs"]));
check("typecheck", run("typecheck", bin("tsc"), ["--noEmit"]));

const vitestOk = run("unit + integration", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${REPORTS}/vitest.json`]);
const vitest = readJson(`${REPORTS}/vitest.json`);
if (vitest)
  count(
    "unit + integration",
    vitest.numPassedTests,
    vitest.numFailedTests + (vitestOk || vitest.numFailedTests ? 0 : 1),
    vitest.numPendingTests + vitest.numTodoTests,
  );
else count("unit + integration", 0, 1);

const buildOk = run("build", bin("next"), ["build"]);
check("build", buildOk);

if (buildOk) {
  const e2eOk = run("browser", bin("playwright"), ["test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${REPORTS}/playwright.json` });
  const pw = readJson(`${REPORTS}/playwright.json`)?.stats;
  if (pw) count("browser", pw.expected + pw.flaky, pw.unexpected + (e2eOk || pw.unexpected ? 0 : 1), pw.skipped);
  else count("browser", 0, 1);
} else {
  count("browser (not run)", 0, 1);
}

console.log("\n=== summary");
for (const line of lines) console.log(line);
console.log(`${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ""}`);
process.exit(tally.failed > 0 ? 1 : 0);

#!/usr/bin/env node
// The whole suite, as CI runs it: lint, formatting, file and function length, typecheck, unit and integration tests, a production build
// (with the standalone server), the tests of the built server (health, metrics, logs, shutdown, the standalone folder), and the
// browser tests. Every step runs even when an earlier one failed (but what needs the build waits for it),
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

/** One vitest run of some projects (vitest.config.mts), counted by its JSON report. */
function vitestStep(title, project, report) {
  const ok = run(title, bin("vitest"), ["run", `--project=${project}`, "--reporter=default", "--reporter=json", `--outputFile.json=${REPORTS}/${report}`]);
  const vitest = readJson(`${REPORTS}/${report}`);
  if (vitest) count(title, vitest.numPassedTests, vitest.numFailedTests + (ok || vitest.numFailedTests ? 0 : 1), vitest.numPendingTests + vitest.numTodoTests);
  else count(title, 0, 1);
}

vitestStep("unit + integration", "!built", "vitest.json");

// `npm run build`: next build, then our server.ts compiled into the standalone folder (scripts/standalone-server.mjs).
const buildOk = run("build", bin("next"), ["build"]) && run("standalone server", process.execPath, ["scripts/standalone-server.mjs"]);
check("build", buildOk);

if (buildOk) vitestStep("built server", "built", "vitest-built.json");
else count("built server (not run)", 0, 1);

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

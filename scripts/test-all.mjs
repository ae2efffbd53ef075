#!/usr/bin/env node
// The whole suite, as CI runs it: lint, formatting, file and function length, typecheck, unit and integration tests, a production build
// (with the standalone server), the tests of the built server (health, metrics, logs, shutdown, the standalone folder), and the
// browser tests. Every step runs even when an earlier one failed (but what needs the build waits for it),
// and the last line counts everything: "N passed, N failed".
import { spawn, spawnSync } from "node:child_process";
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

/**
 * The static checks at once: each prints its output in one piece when it ends. On two cores they take about
 * half the time they take one after the other, and none waits for another's result.
 */
function runTogether(steps) {
  const started = Date.now();
  return Promise.all(
    steps.map(
      ([title, command, args]) =>
        new Promise((resolve) => {
          const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
          let output = "";
          child.stdout.on("data", (d) => (output += d));
          child.stderr.on("data", (d) => (output += d));
          child.on("close", (status) => {
            const ok = status === 0;
            const seconds = ((Date.now() - started) / 1000).toFixed(1);
            console.log(
              `\n=== ${title}: ${command} ${args.join(" ")}\n${output.trimEnd()}\n=== ${title}: ${ok ? "ok" : `FAILED (exit ${status})`} in ${seconds} s`,
            );
            resolve(ok);
          });
        }),
    ),
  );
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
/** Each failed test by name, with the first line of its error: CI shows only the end of the output, so the summary must name them. */
const failures = [];
const firstLine = (text) =>
  String(text ?? "")
    .replace(/\u001b\[[0-9;]*m/g, "")
    .trim()
    .split("\n")[0]
    .slice(0, 300);

function vitestFailures(report) {
  for (const file of report.testResults ?? []) {
    const path = file.name.replace(`${process.cwd()}/`, "");
    const failed = (file.assertionResults ?? []).filter((t) => t.status === "failed");
    for (const t of failed) failures.push(`${path} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    // A file that failed outside any test (a hook, an import) has no failed test to name.
    if (file.status === "failed" && failed.length === 0) failures.push(`${path}: ${firstLine(file.message)}`);
  }
}

function playwrightFailures(suite) {
  for (const spec of suite.specs ?? [])
    for (const test of spec.tests)
      if (test.status === "unexpected") failures.push(`${spec.file}:${spec.line} › ${spec.title}: ${firstLine(test.results.at(-1)?.error?.message)}`);
  for (const child of suite.suites ?? []) playwrightFailures(child);
}
function count(name, passed, failed, skipped = 0) {
  tally.passed += passed;
  tally.failed += failed;
  tally.skipped += skipped;
  lines.push(`${name.padEnd(22)} ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
}
const check = (name, ok) => count(name, ok ? 1 : 0, ok ? 0 : 1);

const STATIC = [
  ["lint", bin("eslint"), [".", "--max-warnings=0"]],
  ["format", bin("prettier"), ["--check", "."]],
  ["structure", process.execPath, ["scripts/long-functions.mjs"]],
  ["typecheck", bin("tsc"), ["--noEmit"]],
];
const staticOk = await runTogether(STATIC);
STATIC.forEach(([title], i) => check(title, staticOk[i]));

/** One vitest run of some projects (vitest.config.mts), counted by its JSON report. */
function vitestStep(title, project, report) {
  const ok = run(title, bin("vitest"), ["run", `--project=${project}`, "--reporter=default", "--reporter=json", `--outputFile.json=${REPORTS}/${report}`]);
  const vitest = readJson(`${REPORTS}/${report}`);
  if (vitest) vitestFailures(vitest);
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
  const report = readJson(`${REPORTS}/playwright.json`);
  for (const suite of report?.suites ?? []) playwrightFailures(suite);
  const pw = report?.stats;
  if (pw) count("browser", pw.expected + pw.flaky, pw.unexpected + (e2eOk || pw.unexpected ? 0 : 1), pw.skipped);
  else count("browser", 0, 1);
} else {
  count("browser (not run)", 0, 1);
}

if (failures.length) {
  console.log("\n=== failed tests");
  for (const failure of failures) console.log(`✗ ${failure}`);
}
console.log("\n=== summary");
for (const line of lines) console.log(line);
console.log(`${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ""}`);
process.exit(tally.failed > 0 ? 1 : 0);

#!/usr/bin/env node
// Lists every function longer than the style limit (80 lines) and every source file over 300 lines.
// Prints `file:line name length` per finding and exits 1 if any function that is not allow-listed, or any file, is too long.
//
//   node scripts/long-functions.mjs            # whole tree (app, components, lib, scripts, tests, instrumentation.ts)
//   node scripts/long-functions.mjs lib/heatmap components/heatmap
//   node scripts/long-functions.mjs --max 60   # another limit
//
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

const ROOT = process.cwd();
const DEFAULT_ROOTS = ["app", "components", "lib", "scripts", "tests", "instrumentation.ts"];
const SKIP_DIRS = new Set(["node_modules", ".next", "test-results", "playwright-report", ".reports"]);
const EXTENSIONS = /\.(ts|tsx|mts|cts|mjs|js)$/;
const MAX_FILE_LINES = 300;

/**
 * Functions allowed over the limit, as "path:name". Only data tables belong here: a function (or a
 * module-level initialiser) whose body is a literal list of rows, where splitting would only scatter the rows.
 * Keep the reason beside each entry.
 */
const ALLOW = new Map([
  // (none today: the failure taxonomy, log vocabulary and scenario tables are module-level constants, not functions)
]);

function parseArgs(argv) {
  let max = 80;
  const roots = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--max") max = Number(argv[++i]);
    else roots.push(argv[i]);
  }
  return { max, roots: roots.length > 0 ? roots : DEFAULT_ROOTS };
}

function* walk(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return;
  }
  if (stat.isFile()) {
    if (EXTENSIONS.test(path) && !path.endsWith(".d.ts")) yield path;
    return;
  }
  for (const entry of readdirSync(path)) {
    if (SKIP_DIRS.has(entry)) continue;
    yield* walk(join(path, entry));
  }
}

/** A readable name for a function node: its declaration name, the variable/property it is assigned to, or "<anonymous>". */
function functionName(node) {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  if (node.name && (ts.isStringLiteral(node.name) || ts.isPrivateIdentifier(node.name))) return node.name.text;
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && (ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name))) return parent.name.text;
  if (parent && ts.isCallExpression(parent)) {
    const callee = parent.expression.getText().slice(0, 40);
    return `<callback of ${callee}>`;
  }
  return "<anonymous>";
}

function isFunctionLike(node) {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

function longFunctions(file, max) {
  const text = readFileSync(file, "utf8");
  const kind = file.endsWith("x") ? ts.ScriptKind.TSX : file.match(/\.(m|c)?js$/) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found = [];
  const visit = (node) => {
    if (isFunctionLike(node) && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
      const length = end - start + 1;
      if (length > max) found.push({ line: start, name: functionName(node), length });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { found, lines: text.split("\n").length - (text.endsWith("\n") ? 1 : 0) };
}

function main() {
  const { max, roots } = parseArgs(process.argv.slice(2));
  let failures = 0;
  for (const root of roots) {
    for (const file of walk(join(ROOT, root))) {
      const path = relative(ROOT, file);
      const { found, lines } = longFunctions(file, max);
      for (const f of found) {
        const allowed = ALLOW.has(`${path}:${f.name}`);
        if (!allowed) failures++;
        console.log(`${path}:${f.line} ${f.name} ${f.length}${allowed ? " (allowed: data table)" : ""}`);
      }
      if (lines > MAX_FILE_LINES) {
        failures++;
        console.log(`${path} file ${lines} lines (over ${MAX_FILE_LINES})`);
      }
    }
  }
  if (failures > 0) {
    console.error(`${failures} function(s) over ${max} lines or file(s) over ${MAX_FILE_LINES}`);
    process.exit(1);
  }
}

main();

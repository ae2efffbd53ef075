#!/usr/bin/env node
// After `next build` (output: "standalone"): Next.js writes its own .next/standalone/server.js, which would
// skip our server.ts (peer stamping, Host checks, where it may listen, graceful stop; docs/architecture.md
// "Start-up"). This replaces it with server.ts compiled into one file (next itself stays external: the
// standalone folder has it, traced), and copies what the standalone folder leaves out: the build's static
// files and public/.
import { build } from "esbuild";
import { cpSync, existsSync } from "node:fs";

const OUT = ".next/standalone";
if (!existsSync(`${OUT}/.next`)) {
  console.error(`${OUT} is missing: run next build first (next.config.js sets output: "standalone")`);
  process.exit(1);
}
const started = Date.now();
await build({
  entryPoints: ["server.ts"],
  outfile: `${OUT}/server.js`,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  tsconfig: "tsconfig.json",
  external: ["next", "next/*"],
  logLevel: "warning",
  legalComments: "none",
  // Next's own standalone server.js sets production mode before loading next; run as plain `node server.js`, ours must too.
  banner: { js: 'process.env.NODE_ENV = "production";' },
});
cpSync(".next/static", `${OUT}/.next/static`, { recursive: true });
if (existsSync("public")) cpSync("public", `${OUT}/public`, { recursive: true });
console.log(`standalone server: ${OUT}/server.js from server.ts (${Date.now() - started} ms)`);

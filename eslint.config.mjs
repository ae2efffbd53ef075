import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * Layer rules (docs/architecture.md "What may import what"). A folder is named with its alias, its path
 * from the repository root and its sibling path inside lib/, so no spelling of an import slips through.
 */
const folder = (name) => [`@/lib/${name}`, `@/lib/${name}/**`, `**/lib/${name}`, `**/lib/${name}/**`, `../${name}`, `../${name}/**`];

/** Server-only code: credentials, the SDK, the emulator, the audit log, identity headers, the environment. */
const SERVER_ONLY = [
  ...["batch", "server", "audit", "identity", "emulator", "doctor", "errors", "observability"].flatMap(folder),
  "@/lib/env",
  "**/lib/env",
  "../env",
  "server-only",
  "node:*",
];

/** Everything the browser loads: client components and the pure modules they use. */
const BROWSER = [
  "components/**",
  "lib/queries/**",
  "lib/links/**",
  "lib/failures/**",
  "lib/remediation/**",
  "lib/display/**",
  "lib/logs/**",
  "lib/heatmap/**",
  "lib/health/**",
  "lib/connect/**",
  "lib/schemas/**",
  "lib/format.ts",
  "lib/compare-natural.ts",
  "lib/compare/**",
  "lib/csv.ts",
  "lib/snapshots/**",
];

const BATCH_ONLY = "lib/batch is Batch access only: the edge and services (lib/server) sit above it";

const BUILT_ONLY = "this starts the built dashboard: put the test under tests/integration/built";

const restrict = (group, message) => ({ "no-restricted-imports": ["error", { patterns: [{ group, message }] }] });

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts", ".reports/**"] },
  {
    // The browser must never load server-only code; lib/remediation, lib/connect and lib/schemas are shared
    // with the dialogs, so they are held to the same rule.
    files: BROWSER,
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: restrict(SERVER_ONLY, "server-only module: the browser reaches the server through /api (lib/queries)"),
  },
  {
    // Batch access sits below the HTTP edge and the services: it never calls up into them.
    files: ["lib/batch/**"],
    // The store's work cache is the one exception: what was slow to read is kept there (docs/architecture.md "Store").
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: [...["server", "doctor", "identity"].flatMap(folder), "@/app/**"], message: BATCH_ONLY },
            { regex: "^(@/lib/|.*/lib/|\\.\\./)audit(/(?!cache$).*)?$", message: BATCH_ONLY },
          ],
        },
      ],
    },
  },
  {
    // The audit store, identity, the error hierarchy and the environment are below everything server-side.
    files: ["lib/audit/**", "lib/identity/**", "lib/errors/**", "lib/env.ts", "lib/observability/**"],
    rules: restrict(
      [...["server", "doctor", "batch", "emulator"].flatMap(folder), "@/app/**"],
      "a foundation module: it may not import the layers built on it",
    ),
  },
  {
    // Unit and integration tests run before `next build` (scripts/test-all.mjs): a test that starts the built
    // dashboard belongs to tests/integration/built, which runs after it. On a fresh clone there is no .next.
    files: ["lib/**/*.test.ts", "components/**/*.test.ts", "tests/integration/**/*.ts"],
    ignores: ["tests/integration/built/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/support/stack"], message: BUILT_ONLY },
            { group: ["**/support/servers"], importNames: ["startDashboard"], message: BUILT_ONLY },
          ],
        },
      ],
    },
  },
];

export default config;

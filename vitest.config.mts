import { defineConfig } from "vitest/config";

const ROUTES = "tests/integration/routes/**/*.test.ts";
/**
 * The route tests run on both Batch API versions the dashboard speaks (BATCH_API_VERSION, docs/real-service.md
 * "API versions"), except these: they test how the server reads (paging, slices, aborts, caching, the
 * request slots, file ranges), which goes through the same SDK calls whatever version the query string
 * names, so the older version runs them for time alone (about 45 s of the suite).
 */
const READ_MECHANICS = ["incremental", "read-aborts", "concurrency", "failures-first", "log-files", "search-isolation"].map(
  (name) => `tests/integration/routes/${name}.test.ts`,
);
/** Tests of the built server (health, metrics, request logs, shutdown, the standalone folder): run after `next build`, project "built". */
const BUILT = "tests/integration/built/**/*.test.ts";

export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    alias: { "server-only": new URL("./tests/support/server-only-stub.ts", import.meta.url).pathname },
  },
  test: {
    exclude: ["node_modules/**", ".next/**", "tests/e2e/**"],
    environment: "node",
    testTimeout: 20_000,
    // Integration tests each start their own emulator on a free port; two cores, so keep it modest.
    maxWorkers: 2,
    // Worker threads, not child processes: a test file's imports (the SDK, the route modules) load in about
    // half the time (lib and components: 101 s against 184 s, one run each on a loaded machine). Nothing
    // here needs its own process: servers a test starts are child processes or sockets either way.
    pool: "threads",
    // One module graph per worker, not one per file. Re-importing it for every file was most of the time:
    // lib and components 47 s against 149 s; the route tests 78 s against 148 s, the other integration
    // tests 24 s against 40 s (back to back on one machine). A file leaves no state behind: each starts its
    // own emulator (the server's caches are keyed by the account's URL), puts back the env it set, and
    // writes its own store files.
    isolate: false,
    projects: [
      { extends: true, test: { name: "unit", include: ["lib/**/*.test.ts", "components/**/*.test.ts"] } },
      { extends: true, test: { name: "integration", include: ["tests/integration/**/*.test.ts"], exclude: [ROUTES, BUILT] } },
      { extends: true, test: { name: "routes@2025-06-01", include: [ROUTES], env: { BATCH_API_VERSION: "2025-06-01" } } },
      {
        extends: true,
        test: { name: "routes@2022-10-01.16.0", include: [ROUTES], exclude: READ_MECHANICS, env: { BATCH_API_VERSION: "2022-10-01.16.0" } },
      },
      { extends: true, test: { name: "built", include: [BUILT], testTimeout: 60_000, hookTimeout: 60_000 } },
    ],
  },
});

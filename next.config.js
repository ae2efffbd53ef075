// @ts-check
// eslint-disable-next-line @typescript-eslint/no-require-imports -- next.config.js is CommonJS
const { PHASE_PRODUCTION_BUILD } = require("next/constants");

/**
 * A function of the phase: `output: "standalone"` is a build setting (it makes `next build` write
 * .next/standalone). Set while serving too, Next.js warns at every `npm start` that "next start" does not
 * work with it, although server.ts runs Next.js as a custom server and never calls `next start`
 * (docs/architecture.md "Start-up").
 * @param {string} phase
 * @returns {import('next').NextConfig}
 */
module.exports = (phase) => ({
  poweredByHeader: false,
  // The container image runs the build's standalone folder (only the files the server needs, traced); its
  // server.js is ours, compiled from server.ts after the build (scripts/standalone-server.mjs), so the image
  // keeps the peer stamping, Host checks and graceful stop of `npm start` (docs/architecture.md "Start-up").
  ...(phase === PHASE_PRODUCTION_BUILD ? { output: "standalone" } : {}),
  // The SDK and its HTTP stack are CommonJS with dynamic requires; re2 is a native addon (a .node file the
  // bundler cannot place in a chunk). Node loads them from node_modules as they are.
  serverExternalPackages: ["@azure/batch", "@azure/ms-rest-js", "@azure/ms-rest-azure-js", "re2"],
  // Prometheus scrapes /metrics by convention; the handler lives under /api with the other route handlers.
  async rewrites() {
    return [{ source: "/metrics", destination: "/api/metrics" }];
  },
});

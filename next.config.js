// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The container image runs the build's standalone folder (only the files the server needs, traced); its
  // server.js is ours, compiled from server.ts after the build (scripts/standalone-server.mjs), so the image
  // keeps the peer stamping, Host checks and graceful stop of `npm start` (docs/architecture.md "Start-up").
  output: "standalone",
  // The SDK and its HTTP stack are CommonJS with dynamic requires; re2 is a native addon (a .node file the
  // bundler cannot place in a chunk). Node loads them from node_modules as they are.
  serverExternalPackages: ["@azure/batch", "@azure/ms-rest-js", "@azure/ms-rest-azure-js", "re2"],
  // Prometheus scrapes /metrics by convention; the handler lives under /api with the other route handlers.
  async rewrites() {
    return [{ source: "/metrics", destination: "/api/metrics" }];
  },
};

module.exports = nextConfig;

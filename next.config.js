// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The SDK and its HTTP stack are CommonJS with dynamic requires; re2 is a native addon (a .node file the
  // bundler cannot place in a chunk). Node loads them from node_modules as they are.
  serverExternalPackages: ["@azure/batch", "@azure/ms-rest-js", "@azure/ms-rest-azure-js", "re2"],
};

module.exports = nextConfig;

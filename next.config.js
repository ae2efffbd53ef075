// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The SDK and its HTTP stack are CommonJS with dynamic requires; Node loads them as they are.
  serverExternalPackages: ["@azure/batch", "@azure/ms-rest-js", "@azure/ms-rest-azure-js"],
};

module.exports = nextConfig;

import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts", ".reports/**"] },
  {
    // The browser must never load server-only code (credentials, the SDK, the emulator, the audit log).
    files: ["components/**", "lib/queries/**", "lib/links/**", "lib/failures/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/lib/batch*", "@/lib/emulator*", "@/lib/audit*", "**/lib/batch/**", "**/lib/emulator/**", "**/lib/audit/**"], message: "server-only module" }] },
      ],
    },
  },
];

export default config;

import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts", ".reports/**"] },
  {
    // The browser must never load server-only code (credentials, the SDK, the emulator, the audit log, the
    // identity headers); lib/remediation is shared with the dialogs, so it is held to the same rule.
    files: ["components/**", "lib/queries/**", "lib/links/**", "lib/failures/**", "lib/remediation/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/batch*", "@/lib/emulator*", "@/lib/audit*", "@/lib/identity*", "**/lib/batch/**", "**/lib/emulator/**", "**/lib/audit/**", "**/lib/identity/**"],
              message: "server-only module",
            },
          ],
        },
      ],
    },
  },
];

export default config;

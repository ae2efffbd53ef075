import { z } from "zod";

/**
 * The accounts the server reads (BATCH_ACCOUNT_NAME/URL/KEY or BATCH_ACCOUNTS_FILE; lib/batch/account-config.ts
 * names the variable in every message). Server configuration, never sent to the browser.
 */
export const shortName = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "letters, digits and hyphens, at most 64 characters");
// zod runs refinements even when z.url() has already failed, so they must not assume a parsable URL.
const parsedUrl = (u: string) => (URL.canParse(u) ? new URL(u) : undefined);
export const batchUrl = z
  .url({ error: "a URL such as https://myaccount.westeurope.batch.azure.com" })
  .refine((u) => /^https?:$/.test(parsedUrl(u)?.protocol ?? "http:"), "an https:// URL (http:// only for a local emulator)")
  .refine((u) => (parsedUrl(u)?.pathname ?? "/").replace(/\/+$/, "") === "", "an origin with no path (the SDK loses any path)");

const fileAccount = z.object({
  name: shortName,
  batchAccountName: z.string().min(1).optional(),
  url: batchUrl,
  key: z.string().min(1).optional(),
  /** The key from another environment variable, so the file itself holds no secret. */
  keyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
    .optional(),
});
export const accountsFile = z.union([z.array(fileAccount), z.object({ accounts: z.array(fileAccount) })]);

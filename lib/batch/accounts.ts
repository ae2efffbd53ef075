import "server-only";
import { z } from "zod";
import { isScenario, type ScenarioName } from "@/lib/emulator/scenarios";
import { startEmulator, type Emulator } from "@/lib/emulator/server";

/** An account the dashboard reads: a short name for URLs, the Batch URL, and a credential. */
export interface BatchAccount {
  name: string;
  url: string;
  /** SharedKey credential; absent means Microsoft Entra ID (added with the server issue). */
  key?: string;
  isEmulator: boolean;
}

const accountEnv = z.object({
  BATCH_ACCOUNT_NAME: z.string().regex(/^[a-z0-9-]{1,64}$/i, "BATCH_ACCOUNT_NAME: letters, digits and hyphens, at most 64"),
  BATCH_ACCOUNT_URL: z.url({ error: "BATCH_ACCOUNT_URL must be a URL such as https://myaccount.westeurope.batch.azure.com" }),
  BATCH_ACCOUNT_KEY: z.string().min(1).optional(),
});

const emulatorEnv = z.object({
  BATCHSCOPE_EMULATOR_SCENARIO: z
    .string()
    .refine(isScenario, "BATCHSCOPE_EMULATOR_SCENARIO must be empty, demo, incident or scale")
    .default("demo"),
  BATCHSCOPE_EMULATOR_SEED: z.coerce.number().int().default(1),
  BATCHSCOPE_EMULATOR_SPEED: z.coerce.number().positive().default(1),
});

/** The name the embedded emulator's account gets in URLs (design.md: "names that account demo"). */
export const EMBEDDED_ACCOUNT = "demo";

const state = globalThis as typeof globalThis & { __batchscopeEmulator?: Promise<Emulator> };

/**
 * Accounts from the environment; with none configured, the embedded emulator. The emulator is started
 * once per server process (kept on globalThis so hot reload in development does not start a second one).
 */
export async function listAccounts(): Promise<BatchAccount[]> {
  const env = process.env;
  if (env.BATCH_ACCOUNT_NAME || env.BATCH_ACCOUNT_URL) {
    const parsed = accountEnv.safeParse(env);
    if (!parsed.success) throw new Error(`Invalid account configuration: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
    const { BATCH_ACCOUNT_NAME: name, BATCH_ACCOUNT_URL: url, BATCH_ACCOUNT_KEY: key } = parsed.data;
    return [{ name, url: url.replace(/\/+$/, ""), ...(key ? { key } : {}), isEmulator: isLoopback(url) }];
  }
  const emu = await embeddedEmulator();
  return [{ name: EMBEDDED_ACCOUNT, url: emu.url, key: emu.key, isEmulator: true }];
}

export async function findAccount(name: string): Promise<BatchAccount | undefined> {
  return (await listAccounts()).find((a) => a.name.toLowerCase() === name.toLowerCase());
}

function embeddedEmulator(): Promise<Emulator> {
  state.__batchscopeEmulator ??= (() => {
    const parsed = emulatorEnv.safeParse(process.env);
    if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join("; "));
    const { BATCHSCOPE_EMULATOR_SCENARIO, BATCHSCOPE_EMULATOR_SEED, BATCHSCOPE_EMULATOR_SPEED } = parsed.data;
    return startEmulator({
      scenario: BATCHSCOPE_EMULATOR_SCENARIO as ScenarioName,
      seed: BATCHSCOPE_EMULATOR_SEED,
      speed: BATCHSCOPE_EMULATOR_SPEED,
      account: EMBEDDED_ACCOUNT,
    });
  })();
  return state.__batchscopeEmulator;
}

/** An account on this machine is the emulator (or a developer's own); a banner says the data is simulated. */
function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "[::1]" || host.startsWith("127.");
}

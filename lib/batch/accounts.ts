import "server-only";
import { z } from "zod";
import { isScenario, type ScenarioName } from "@/lib/emulator/scenarios";
import { startEmulator, type Emulator } from "@/lib/emulator/server";
import type { ApiVersion } from "@/lib/schemas/api-version";
import { readAccountConfig, readApiVersion, type AccountConfig } from "./account-config";

export interface BatchAccount extends AccountConfig {
  /** The account is on this machine (the emulator): a banner says the data is simulated. */
  isEmulator: boolean;
  /** The data-plane API version every call to this account carries (BATCH_API_VERSION). */
  apiVersion: ApiVersion;
}

/** The name the embedded emulator's account gets in URLs (design.md: "names that account demo"). */
export const EMBEDDED_ACCOUNT = "demo";

const emulatorEnv = z.object({
  BATCHSCOPE_EMULATOR_SCENARIO: z.string().refine(isScenario, "BATCHSCOPE_EMULATOR_SCENARIO must be empty, demo, incident or scale").default("demo"),
  BATCHSCOPE_EMULATOR_SEED: z.coerce.number().int().default(1),
  BATCHSCOPE_EMULATOR_SPEED: z.coerce.number().positive().default(1),
});

const state = globalThis as typeof globalThis & { __batchscopeEmulator?: Promise<Emulator> };
let configured: { signature: string; accounts: AccountConfig[]; apiVersion: ApiVersion } | undefined;

/**
 * Accounts from configuration; with none, the embedded emulator. The configuration is read once (and
 * again only if the environment changes, as it does between tests). The emulator is started once per
 * server process, kept on globalThis so hot reload in development does not start a second one.
 */
export async function listAccounts(): Promise<BatchAccount[]> {
  const env = process.env;
  const signature = [env.BATCH_ACCOUNTS_FILE, env.BATCH_ACCOUNT_NAME, env.BATCH_ACCOUNT_URL, env.BATCH_ACCOUNT_KEY, env.BATCH_API_VERSION].join("\0");
  if (configured?.signature !== signature) configured = { signature, accounts: readAccountConfig(env), apiVersion: readApiVersion(env) };
  const { apiVersion } = configured;
  if (configured.accounts.length > 0) return configured.accounts.map((a) => ({ ...a, isEmulator: isLocalEmulator(a.url), apiVersion }));
  const emu = await embeddedEmulator();
  return [{ name: EMBEDDED_ACCOUNT, batchAccountName: emu.account, url: emu.url, key: emu.key, isEmulator: true, apiVersion }];
}

export async function findAccount(name: string): Promise<BatchAccount | undefined> {
  return (await listAccounts()).find((a) => a.name.toLowerCase() === name.toLowerCase());
}

function embeddedEmulator(): Promise<Emulator> {
  state.__batchscopeEmulator ??= (() => {
    const parsed = emulatorEnv.safeParse(process.env);
    if (!parsed.success) return Promise.reject(new Error(parsed.error.issues.map((i) => i.message).join("; ")));
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

/**
 * An emulator started apart from the dashboard (tests, `npm run emulator`): plain http on loopback. Batch
 * itself is https only, so a tunnel or port-forward to a real account (https://localhost:…) is not taken
 * for the emulator, and does not get the local operator.
 */
function isLocalEmulator(url: string): boolean {
  const { hostname: host, protocol } = new URL(url);
  return protocol === "http:" && (host === "localhost" || host === "[::1]" || host.startsWith("127."));
}

import "server-only";
import { readEnv } from "@/lib/env";
import { UnavailableError } from "@/lib/errors/api-error";
import { isLoopbackHost } from "@/lib/net-address";
import type { ApiVersion } from "@/lib/schemas/api-version";
import { readAccountConfig, readApiVersion, type AccountConfig } from "./account-config";
import { EMBEDDED_ACCOUNT, embeddedEmulator } from "./embedded-account";

export { EMBEDDED_ACCOUNT };

export interface BatchAccount extends AccountConfig {
  /** The account is on this machine (the emulator): a banner says the data is simulated. */
  isEmulator: boolean;
  /**
   * With no identity source, everyone acting on this account is the local operator: only the embedded
   * emulator, or an emulator at a plain-http loopback address when BATCHSCOPE_LOCAL_OPERATOR=true says so.
   * A forwarder to a real account must never make every visitor an operator.
   */
  localOperator: boolean;
  /** The data-plane API version every call to this account carries (BATCH_API_VERSION). */
  apiVersion: ApiVersion;
}

let configured: { signature: string; accounts: AccountConfig[]; apiVersion: ApiVersion } | undefined;

/**
 * Accounts from configuration; with none, the embedded emulator that start-up code started
 * (instrumentation.ts): a request never starts one. The configuration is read again only when the
 * environment changes, as it does between tests.
 */
export async function listAccounts(): Promise<BatchAccount[]> {
  const env = readEnv();
  const signature = [env.BATCH_ACCOUNTS_FILE, env.BATCH_ACCOUNT_NAME, env.BATCH_ACCOUNT_URL, env.BATCH_ACCOUNT_KEY, env.BATCH_API_VERSION].join("\0");
  if (configured?.signature !== signature) configured = { signature, accounts: readAccountConfig(), apiVersion: readApiVersion() };
  const { accounts, apiVersion } = configured;
  if (accounts.length > 0) {
    const allowLocal = env.BATCHSCOPE_LOCAL_OPERATOR;
    return accounts.map((a) => ({ ...a, isEmulator: isLocalEmulator(a.url), localOperator: allowLocal && isLocalEmulator(a.url), apiVersion }));
  }
  const emu = embeddedEmulator();
  if (!emu) {
    throw new UnavailableError(
      "EmulatorNotStarted",
      "No Batch account is configured (BATCH_ACCOUNT_NAME/URL/KEY or BATCH_ACCOUNTS_FILE), and the embedded emulator, which starts with the server, is not running.",
    );
  }
  return [{ name: EMBEDDED_ACCOUNT, batchAccountName: emu.account, url: emu.url, key: emu.key, isEmulator: true, localOperator: true, apiVersion }];
}

export async function findAccount(name: string): Promise<BatchAccount | undefined> {
  return (await listAccounts()).find((a) => a.name.toLowerCase() === name.toLowerCase());
}

/**
 * An emulator started apart from the dashboard (tests, `npm run emulator`): plain http to a loopback
 * address (localhost, 127.x.x.x, [::1]; a name such as 127.0.0.1.nip.io is not one). Batch itself is
 * https only, so a tunnel or port-forward to a real account (https://localhost:…) is not taken for the
 * emulator. A plain-http forwarder on loopback could still front a real account, which is why the local
 * operator also needs BATCHSCOPE_LOCAL_OPERATOR.
 */
function isLocalEmulator(url: string): boolean {
  const { hostname: host, protocol } = new URL(url);
  return protocol === "http:" && isLoopbackHost(host);
}

// Loaded only in the Node.js runtime (see instrumentation.ts). No "server-only" marker: start-up code runs
// outside the React server layer.
import { AccountConfigError, readAccountConfig } from "./account-config";

/** A mistake in the account configuration stops the server with a message naming the variable. */
export function checkAccountConfigAtStartup(): void {
  try {
    const accounts = readAccountConfig();
    console.log(
      accounts.length > 0
        ? `Batchscope: ${accounts.length} account(s): ${accounts.map((a) => `${a.name} (${a.key ? "shared key" : "Microsoft Entra ID"})`).join(", ")}`
        : "Batchscope: no account configured; using the embedded emulator (account 'demo').",
    );
  } catch (e) {
    if (!(e instanceof AccountConfigError)) throw e;
    console.error(`Batchscope cannot start: ${e.message}`);
    process.exit(1);
  }
}

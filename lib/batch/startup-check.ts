// Loaded only in the Node.js runtime (see instrumentation.ts). No "server-only" marker: start-up code runs
// outside the React server layer.
import { IdentityConfigError, readIdentityConfig } from "@/lib/identity/config";
import { AccountConfigError, readAccountConfig } from "./account-config";

/** A mistake in the account or identity configuration stops the server with a message naming the variable. */
export function checkAccountConfigAtStartup(): void {
  try {
    const accounts = readAccountConfig();
    console.log(
      accounts.length > 0
        ? `Batchscope: ${accounts.length} account(s): ${accounts.map((a) => `${a.name} (${a.key ? "shared key" : "Microsoft Entra ID"})`).join(", ")}`
        : "Batchscope: no account configured; using the embedded emulator (account 'demo').",
    );
    const identity = readIdentityConfig();
    console.log(
      identity
        ? `Batchscope: identity from ${identity.source} (user ${identity.userHeader}, groups ${identity.groupsHeader}); operator groups: ${identity.operatorGroups.join(", ") || "none (everyone is a viewer)"}`
        : "Batchscope: no identity source (BATCHSCOPE_IDENTITY); a local operator on the emulator, every action refused on a real account.",
    );
  } catch (e) {
    if (!(e instanceof AccountConfigError) && !(e instanceof IdentityConfigError)) throw e;
    console.error(`Batchscope cannot start: ${e.message}`);
    process.exit(1);
  }
}

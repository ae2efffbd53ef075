// Loaded only in the Node.js runtime (see instrumentation.ts). No "server-only" marker: start-up code runs
// outside the React server layer.
import { accessSync, constants, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { IdentityConfigError, readIdentityConfig } from "@/lib/identity/config";
import { AccountConfigError, readAccountConfig, readApiVersion } from "./account-config";

/** A mistake in the account or identity configuration stops the server with a message naming the variable. */
export function checkAccountConfigAtStartup(): void {
  try {
    const accounts = readAccountConfig();
    console.log(
      accounts.length > 0
        ? `Batchscope: ${accounts.length} account(s): ${accounts.map((a) => `${a.name} (${a.key ? "shared key" : "Microsoft Entra ID"})`).join(", ")}`
        : "Batchscope: no account configured; using the embedded emulator (account 'demo').",
    );
    console.log(`Batchscope: Batch API version ${readApiVersion()} (BATCH_API_VERSION)`);
    const identity = readIdentityConfig();
    console.log(
      identity
        ? `Batchscope: identity from ${identity.source} (user ${identity.userHeader}, groups ${identity.groupsHeader}); operator groups: ${identity.operatorGroups.join(", ") || "none (everyone is a viewer)"}`
        : "Batchscope: no identity source (BATCHSCOPE_IDENTITY); a local operator on the emulator, every action refused on a real account.",
    );
    checkAuditPath();
  } catch (e) {
    if (!(e instanceof AccountConfigError) && !(e instanceof IdentityConfigError) && !(e instanceof AuditPathError)) throw e;
    console.error(`Batchscope cannot start: ${e.message}`);
    process.exit(1);
  }
}

class AuditPathError extends Error {}

/** The audit file's folder must exist or be creatable, and be writable: an action without its record is refused. */
function checkAuditPath(): void {
  // The same default as lib/audit/open.ts (which is server-only, so not importable here).
  const path = resolve(process.env.BATCHSCOPE_AUDIT_DB?.trim() || "./data/audit.sqlite");
  try {
    mkdirSync(dirname(path), { recursive: true });
    accessSync(dirname(path), constants.W_OK);
  } catch (e) {
    throw new AuditPathError(`BATCHSCOPE_AUDIT_DB=${path}: its folder cannot be created or written (${(e as Error).message})`);
  }
  console.log(`Batchscope: audit log at ${path}`);
}

// Start-up code: loaded by instrumentation.ts in the Node.js runtime, outside the React server layer (no
// "server-only" marker).
import { accessSync, constants, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { AccountConfigError, readAccountConfig, readApiVersion } from "@/lib/batch/account-config";
import { pruneSnapshotsAtStartup } from "@/lib/audit/snapshot-retention";
import { describeDatabaseUrl, EnvError, readEnv } from "@/lib/env";
import { IdentityConfigError, readIdentityConfig, type IdentityConfig } from "@/lib/identity/config";

class AuditPathError extends Error {}

/** A mistake in the environment, the account or the identity configuration stops the server with a message naming the variable. */
export function checkConfigAtStartup(): void {
  try {
    readEnv();
    const accounts = readAccountConfig();
    console.log(
      accounts.length > 0
        ? `Batchscope: ${accounts.length} account(s): ${accounts.map((a) => `${a.name} (${a.key ? "shared key" : "Microsoft Entra ID"})`).join(", ")}`
        : "Batchscope: no account configured; using the embedded emulator (account 'demo').",
    );
    console.log(`Batchscope: Batch API version ${readApiVersion()} (BATCH_API_VERSION)`);
    console.log(describeIdentity(readIdentityConfig()));
    checkAuditPath();
  } catch (e) {
    const known = e instanceof EnvError || e instanceof AccountConfigError || e instanceof IdentityConfigError || e instanceof AuditPathError;
    if (!known) throw e;
    console.error(`Batchscope cannot start: ${e.message}`);
    process.exit(1);
  }
}

/** One line for the start-up log: where users come from (never the client or session secret). */
function describeIdentity(identity: IdentityConfig | undefined): string {
  if (!identity) return "Batchscope: no identity source (BATCHSCOPE_IDENTITY); a local operator on the emulator, every action refused on a real account.";
  const groups = `operator groups: ${identity.operatorGroups.join(", ") || "none (everyone is a viewer)"}`;
  if (identity.source === "oidc") {
    return `Batchscope: built-in sign-in with ${identity.oidc.issuer.href} (client ${identity.oidc.clientId}, redirect URI ${identity.oidc.redirectUri}); ${groups}`;
  }
  const proxies = `trusted proxies: ${identity.trustedProxies?.text ?? "any (App Service front ends)"}`;
  return `Batchscope: identity from ${identity.source} (user ${identity.userHeader}, groups ${identity.groupsHeader}); ${groups}; ${proxies}`;
}

/**
 * The audit file's folder must exist or be creatable, and be writable: an action without its record is
 * refused. With BATCHSCOPE_DATABASE_URL the store is PostgreSQL, named without its password; it is reached
 * (and migrated) on first use, and the retention applies with each snapshot saved.
 */
function checkAuditPath(): void {
  const url = readEnv().BATCHSCOPE_DATABASE_URL;
  if (url) return void console.log(`Batchscope: store (audit log, snapshots, cache) in PostgreSQL at ${describeDatabaseUrl(url)} (BATCHSCOPE_DATABASE_URL)`);
  const path = readEnv().BATCHSCOPE_AUDIT_DB;
  try {
    mkdirSync(dirname(path), { recursive: true });
    accessSync(dirname(path), constants.W_OK);
  } catch (e) {
    throw new AuditPathError(`BATCHSCOPE_AUDIT_DB=${path}: its folder cannot be created or written (${(e as Error).message})`);
  }
  console.log(`Batchscope: audit log at ${path}`);
  const days = readEnv().BATCHSCOPE_SNAPSHOT_RETENTION_DAYS;
  if (days > 0) console.log(`Batchscope: snapshots kept ${days} days; ${pruneSnapshotsAtStartup(path, days)} older ones deleted`);
}

// Start-up code: read by server.ts before Next.js loads, outside the React server layer (no "server-only").
import { readAccountConfig } from "@/lib/batch/account-config";
import { EnvError, readEnv, type ServerEnv } from "@/lib/env";
import { readIdentityConfig } from "@/lib/identity/config";
import { isLoopbackHost } from "@/lib/net-address";
import { readPublicUrl } from "@/lib/public-url";

/** Where the server listens, which Host headers it answers, and the line that says so at start. */
export interface ListenPlan {
  host: string;
  port: number;
  /** Host header values (lower-case, with port when not the scheme's default) it answers; "loopback" = any loopback name; undefined = any. */
  allowedHosts: string[] | "loopback" | undefined;
  message: string;
}

/**
 * With no sign-in source the server binds loopback unless told otherwise, and it refuses to serve a real
 * Batch account to the network anonymously unless BATCHSCOPE_ALLOW_ANONYMOUS=true says that is meant.
 * BATCHSCOPE_PUBLIC_URL, when set, is the one Host it answers; bound to loopback without it, it answers
 * only loopback names, which stops a page on another site from reaching it through DNS rebinding.
 */
export function planListen(env: ServerEnv = readEnv()): ListenPlan {
  const identity = readIdentityConfig();
  const publicUrl = readPublicUrl(env);
  const host = env.BATCHSCOPE_HOST?.trim() || (identity ? "0.0.0.0" : "127.0.0.1");
  const loopback = isLoopbackHost(host);
  const realAccounts = readAccountConfig().filter((a) => !isLoopbackHost(new URL(a.url).hostname));
  if (!identity && !loopback && realAccounts.length > 0 && !env.BATCHSCOPE_ALLOW_ANONYMOUS) {
    throw new EnvError(
      `BATCHSCOPE_HOST=${host} would serve ${realAccounts.map((a) => a.name).join(", ")} to the network with no sign-in (BATCHSCOPE_IDENTITY is not set): ` +
        "set BATCHSCOPE_IDENTITY, or BATCHSCOPE_ALLOW_ANONYMOUS=true to let anyone who reaches it read (actions stay refused)",
    );
  }
  const allowedHosts = publicUrl ? [publicUrl.host.toLowerCase()] : loopback ? "loopback" : undefined;
  const where = `http://${host.includes(":") ? `[${host}]` : host}:${env.PORT}`;
  const scope = loopback
    ? identity
      ? "loopback only (BATCHSCOPE_HOST)"
      : "loopback only: no sign-in is configured (BATCHSCOPE_IDENTITY); set BATCHSCOPE_HOST to serve the network"
    : "every interface";
  const hosts =
    allowedHosts === undefined
      ? "any Host (set BATCHSCOPE_PUBLIC_URL to allow only yours)"
      : allowedHosts === "loopback"
        ? "loopback names"
        : allowedHosts.join(", ");
  return { host, port: env.PORT, allowedHosts, message: `Batchscope: listening on ${where}, ${scope}; answering Host ${hosts}` };
}

/**
 * Set by server.ts (after removing any a client sent) on a request answered although its Host is not one
 * this server answers (only /api/health is): such a caller is anonymous whatever else it carries, so a page
 * reaching a loopback dashboard through DNS rebinding learns no account names from it.
 */
export const FOREIGN_HOST_HEADER = "x-batchscope-foreign-host";

/** Whether a request's Host header is one this server answers (ListenPlan.allowedHosts). */
export function hostAllowed(hostHeader: string | undefined, allowed: ListenPlan["allowedHosts"]): boolean {
  if (allowed === undefined) return true;
  if (!hostHeader) return false;
  const host = hostHeader.trim().toLowerCase();
  if (allowed !== "loopback") return allowed.includes(host);
  const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.split(":")[0]!;
  return isLoopbackHost(name);
}

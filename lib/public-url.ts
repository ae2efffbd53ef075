// No "server-only" marker: server.ts and start-up checks read it outside the React server layer.
import { EnvError, readEnv, type ServerEnv } from "@/lib/env";

/**
 * BATCHSCOPE_PUBLIC_URL: the address users open (behind a proxy, the proxy's). An origin only: the
 * dashboard is served at the root of its host.
 */
export function readPublicUrl(env: ServerEnv = readEnv()): URL | undefined {
  const raw = env.BATCHSCOPE_PUBLIC_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EnvError("BATCHSCOPE_PUBLIC_URL must be an absolute URL such as https://batchscope.contoso.com");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new EnvError("BATCHSCOPE_PUBLIC_URL must be an http or https URL");
  if (url.pathname !== "/" || url.search || url.hash || url.username || url.password)
    throw new EnvError("BATCHSCOPE_PUBLIC_URL must be an origin only (scheme, host and port), without path, query or credentials");
  return url;
}

// No "server-only" marker: the sign-in gate (proxy.ts) reads the session cookie too.

/**
 * The cookies' names. Over https they carry the __Host- prefix, which the browser accepts only with
 * Secure, Path=/ and no Domain: no other host (a sibling subdomain) can plant or overwrite them.
 */
export const sessionCookieName = (secure: boolean) => (secure ? "__Host-batchscope-session" : "batchscope-session");
export const loginCookieName = (secure: boolean) => (secure ? "__Host-batchscope-login" : "batchscope-login");

/** One cookie's value from a request's Cookie header, or undefined. */
export function readCookie(headers: Headers, name: string): string | undefined {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/** A Set-Cookie value: HttpOnly (no script reads it), SameSite=Lax (not sent on another site's POST), Path=/. */
export function cookieHeader(name: string, value: string, maxAgeSeconds: number, secure: boolean): string {
  return [`${name}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAgeSeconds}`, ...(secure ? ["Secure"] : [])].join("; ");
}

/** Removes the cookie (same attributes, so the browser matches it; Max-Age=0). */
export const clearCookieHeader = (name: string, secure: boolean) => cookieHeader(name, "", 0, secure);

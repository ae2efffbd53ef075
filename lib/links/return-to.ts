// Shared by the sign-in routes on the server and the sign-in page in the browser: no server-only imports.

/** Longer than any link the dashboard makes (a log line link with its filters); anything longer is not one of ours. */
const MAX_RETURN_TO = 2048;

/**
 * Where to go after signing in, if it is a path on this dashboard; "/" otherwise. Only a relative path is
 * accepted: one leading "/" (not "//" or "/\", which browsers read as another host), no scheme, no
 * control characters or spaces (which browsers strip, turning "/\t/evil.example" into "//evil.example").
 * Open redirects after sign-in are how phishing pages borrow a trusted login.
 */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || value.length > MAX_RETURN_TO) return "/";
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(value)) return "/";
  // The browser must resolve it to this origin, whatever it does with the rest.
  const base = "https://batchscope.invalid";
  let resolved: URL;
  try {
    resolved = new URL(value, base);
  } catch {
    return "/";
  }
  return resolved.origin === base ? value : "/";
}

/** A fragment the browser kept across the redirect to sign in (`#L120-L140`), or "" when it is not a plain one. */
export function safeFragment(hash: string): string {
  if (!hash.startsWith("#") || hash.length > 512) return "";
  return /[\u0000-\u0020\u007f-\u009f]/.test(hash) ? "" : hash;
}

// No "server-only" marker: proxy.ts loads it, and the proxy bundle is not built for the React server layer.

/**
 * The headers every response carries (docs/architecture.md "Security headers"). Pages get a
 * Content-Security-Policy whose scripts need this request's nonce, which Next.js puts on its own scripts
 * when it finds the policy on the request; nothing else may run, and no other site may frame the page
 * (the action bar and the Connect dialog must not be clicked through from a hidden frame). Style
 * attributes stay allowed: React and Radix set them, and a style cannot run code.
 */
export interface PolicyOptions {
  nonce: string;
  /** `next dev` needs eval for its error overlay; a production build never does. */
  dev: boolean;
  /** Origins a form may post or redirect to besides this one (the sign-in provider's sign-out page). */
  formTargets: string[];
}

export function pageContentSecurityPolicy({ nonce, dev, formTargets }: PolicyOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    // The log viewer's regex search runs in a worker of our own (strict-dynamic would not cover it).
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action ${["'self'", ...formTargets].join(" ")}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

/** API answers and files are data, never documents: nothing in them may run or be framed. */
export const DATA_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** The rest, on every response; HSTS only when the dashboard is reached over https. */
export function commonSecurityHeaders(https: boolean): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}

/** 128 random bits, fresh for every page. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

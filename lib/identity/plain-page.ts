// No "server-only" marker: the sign-in gate (proxy.ts) answers with these pages too.

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A small HTML page for the answers given before (or instead of) the app: not signed in, a failed sign-in,
 * signed out. Every text is escaped, and the page carries no script, so it works under any CSP.
 */
export function plainPage(status: number, title: string, message: string, link?: { href: string; label: string }): Response {
  const body = [
    "<!doctype html>",
    `<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Batchscope</title></head>`,
    '<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1.5rem; line-height: 1.5">',
    `<h1 style="font-size: 1.25rem">${escapeHtml(title)}</h1>`,
    `<p>${escapeHtml(message)}</p>`,
    link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : "",
    "</body></html>",
  ].join("\n");
  return new Response(body, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" },
  });
}

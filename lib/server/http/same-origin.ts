import "server-only";
import { BadRequestError, ForbiddenError } from "@/lib/errors/api-error";
import { peerAddress } from "@/lib/identity/peer";
import { identityConfig } from "@/lib/identity/resolve";
import { readPublicUrl } from "@/lib/public-url";

const first = (v: string | null) => v?.split(",")[0]?.trim() || undefined;

/**
 * The origin this request was sent to, as the browser saw it: BATCHSCOPE_PUBLIC_URL when it is set.
 * Otherwise, behind a TLS-terminating proxy (App Service, oauth2-proxy) the server sees http and maybe an
 * internal host, so X-Forwarded-Proto/Host are honoured, but only from a peer in
 * BATCHSCOPE_TRUSTED_PROXIES: anyone else could name any origin with them.
 */
export function ownOrigin(request: Request): string {
  const publicUrl = readPublicUrl();
  if (publicUrl) return publicUrl.origin.toLowerCase();
  const url = new URL(request.url);
  const proxies = identityConfig()?.trustedProxies;
  const forwarded = proxies?.trusts(peerAddress(request.headers)) ?? false;
  const header = (name: string) => (forwarded ? first(request.headers.get(name)) : undefined);
  const proto = header("x-forwarded-proto")?.replace(/:$/, "") ?? url.protocol.replace(/:$/, "");
  const host = header("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  return `${proto}://${host}`.toLowerCase();
}

/**
 * Actions accept only same-origin JSON POSTs: a page on another site must not be able to make an
 * operator's browser reboot nodes (CSRF). Sec-Fetch-Site and Origin are set by the browser and cannot be
 * set by a page; a request with neither did not come from our page, so it is refused too.
 */
export function requireSameOriginJson(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  const crossOrigin = (why: string) => new ForbiddenError("CrossOriginRequest", `Actions are accepted only from the dashboard's own pages (${why}).`);
  if (site !== null && site !== "same-origin") throw crossOrigin(`Sec-Fetch-Site: ${site.slice(0, 40)}`);
  if (origin !== null && origin.toLowerCase() !== ownOrigin(request)) throw crossOrigin(`Origin ${origin.slice(0, 200)} is another site`);
  if (site === null && origin === null) throw crossOrigin("the request carries neither Origin nor Sec-Fetch-Site");
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") {
    throw new BadRequestError(`An action is a JSON body (Content-Type: application/json), not ${type || "no content type"}.`, "UnsupportedMediaType", 415);
  }
}

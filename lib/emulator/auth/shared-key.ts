import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * SharedKey verification for the Batch emulator, matching what
 * `BatchSharedKeyCredentials.signRequest` in @azure/batch 10.2.0 signs
 * (the recipe is the REST reference's "Authenticate requests to Azure Batch"; shared-key.test.ts holds test
 * vectors captured from the SDK).
 */

export interface SignableRequest {
  method: string;
  /** Raw `req.url`: path + query, still percent-encoded. */
  url: string;
  /** Header map as Node delivers it (lowercased names). */
  headers: Record<string, string | string[] | undefined>;
}

export type AuthResult = { ok: true; account: string } | { ok: false; code: "AuthenticationFailed" | "InvalidAuthenticationInfo"; reason: string };

/** Batch's `message` for `AuthenticationFailed`; the per-request detail goes in `AuthResult.reason`. */
export const AUTHENTICATION_FAILED_MESSAGE =
  "Server failed to authenticate the request. Verify that the value of Authorization header is formed correctly and includes the signature.";

/** Batch's `message` for `InvalidAuthenticationInfo`. */
export const INVALID_AUTHENTICATION_INFO_MESSAGE = "Authentication information is not given in the correct format. Check the value of Authorization header.";

/** Documented freshness window; SDK retries resend the original ocp-date, so this must not be tighter. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

// Order is fixed by the SDK signer; Content-Length sits between Content-Language and Content-MD5.
const LEADING_HEADERS = ["content-encoding", "content-language"] as const;
const TRAILING_HEADERS = ["content-md5", "content-type", "date", "if-modified-since", "if-match", "if-none-match", "if-unmodified-since", "range"] as const;

function lowercaseHeaders(headers: SignableRequest["headers"]): Map<string, string> {
  // Callers other than Node's http server may pass mixed-case names; folding here keeps lookups simple.
  const out = new Map<string, string>();
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(", ") : raw;
    const key = name.toLowerCase();
    if (!out.has(key)) out.set(key, value);
  }
  return out;
}

function splitUrl(rawUrl: string): { path: string; query: string } {
  // Proxies may send absolute-form request targets; the SDK signs only the path, so drop scheme and authority.
  const withoutOrigin = rawUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "");
  const hashAt = withoutOrigin.indexOf("#");
  const target = hashAt === -1 ? withoutOrigin : withoutOrigin.slice(0, hashAt);
  const queryAt = target.indexOf("?");
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const query = queryAt === -1 ? "" : target.slice(queryAt + 1);
  return { path: path === "" ? "/" : path, query };
}

function contentLengthLine(method: string, headerValue: string | undefined): string {
  const value = headerValue ?? "";
  // The SDK signs "0" for a bodiless POST (which also goes out with content-length: 0),
  // and an empty line for bodiless GET/HEAD/DELETE/PUT.
  if (method.toUpperCase() === "POST") return value === "" ? "0" : value;
  return value === "" || value === "0" ? "" : value;
}

function canonicalizedHeaders(headers: Map<string, string>): string {
  const names = [...headers.keys()].filter((name) => name.startsWith("ocp-")).sort();
  let out = "";
  for (const name of names) {
    const value = headers.get(name);
    // The SDK drops empty-valued ocp-* headers rather than signing "name:".
    if (!value) continue;
    out += `${name}:${value}\n`;
  }
  return out;
}

function canonicalizedResource(accountName: string, path: string, query: string): string {
  const params = new URLSearchParams(query);
  const firstValues = new Map<string, string>();
  for (const [name, value] of params) {
    // querystringify (used by the SDK) keeps the first value of a repeated name and ignores empty names.
    if (name === "" || firstValues.has(name)) continue;
    firstValues.set(name, value);
  }
  let out = `/${accountName}${path}`;
  for (const name of [...firstValues.keys()].sort()) {
    out += `\n${name}:${firstValues.get(name) ?? ""}`;
  }
  return out;
}

export function buildStringToSign(req: SignableRequest, accountName: string): string {
  const headers = lowercaseHeaders(req.headers);
  const { path, query } = splitUrl(req.url);
  const lines: string[] = [req.method];
  for (const name of LEADING_HEADERS) lines.push(headers.get(name) ?? "");
  lines.push(contentLengthLine(req.method, headers.get("content-length")));
  for (const name of TRAILING_HEADERS) lines.push(headers.get(name) ?? "");
  return lines.join("\n") + "\n" + canonicalizedHeaders(headers) + canonicalizedResource(accountName, path, query);
}

export function signRequest(req: SignableRequest, accountName: string, key: Buffer): string {
  return createHmac("sha256", key).update(buildStringToSign(req, accountName), "utf8").digest("base64");
}

/** Convenience for tests and tools that need to act as a SharedKey client. */
export function authorizationHeader(req: SignableRequest, accountName: string, key: Buffer): string {
  return `SharedKey ${accountName}:${signRequest(req, accountName, key)}`;
}

function signaturesEqual(expected: string, provided: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(provided, "utf8");
  // A SHA-256 base64 signature is always 44 characters, so an early length exit leaks nothing secret.
  // Comparing the base64 text (not decoded bytes) avoids Node's lenient base64 decoder accepting junk.
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}

function formatDate(ms: number): string {
  return new Date(ms).toUTCString();
}

type Failure = Extract<AuthResult, { ok: false }>;
const invalid = (reason: string): Failure => ({ ok: false, code: "InvalidAuthenticationInfo", reason });
const failed = (reason: string): Failure => ({ ok: false, code: "AuthenticationFailed", reason });

/** The scheme (as written) and what follows it in an Authorization header. */
function splitAuthorization(authorization: string): { rawScheme: string; credentials: string } {
  const spaceAt = authorization.search(/\s/);
  return {
    rawScheme: spaceAt === -1 ? authorization : authorization.slice(0, spaceAt),
    credentials: spaceAt === -1 ? "" : authorization.slice(spaceAt).trim(),
  };
}

/** `<account>:<signature>` of a SharedKey header, or a failure when it has another form. */
function parseSharedKey(credentials: string): { account: string; signature: string } | Failure {
  // Batch account names cannot contain ':', but base64 signatures cannot either; split on the last one anyway.
  const colonAt = credentials.lastIndexOf(":");
  const account = colonAt === -1 ? "" : credentials.slice(0, colonAt);
  const signature = colonAt === -1 ? "" : credentials.slice(colonAt + 1);
  if (account === "" || signature === "" || /\s/.test(credentials)) {
    return invalid("The SharedKey Authorization header must have the form 'SharedKey <account>:<signature>'.");
  }
  return { account, signature };
}

/**
 * The request's date within the allowed skew of `nowMs`. Checked after the signature so that a date
 * complaint is only made about an otherwise authentic request.
 */
function checkDate(headers: Map<string, string>, nowMs: number): Failure | undefined {
  // ocp-date wins over Date when both are present (REST auth docs).
  const dateHeader = headers.get("ocp-date") || headers.get("date");
  if (!dateHeader) return failed("Request date header not specified (expected ocp-date or Date).");
  const dateMs = Date.parse(dateHeader);
  if (Number.isNaN(dateMs)) return failed(`The request date header '${dateHeader}' is not a valid RFC 1123 date.`);
  const server = `Server time is '${formatDate(nowMs)}'; the allowed skew is 15 minutes.`;
  if (nowMs - dateMs > MAX_CLOCK_SKEW_MS) return failed(`Request date header too old: '${dateHeader}'. ${server}`);
  if (dateMs - nowMs > MAX_CLOCK_SKEW_MS) return failed(`Request date header is in the future: '${dateHeader}'. ${server}`);
  return undefined;
}

function checkSharedKey(req: SignableRequest, credentials: string, lookupKey: (account: string) => Buffer | undefined): AuthResult {
  const parsed = parseSharedKey(credentials);
  if ("ok" in parsed) return parsed;
  const { account, signature } = parsed;
  const key = lookupKey(account);
  if (!key) return failed(`The account '${account}' in the Authorization header is not known to this server.`);
  const stringToSign = buildStringToSign(req, account);
  const expected = createHmac("sha256", key).update(stringToSign, "utf8").digest("base64");
  if (!signaturesEqual(expected, signature)) {
    return failed(
      `The MAC signature found in the HTTP request '${signature}' is not the same as any computed signature. ` +
        `Server used following string to sign: '${stringToSign}'.`,
    );
  }
  return { ok: true, account };
}

export function verifyRequest(req: SignableRequest, lookupKey: (account: string) => Buffer | undefined, nowMs: number): AuthResult {
  const headers = lowercaseHeaders(req.headers);
  const authorization = headers.get("authorization")?.trim();
  if (!authorization) return invalid("The Authorization header is missing.");
  const { rawScheme, credentials } = splitAuthorization(authorization);
  const scheme = rawScheme.toLowerCase();
  if (scheme === "bearer") {
    // The emulator has no token issuer to validate against; the server decides what a bearer caller may do.
    return credentials === "" ? invalid("The Bearer token is empty.") : { ok: true, account: "" };
  }
  if (scheme !== "sharedkey") {
    return invalid(`Unsupported authorization scheme '${rawScheme}'; expected 'SharedKey <account>:<signature>' or 'Bearer <token>'.`);
  }
  const result = checkSharedKey(req, credentials, lookupKey);
  if (!result.ok) return result;
  return checkDate(headers, nowMs) ?? result;
}

// No "server-only" marker: the sign-in gate (proxy.ts) opens the session too.
import { hkdfSync } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import { z } from "zod";

/** The absolute lifetime of a session: after it, sign in again, whatever the browser kept. */
export const SESSION_LIFETIME_SECONDS = 8 * 60 * 60;
/** The time between leaving for the provider and coming back. */
export const LOGIN_LIFETIME_SECONDS = 10 * 60;

/**
 * What the session cookie holds, kept small: who, and only those of their groups and app roles that
 * matched an operator group at sign-in (so the role is recomputed against the configuration of the day).
 */
export const sessionPayload = z.object({
  name: z.string().max(200),
  sub: z.string().max(300),
  operatorGroups: z.array(z.string().max(300)).max(50),
  /** The provider left groups out of the token (Entra's group overage): the reason this user is a viewer. */
  overage: z.boolean(),
});
export type SessionPayload = z.infer<typeof sessionPayload>;
export type Session = SessionPayload & { issuedAt: number; expiresAt: number };

/** The login transaction: what the callback checks the provider's answer against, and where to go after. */
export const loginTransaction = z.object({
  codeVerifier: z.string().max(200),
  state: z.string().max(200),
  nonce: z.string().max(200),
  returnTo: z.string().max(4096),
});
export type LoginTransaction = z.infer<typeof loginTransaction>;

type Purpose = "session" | "login";

/**
 * One key per purpose, derived from BATCHSCOPE_SESSION_SECRET with HKDF: a login transaction can never be
 * opened as a session, and the secret itself is never the key.
 */
function keyFor(secret: string, purpose: Purpose): Uint8Array {
  // Derived once per secret: the gate opens the session on every request.
  if (derived?.secret !== secret) derived = { secret, keys: new Map() };
  let key = derived.keys.get(purpose);
  if (!key) derived.keys.set(purpose, (key = new Uint8Array(hkdfSync("sha256", secret, "batchscope", `batchscope ${purpose} cookie v1`, 32))));
  return key;
}
let derived: { secret: string; keys: Map<Purpose, Uint8Array> } | undefined;

async function seal(purpose: Purpose, claims: Record<string, unknown>, secret: string, lifetimeSeconds: number, now: Date): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new EncryptJWT(claims)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + lifetimeSeconds)
    .encrypt(keyFor(secret, purpose));
}

/** The claims, or undefined when the value was not sealed with this secret for this purpose, was altered, or has expired. */
async function open(purpose: Purpose, token: string | undefined, secret: string, now: Date) {
  if (!token || token.length > 8192) return undefined;
  try {
    const { payload } = await jwtDecrypt(token, keyFor(secret, purpose), {
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
      currentDate: now,
      requiredClaims: ["iat", "exp"],
      clockTolerance: 0,
    });
    return payload;
  } catch {
    return undefined;
  }
}

/** The session cookie's value: a compact JWE (dir, A256GCM) whose `exp` is its absolute end. */
export function sealSession(session: SessionPayload, secret: string, now = new Date()): Promise<string> {
  return seal("session", sessionPayload.parse(session), secret, SESSION_LIFETIME_SECONDS, now);
}

export async function openSession(token: string | undefined, secret: string, now = new Date()): Promise<Session | undefined> {
  const claims = await open("session", token, secret, now);
  const parsed = sessionPayload.safeParse(claims);
  if (!claims || !parsed.success) return undefined;
  return { ...parsed.data, issuedAt: claims.iat!, expiresAt: claims.exp! };
}

export function sealLoginTransaction(tx: LoginTransaction, secret: string, now = new Date()): Promise<string> {
  return seal("login", loginTransaction.parse(tx), secret, LOGIN_LIFETIME_SECONDS, now);
}

export async function openLoginTransaction(token: string | undefined, secret: string, now = new Date()): Promise<LoginTransaction | undefined> {
  const parsed = loginTransaction.safeParse(await open("login", token, secret, now));
  return parsed.success ? parsed.data : undefined;
}

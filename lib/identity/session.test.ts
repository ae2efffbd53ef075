import { describe, expect, it } from "vitest";
import { LOGIN_LIFETIME_SECONDS, SESSION_LIFETIME_SECONDS, openLoginTransaction, openSession, sealLoginTransaction, sealSession } from "./session";

const SECRET = "a-session-secret-of-at-least-32-characters";
const SESSION = { name: "olga@example.com", sub: "olga", operatorGroups: ["batch-operators"], overage: false };
const T0 = new Date("2026-12-02T10:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe("the session cookie", () => {
  it("is a compact JWE (dir, A256GCM) that opens to what was sealed, with its issue and expiry inside", async () => {
    const token = await sealSession(SESSION, SECRET, T0);
    const parts = token.split(".");
    expect(parts).toHaveLength(5);
    expect(JSON.parse(Buffer.from(parts[0]!, "base64url").toString())).toEqual({ alg: "dir", enc: "A256GCM" });
    expect(token).not.toContain("olga");
    expect(Buffer.from(parts[3]!, "base64url").toString("latin1")).not.toContain("olga");
    expect(await openSession(token, SECRET, at(60))).toEqual({
      ...SESSION,
      issuedAt: T0.getTime() / 1000,
      expiresAt: T0.getTime() / 1000 + SESSION_LIFETIME_SECONDS,
    });
  });

  it("ends after 8 hours, whatever the browser keeps", async () => {
    const token = await sealSession(SESSION, SECRET, T0);
    expect(SESSION_LIFETIME_SECONDS).toBe(8 * 3600);
    expect(await openSession(token, SECRET, at(SESSION_LIFETIME_SECONDS - 1))).toBeDefined();
    expect(await openSession(token, SECRET, at(SESSION_LIFETIME_SECONDS))).toBeUndefined();
    expect(await openSession(token, SECRET, at(SESSION_LIFETIME_SECONDS + 3600))).toBeUndefined();
  });

  it("does not open when altered, sealed with another secret, or not a token at all", async () => {
    const token = await sealSession(SESSION, SECRET, T0);
    const parts = token.split(".");
    const flip = (s: string) => {
      const b = Buffer.from(s, "base64url");
      b[0] = b[0]! ^ 1;
      return b.toString("base64url");
    };
    for (const i of [0, 2, 3, 4]) {
      const altered = parts.map((p, j) => (j === i ? flip(p) : p)).join(".");
      expect(await openSession(altered, SECRET, at(1)), `part ${i}`).toBeUndefined();
    }
    expect(await openSession(token, "another-secret-of-at-least-32-characters!", at(1))).toBeUndefined();
    for (const junk of [undefined, "", "x", "a.b.c.d.e", "x".repeat(9000)]) expect(await openSession(junk, SECRET, at(1))).toBeUndefined();
  });

  it("a login transaction is not a session, nor the other way round (one key per purpose)", async () => {
    const tx = await sealLoginTransaction({ codeVerifier: "v", state: "s", nonce: "n", returnTo: "/demo#L1" }, SECRET, T0);
    expect(await openSession(tx, SECRET, at(1))).toBeUndefined();
    expect(await openLoginTransaction(await sealSession(SESSION, SECRET, T0), SECRET, at(1))).toBeUndefined();
    expect(await openLoginTransaction(tx, SECRET, at(1))).toEqual({ codeVerifier: "v", state: "s", nonce: "n", returnTo: "/demo#L1" });
    expect(await openLoginTransaction(tx, SECRET, at(LOGIN_LIFETIME_SECONDS))).toBeUndefined();
    expect(LOGIN_LIFETIME_SECONDS).toBe(600);
  });
});

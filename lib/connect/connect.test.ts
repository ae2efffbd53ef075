import { describe, expect, it } from "vitest";
import { newSshPublicKey } from "@/tests/support/ssh-key";
import { sshCommand } from "./connect-command";
import { generatePassword, generateUserName, USER_NAME_PATTERN } from "./credentials";
import { expiryTime, isExpired, MAX_EXPIRY_HOURS } from "./expiry";
import { checkSshPublicKey } from "./ssh-key";

const opensshKey = (type: "ed25519" | "rsa") => newSshPublicKey("oncall@laptop", type);

describe("checkSshPublicKey", () => {
  it("accepts real ed25519 and rsa keys and keeps the comment", () => {
    for (const type of ["ed25519", "rsa"] as const) {
      const key = opensshKey(type);
      const check = checkSshPublicKey(`  ${key}\n`);
      expect(check).toEqual({ ok: true, type: `ssh-${type}`, key });
    }
  });

  it("refuses a private key, a PuTTY key, two lines and a cut key, saying which", () => {
    const key = opensshKey("ed25519");
    const [type, data] = key.split(" ");
    const cases: Array<[string, RegExp]> = [
      ["-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----", /private key/],
      ["---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----", /PuTTY/],
      [`${key}\n${key}`, /single line/],
      [`${type} ${data!.slice(0, 40)}`, /base64|does not match/],
      [`ssh-dss ${data}`, /must start with its type/],
      [`ssh-rsa ${data}`, /does not match its type ssh-rsa/],
      ["", /Paste/],
    ];
    for (const [input, problem] of cases) {
      const check = checkSshPublicKey(input);
      expect(check.ok, input).toBe(false);
      if (!check.ok) expect(check.problem).toMatch(problem);
    }
  });
});

describe("credentials", () => {
  it("makes distinct user names that fit Linux and Windows", () => {
    const names = new Set(Array.from({ length: 200 }, generateUserName));
    expect(names.size).toBe(200);
    for (const n of names) expect(n).toMatch(USER_NAME_PATTERN);
  });

  it("makes passwords with every character class", () => {
    for (let i = 0; i < 50; i++) {
      const p = generatePassword();
      expect(p).toHaveLength(20);
      for (const cls of [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/]) expect(p).toMatch(cls);
    }
  });
});

describe("expiry", () => {
  const now = Date.parse("2026-11-27T10:00:00Z");
  it("counts hours from the service clock and refuses out-of-range values", () => {
    expect(expiryTime(now, 1).toISOString()).toBe("2026-11-27T11:00:00.000Z");
    expect(expiryTime(now, MAX_EXPIRY_HOURS).toISOString()).toBe("2026-11-28T10:00:00.000Z");
    for (const bad of [0, 25, 1.5, -1]) expect(() => expiryTime(now, bad)).toThrow(RangeError);
  });
  it("calls a user expired at and after its expiry", () => {
    expect(isExpired("2026-11-27T10:00:00Z", now)).toBe(true);
    expect(isExpired("2026-11-27T10:00:01Z", now)).toBe(false);
  });
});

describe("sshCommand", () => {
  it("puts the port and user exactly as ssh wants them", () => {
    expect(sshCommand("bs-abcd2345", "203.0.113.10", 50001)).toBe("ssh -p 50001 bs-abcd2345@203.0.113.10");
    expect(sshCommand("bs-abcd2345", "2001:db8::1", 22)).toBe("ssh bs-abcd2345@[2001:db8::1]");
  });
});

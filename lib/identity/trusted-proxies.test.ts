import { describe, expect, it } from "vitest";
import { isLoopbackAddress, isLoopbackHost } from "@/lib/net-address";
import { parseTrustedProxies, type TrustedProxies } from "./trusted-proxies";

const parsed = (raw: string) => {
  const result = parseTrustedProxies(raw);
  if ("error" in result) throw new Error(result.error);
  return result as TrustedProxies;
};

describe("parseTrustedProxies", () => {
  it("trusts the listed addresses and ranges, IPv4 and IPv6, and IPv4 peers on a dual-stack socket", () => {
    const list = parsed(" 10.0.0.0/24, 192.168.5.7 , fd00:1::/32");
    expect(list.text).toBe("10.0.0.0/24, 192.168.5.7, fd00:1::/32");
    for (const peer of ["10.0.0.1", "10.0.0.255", "::ffff:10.0.0.9", "192.168.5.7", "fd00:1:2::3"]) expect(list.trusts(peer), peer).toBe(true);
    for (const peer of ["10.0.1.1", "192.168.5.8", "fd00:2::1", "127.0.0.1", "", "not-an-ip", undefined]) expect(list.trusts(peer), String(peer)).toBe(false);
  });

  it.each([
    ["", /is empty/],
    ["10.0.0.1, gateway", /"gateway", which is not an IP address/],
    ["10.0.0.0/8/9", /not an IP address or CIDR range/],
    ["10.0.0.0/-1", /prefix length is not valid/],
    ["fd00::/129", /prefix length is not valid/],
    ["10.0.0.0/x", /prefix length is not valid/],
  ])("refuses %j, naming the entry", (raw, says) => {
    const result = parseTrustedProxies(raw);
    expect("error" in result && result.error).toMatch(says);
  });
});

describe("loopback", () => {
  it("knows the machine's own addresses and names, and nothing that merely starts with 127.", () => {
    for (const a of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"]) expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ["10.0.0.1", "::", "0.0.0.0", undefined]) expect(isLoopbackAddress(a), String(a)).toBe(false);
    for (const h of ["localhost", "LOCALHOST", "127.0.0.1", "[::1]"]) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ["127.0.0.1.nip.io", "localhost.example.com", "example.com", "[fd00::1]"]) expect(isLoopbackHost(h), h).toBe(false);
  });
});

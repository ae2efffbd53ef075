// No "server-only" marker: the Node server (server.ts) and start-up checks read it outside the React server layer.
import { BlockList, isIP } from "node:net";
import { normalizeAddress } from "@/lib/net-address";

/**
 * The peers whose identity headers count (BATCHSCOPE_TRUSTED_PROXIES): the reverse proxy that signed the
 * user in. A request from any other address is anonymous whatever headers it carries, because anyone who
 * can reach the server directly (another pod, a laptop on the VNet) can send them.
 */
export interface TrustedProxies {
  /** The setting as written, for start-up messages. */
  text: string;
  trusts(address: string | undefined): boolean;
}

/**
 * Parses comma-separated addresses and CIDR ranges ("10.0.0.0/8, 127.0.0.1, fd00::/8"). Returns a
 * message naming the bad entry instead of throwing, so the caller names the variable.
 */
export function parseTrustedProxies(raw: string): TrustedProxies | { error: string } {
  const list = new BlockList();
  const entries = raw
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return { error: "is empty: list the addresses or CIDR ranges of the sign-in proxy, such as 10.0.0.4 or 10.0.0.0/24" };
  for (const entry of entries) {
    const [address = "", prefix, extra] = entry.split("/");
    const family = isIP(address);
    if (!family || extra !== undefined) return { error: `holds "${entry.slice(0, 60)}", which is not an IP address or CIDR range` };
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!(bits >= 0 && bits <= (family === 4 ? 32 : 128))) return { error: `holds "${entry.slice(0, 60)}", whose prefix length is not valid` };
    list.addSubnet(address, bits, type);
  }
  return {
    text: entries.join(", "),
    trusts(peer) {
      if (!peer) return false;
      const address = normalizeAddress(peer);
      const family = isIP(address);
      return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
    },
  };
}

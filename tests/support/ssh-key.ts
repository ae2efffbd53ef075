import { generateKeyPairSync } from "node:crypto";

/**
 * A fresh OpenSSH public key line ("ssh-ed25519 <blob> comment"), made with node:crypto so tests need no
 * ssh-keygen. The blob is the wire format: a length-prefixed type name, then the length-prefixed key parts.
 */
export function newSshPublicKey(comment = "test@batchscope", type: "ed25519" | "rsa" = "ed25519"): string {
  if (type === "ed25519") {
    const { publicKey } = generateKeyPairSync("ed25519");
    const raw = Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url");
    return line("ssh-ed25519", [raw], comment);
  }
  const jwk = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "jwk" });
  return line("ssh-rsa", [mpint(jwk.e!), mpint(jwk.n!)], comment);
}

function line(type: string, parts: Buffer[], comment: string): string {
  return `${type} ${Buffer.concat([field(Buffer.from(type)), ...parts.map(field)]).toString("base64")} ${comment}`;
}

/** RSA numbers are signed big-endian: a leading zero byte keeps a set top bit from reading as negative. */
function mpint(b64url: string): Buffer {
  const b = Buffer.from(b64url, "base64url");
  return b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b;
}

function field(b: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(b.length, 0);
  return Buffer.concat([length, b]);
}

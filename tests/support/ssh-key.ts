import { generateKeyPairSync } from "node:crypto";

/**
 * A fresh OpenSSH public key line ("ssh-ed25519 <blob> comment"), made with node:crypto so tests need no
 * ssh-keygen. The blob is the wire format: a length-prefixed type name, then the length-prefixed key.
 */
export function newSshPublicKey(comment = "test@batchscope"): string {
  const { publicKey } = generateKeyPairSync("ed25519");
  const raw = Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url");
  const blob = Buffer.concat([field(Buffer.from("ssh-ed25519")), field(raw)]);
  return `ssh-ed25519 ${blob.toString("base64")} ${comment}`;
}

function field(b: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(b.length, 0);
  return Buffer.concat([length, b]);
}

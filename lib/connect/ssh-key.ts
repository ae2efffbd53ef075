/**
 * An SSH public key as Batch wants it: OpenSSH's one-line "type base64 [comment]". We check the key
 * before any Batch call so a pasted private key, a PuTTY export or a truncated line gets a plain answer
 * and creates nothing on the node.
 */
const KEY_TYPES = [
  "ssh-ed25519",
  "ssh-rsa",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "sk-ssh-ed25519@openssh.com",
  "sk-ecdsa-sha2-nistp256@openssh.com",
] as const;

export type SshKeyCheck = { ok: true; key: string; type: string } | { ok: false; problem: string };

/** Decodes standard base64 without Node's Buffer, so the same check runs in the browser. */
function decodeBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * The key blob is a run of length-prefixed fields, the first repeating the key type. Splitting it and
 * requiring the fields to use every byte catches a key cut short when copied, which a prefix check misses.
 */
function fields(blob: Uint8Array): Uint8Array[] | undefined {
  const out: Uint8Array[] = [];
  let at = 0;
  while (at < blob.length) {
    if (blob.length - at < 4) return undefined;
    const length = ((blob[at]! << 24) | (blob[at + 1]! << 16) | (blob[at + 2]! << 8) | blob[at + 3]!) >>> 0;
    at += 4;
    if (length > blob.length - at) return undefined;
    out.push(blob.subarray(at, at + length));
    at += length;
  }
  return out;
}

/** How many fields each key type has: type, then its public parts (sk- keys add the application). */
const FIELD_COUNT: Record<(typeof KEY_TYPES)[number], number> = {
  "ssh-ed25519": 2,
  "ssh-rsa": 3,
  "ecdsa-sha2-nistp256": 3,
  "ecdsa-sha2-nistp384": 3,
  "ecdsa-sha2-nistp521": 3,
  "sk-ssh-ed25519@openssh.com": 3,
  "sk-ecdsa-sha2-nistp256@openssh.com": 4,
};

const isKeyType = (t: string | undefined): t is (typeof KEY_TYPES)[number] => (KEY_TYPES as readonly (string | undefined)[]).includes(t);

export function checkSshPublicKey(input: string): SshKeyCheck {
  const text = input.trim();
  if (text === "") return { ok: false, problem: "Paste an SSH public key (the one line of your .pub file)." };
  if (/PRIVATE KEY/.test(text))
    return { ok: false, problem: "This is a private key. Paste the public key instead (the .pub file); never share the private one." };
  if (text.startsWith("---- BEGIN SSH2 PUBLIC KEY"))
    return { ok: false, problem: "This is a PuTTY/SSH2 key. Convert it to OpenSSH form first (ssh-keygen -i -f key.pub)." };
  if (/[\r\n]/.test(text)) return { ok: false, problem: "An SSH public key is a single line; this has several." };
  if (text.length > 16_384) return { ok: false, problem: "This is too long to be an SSH public key." };
  const [type, data, ...comment] = text.split(/\s+/);
  if (!isKeyType(type)) {
    return { ok: false, problem: `The key must start with its type (${KEY_TYPES.slice(0, 3).join(", ")} …).` };
  }
  const blob = data ? decodeBase64(data) : undefined;
  if (!blob) return { ok: false, problem: "The key's middle part is not valid base64; was it cut when copying?" };
  const parts = fields(blob);
  if (!parts || new TextDecoder().decode(parts[0]) !== type || parts.length !== FIELD_COUNT[type] || (type === "ssh-ed25519" && parts[1]!.length !== 32)) {
    return { ok: false, problem: `The key data does not match its type ${type}; was it cut when copying?` };
  }
  if (type === "ssh-rsa" && parts[2]!.length < 256) return { ok: false, problem: "This RSA key is too short; use at least 2048 bits, or ed25519." };
  return { ok: true, type, key: [type, data, ...comment].join(" ") };
}

/**
 * The temporary user an operator connects with. Names and passwords come from the platform's CSPRNG
 * (globalThis.crypto, present in Node 20 and browsers). The name says who made it; the password is shown
 * once and never stored.
 */
const LOWER = "abcdefghijkmnpqrstuvwxyz";
const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS = "23456789";
const SYMBOLS = "!#%+-=?@^_";

function pick(alphabet: string, count: number): string[] {
  const out: string[] = [];
  const bytes = new Uint8Array(count * 2);
  // Rejection sampling keeps every character equally likely whatever the alphabet's length.
  const limit = 256 - (256 % alphabet.length);
  while (out.length < count) {
    globalThis.crypto.getRandomValues(bytes);
    for (const b of bytes) if (b < limit && out.length < count) out.push(alphabet[b % alphabet.length]!);
  }
  return out;
}

/** "bs-" and 8 characters: a valid Linux and Windows name (Windows allows 20), recognisably ours on the node. */
export const USER_NAME_PATTERN = /^bs-[a-z2-9]{8}$/;

export function generateUserName(): string {
  return `bs-${pick(LOWER + DIGITS, 8).join("")}`;
}

/** 20 characters with all four classes, which meets Windows' complexity rule by a wide margin. */
export function generatePassword(): string {
  const chars = [...pick(LOWER, 5), ...pick(UPPER, 5), ...pick(DIGITS, 5), ...pick(SYMBOLS, 5)];
  const order = new Uint32Array(chars.length);
  globalThis.crypto.getRandomValues(order);
  return chars
    .map((c, i) => [order[i]!, c] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, c]) => c)
    .join("");
}

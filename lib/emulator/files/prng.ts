export interface Rng {
  /** A uniform integer in [0, 2^32). */
  next(): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
  /** An integer in [min, max], inclusive. */
  between(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** murmur3's finaliser: spreads nearby keys (block 7, block 8) into unrelated states. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A mulberry32 stream keyed on (seed, index) so any block can be generated without its predecessors. */
export function createRng(seed: number, index: number): Rng {
  const low = index >>> 0;
  const high = Math.floor(index / 0x1_0000_0000) >>> 0;
  let state = fmix32((seed >>> 0) ^ fmix32(low + 0x9e3779b9) ^ fmix32(high ^ 0x7f4a7c15));
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const int = (n: number): number => Math.floor((next() / 0x1_0000_0000) * n);
  return {
    next,
    int,
    between: (min, max) => min + int(max - min + 1),
    chance: (p) => next() / 0x1_0000_0000 < p,
    pick<T>(items: readonly T[]): T {
      const item = items[int(items.length)];
      if (item === undefined) throw new Error("pick from an empty list");
      return item;
    },
  };
}

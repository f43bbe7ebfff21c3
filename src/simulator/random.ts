// The simulator's own randomness. It deliberately shares nothing with src/lib: tests of the clients
// against the simulator must not pass because both sides run the same helper.

/** A seeded PRNG (mulberry32): small, fast and good enough for fake fleets. Returns [0, 1). */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A stateless hash of integers to 32 bits. Evolution asks "what happened to system i in hour k?"
 * without replaying every earlier hour, so it needs random numbers addressed by coordinates,
 * not drawn in sequence.
 */
export function hash32(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) h = step(h, part);
  return h;
}

/** hash32(a, b, c) mapped onto [0, 1); fixed arity because evolution calls it a lot. */
export function unitAt(a: number, b: number, c: number): number {
  return step(step(step(0x811c9dc5, a), b), c) / 4294967296;
}

// Mixes both 32-bit halves, so large or negative coordinates still spread.
const step = (h: number, part: number) => mix(mix(h ^ (part | 0)) ^ Math.floor(part / 4294967296));

function mix(x: number): number {
  let h = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A number for a string, so names can address hash32 too. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix(h);
}

/**
 * A deterministic, well-formed UUID (version 4 layout) for a name. Vendor modules use it for the
 * uuid/id fields their APIs carry, so ids survive a restart with the same seed.
 */
export function uuidOf(...parts: string[]): string {
  const key = parts.join('\u0000');
  const words = [1, 2, 3, 4].map((n) => hash32(hashString(key), n).toString(16).padStart(8, '0'));
  const hex = words.join('');
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Helpers over a PRNG, so the model reads as intent rather than arithmetic. */
export function picker(random: () => number) {
  return {
    between: (min: number, max: number) => min + (max - min) * random(),
    int: (min: number, max: number) => min + Math.floor((max - min + 1) * random()),
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(random() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    chance: (p: number) => random() < p,
    digits: (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join(''),
  };
}
export type Picker = ReturnType<typeof picker>;

/**
 * A seeded pseudo-random generator for the demo data: the same seed gives the same organisation
 * and the same year of cases on every machine. Not for anything secret.
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with the given probability. */
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** A log-normal sample with the given median; spread is the sigma of the underlying normal. */
  logNormal(median: number, spread: number): number;
  /** A version-4-shaped UUID drawn from this generator. */
  uuid(): string;
  /** A new generator seeded from this one's next value and a label. */
  fork(label: string): Random;
}

/** 32-bit FNV-1a hash of a string, used to turn labels into seeds. */
export function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Creates a generator from a numeric seed (mulberry32). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;

  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };

  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick: the list is empty');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted: (items) => {
      const total = items.reduce((sum, [, weight]) => sum + weight, 0);
      let point = next() * total;
      for (const [item, weight] of items) {
        point -= weight;
        if (point < 0) return item;
      }
      const last = items[items.length - 1];
      if (!last) throw new Error('weighted: the list is empty');
      return last[0];
    },
    logNormal: (median, spread) => {
      // Box-Muller transform; 1 - next() keeps the logarithm's argument above zero.
      const normal = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      return median * Math.exp(spread * normal);
    },
    uuid: () => {
      const hex: string[] = [];
      for (let index = 0; index < 32; index += 1) hex.push(Math.floor(next() * 16).toString(16));
      hex[12] = '4';
      hex[16] = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
      const text = hex.join('');
      return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
    },
    fork: (label) => createRandom((hashSeed(label) ^ Math.floor(next() * 4_294_967_296)) >>> 0),
  };
  return random;
}

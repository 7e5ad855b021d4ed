// A small seeded pseudo-random generator (mulberry32): the same seed gives the
// same sequence on every platform, so a campaign is reproducible from its seed.

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = (seed ^ 0x9e3779b9) >>> 0;
    // Stir, so that neighbouring seeds start far apart.
    for (let i = 0; i < 4; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks a key of `weights` with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Partial<Record<K, number>>>): K {
    const entries = (Object.entries(weights) as [K, number][]).filter(([, w]) => w > 0);
    const total = entries.reduce((s, [, w]) => s + w, 0);
    if (total <= 0) throw new Error('Rng.weighted: no positive weight');
    let r = this.next() * total;
    for (const [k, w] of entries) {
      r -= w;
      if (r < 0) return k;
    }
    return entries[entries.length - 1]![0];
  }

  /** A derived generator, independent of how much of this one is used later. */
  fork(salt: number): Rng {
    return new Rng(Math.floor(this.next() * 0x7fffffff) ^ salt);
  }
}

/** The seed of test `index` of the campaign with seed `seed`. */
export function testSeed(seed: number, index: number): number {
  return (Math.imul(seed, 0x01000193) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
}

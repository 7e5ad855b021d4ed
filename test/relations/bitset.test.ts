import { describe, expect, it } from 'vitest';
import { BitSet } from '../../src/relations/bitset.js';
import { MAX_N } from '../../src/relations/bits.js';
import { fromSet, prng, randS, SIZES, toSet, type S } from './reference.js';

const DENS = [0, 0.05, 0.5, 0.95, 1];
const TRIALS = 6;

/** Runs `body` on TRIALS x DENS random pairs of sets of size n. */
function forPairs(n: number, seed: number, body: (a: S, b: S) => void): void {
  const rnd = prng(seed * 7919 + n);
  for (const p of DENS) for (let t = 0; t < TRIALS; t++) body(randS(rnd, n, p), randS(rnd, n, 1 - p + 0.01 * t));
}

describe.each(SIZES)('BitSet n=%i', (n) => {
  it('words = ceil(n/32); add/has/delete agree with a boolean array', () => {
    const s = new BitSet(n);
    expect(s.words).toBe(Math.ceil(n / 32));
    const ref = new Array<boolean>(n).fill(false);
    const rnd = prng(n);
    for (let step = 0; step < 4 * n + 20; step++) {
      const i = Math.floor(rnd() * n);
      if (rnd() < 0.6) { s.add(i); ref[i] = true; } else { s.delete(i); ref[i] = false; }
      expect(fromSet(s)).toEqual(ref);
    }
    expect(s.has(-1)).toBe(false);
    expect(s.has(n)).toBe(false);
    expect(s.has(32 * s.words)).toBe(false);
  });

  it('or / and / andNot / complement match the definitions', () => {
    forPairs(n, 1, (a, b) => {
      const A = toSet(a), B = toSet(b);
      expect(fromSet(A.clone().or(B))).toEqual(a.map((x, i) => x || b[i]!));
      expect(fromSet(A.clone().and(B))).toEqual(a.map((x, i) => x && b[i]!));
      expect(fromSet(A.clone().andNot(B))).toEqual(a.map((x, i) => x && !b[i]!));
      const C = A.clone().complement();
      expect(fromSet(C)).toEqual(a.map((x) => !x));
      expect(C.count()).toBe(a.filter((x) => !x).length); // no stray bits past n
      expect(fromSet(B)).toEqual(b); // operand untouched
    });
  });

  it('count / isEmpty / equals / isSubsetOf / intersects / first', () => {
    forPairs(n, 2, (a, b) => {
      const A = toSet(a), B = toSet(b);
      expect(A.count()).toBe(a.filter((x) => x).length);
      expect(A.isEmpty()).toBe(!a.some((x) => x));
      expect(A.equals(B)).toBe(a.every((x, i) => x === b[i]));
      expect(A.equals(toSet(a))).toBe(true);
      expect(A.isSubsetOf(B)).toBe(a.every((x, i) => !x || b[i]!));
      expect(A.intersects(B)).toBe(a.some((x, i) => x && b[i]!));
      expect(A.first()).toBe(a.indexOf(true));
    });
  });

  it('clear / fill / copyFrom', () => {
    forPairs(n, 3, (a, b) => {
      const A = toSet(a);
      expect(fromSet(A.clone().fill())).toEqual(new Array<boolean>(n).fill(true));
      expect(A.clone().fill().count()).toBe(n);
      expect(A.clone().clear().isEmpty()).toBe(true);
      expect(fromSet(A.copyFrom(toSet(b)))).toEqual(b);
    });
  });

  it('forEach / toArray / of / toString list members in increasing order', () => {
    forPairs(n, 4, (a) => {
      const want = a.flatMap((x, i) => (x ? [i] : []));
      const A = toSet(a);
      const seen: number[] = [];
      A.forEach((i) => seen.push(i));
      expect(seen).toEqual(want);
      expect(A.toArray()).toEqual(want);
      expect(BitSet.of(n, [...want].reverse()).equals(A)).toBe(true);
      expect(A.toString()).toBe(`{${want.join(',')}}`);
    });
  });
});

describe('BitSet errors and limits', () => {
  it('rejects out-of-range and non-integer members and bad sizes', () => {
    const s = new BitSet(33);
    expect(() => s.add(33)).toThrow(RangeError);
    expect(() => s.add(-1)).toThrow(RangeError);
    expect(() => s.add(1.5)).toThrow(RangeError);
    expect(() => new BitSet(MAX_N + 1)).toThrow(RangeError);
    expect(() => new BitSet(-1)).toThrow(RangeError);
    expect(s.delete(40).isEmpty()).toBe(true);
  });

  it('rejects operands of a different size', () => {
    const a = new BitSet(32), b = new BitSet(33);
    expect(() => a.or(b)).toThrow(RangeError);
    expect(() => a.copyFrom(b)).toThrow(RangeError);
    expect(a.equals(b)).toBe(false);
  });

  it('handles n = 0 and n = MAX_N', () => {
    const z = new BitSet(0);
    expect(z.fill().count()).toBe(0);
    expect(z.complement().isEmpty()).toBe(true);
    const big = new BitSet(MAX_N).fill();
    expect(big.count()).toBe(MAX_N);
    expect(big.delete(MAX_N - 1).complement().toArray()).toEqual([MAX_N - 1]);
  });
});

import { describe, expect, it } from 'vitest';
import { BitSet } from '../../src/relations/bitset.js';
import { Rel } from '../../src/relations/matrix.js';
import {
  cartM, complM, composeM, countM, DENSITIES, domainS, emptyM, fromRel, fromSet, idOnM, interM, inverseM,
  minusM, prng, randM, randS, rangeS, restrictM, SIZES, toRel, toSet, unionM, type M,
} from './reference.js';

const TRIALS = 3;

/** Runs body on random pairs of relations of size n over all densities. */
function forPairs(n: number, seed: number, body: (a: M, b: M, rnd: () => number) => void): void {
  const rnd = prng(seed * 104729 + n);
  for (const p of DENSITIES) {
    for (let t = 0; t < TRIALS; t++) body(randM(rnd, n, p), randM(rnd, n, DENSITIES[(t * 3 + 1) % DENSITIES.length]!), rnd);
  }
}

describe.each(SIZES)('Rel n=%i', (n) => {
  it('add / has / delete agree with a boolean matrix; has is false out of range', () => {
    const r = new Rel(n), ref = emptyM(n), rnd = prng(n + 5);
    for (let step = 0; step < 6 * n + 20; step++) {
      const i = Math.floor(rnd() * n), j = Math.floor(rnd() * n);
      if (rnd() < 0.7) { r.add(i, j); ref[i]![j] = true; } else { r.delete(i, j); ref[i]![j] = false; }
    }
    expect(fromRel(r)).toEqual(ref);
    expect(r.has(-1, 0) || r.has(0, n) || r.has(n, 0) || r.has(0, 32 * r.words)).toBe(false);
  });

  it('unionWith / intersectWith / minus / complement (cat | & \\ ~)', () => {
    forPairs(n, 1, (a, b) => {
      const A = toRel(a), B = toRel(b);
      expect(fromRel(A.clone().unionWith(B))).toEqual(unionM(a, b));
      expect(fromRel(A.clone().intersectWith(B))).toEqual(interM(a, b));
      expect(fromRel(A.clone().minus(B))).toEqual(minusM(a, b));
      const C = A.clone().complement();
      expect(fromRel(C)).toEqual(complM(a));
      expect(C.count()).toBe(n * n - countM(a)); // no stray bits past column n
      expect(fromRel(B)).toEqual(b);
    });
  });

  it('composeInto (cat ;) without aliasing', () => {
    forPairs(n, 2, (a, b) => {
      const dst = toRel(randM(prng(n), n, 0.5)); // stale contents must be overwritten
      expect(fromRel(dst.composeInto(toRel(a), toRel(b)))).toEqual(composeM(a, b));
    });
  });

  it('composeInto with every aliasing pattern', () => {
    forPairs(n, 3, (a, b) => {
      const ab = composeM(a, b);
      const A1 = toRel(a);
      expect(fromRel(A1.composeInto(A1, toRel(b)))).toEqual(ab); // this === a
      const B1 = toRel(b);
      expect(fromRel(B1.composeInto(toRel(a), B1))).toEqual(ab); // this === b
      const A2 = toRel(a), other = new Rel(n);
      expect(fromRel(other.composeInto(A2, A2))).toEqual(composeM(a, a)); // a === b
      expect(fromRel(A2.composeInto(A2, A2))).toEqual(composeM(a, a)); // all three
    });
  });

  it('composeInverseInto (cat a^-1 ; b) equals inverting then composing, overwrites stale contents, refuses aliasing', () => {
    forPairs(n, 17, (a, b) => {
      const dst = toRel(randM(prng(n + 3), n, 0.5));
      expect(fromRel(dst.composeInverseInto(toRel(a), toRel(b)))).toEqual(composeM(inverseM(a), b));
      const A = toRel(a);
      expect(() => A.composeInverseInto(A, toRel(b))).toThrow(RangeError);
    });
  });

  it('inverseInto (cat ^-1), also in place; inverse is an involution', () => {
    forPairs(n, 4, (a) => {
      const A = toRel(a), dst = toRel(randM(prng(n + 1), n, 0.5));
      expect(fromRel(dst.inverseInto(A))).toEqual(inverseM(a));
      expect(fromRel(A.inverseInto(A))).toEqual(inverseM(a));
      expect(fromRel(A.inverseInto(A))).toEqual(a);
    });
  });

  it('restrictDomain / restrictRange ([S];r, r;[T], [S];r;[T])', () => {
    forPairs(n, 5, (a, _b, rnd) => {
      const s = randS(rnd, n, rnd()), t = randS(rnd, n, rnd());
      const A = toRel(a), S = toSet(s), T = toSet(t);
      expect(fromRel(A.clone().restrictDomain(S))).toEqual(restrictM(a, s, null));
      expect(fromRel(A.clone().restrictRange(T))).toEqual(restrictM(a, null, t));
      expect(fromRel(A.clone().restrictDomain(S).restrictRange(T))).toEqual(restrictM(a, s, t));
      // [S];r;[T] equals the composition with identity relations
      const viaCompose = new Rel(n).composeInto(new Rel(n).composeInto(new Rel(n).identityOn(S), A), new Rel(n).identityOn(T));
      expect(fromRel(viaCompose)).toEqual(restrictM(a, s, t));
    });
  });

  it('identityOn / cartesian / fill ([S], S * T, _ * _)', () => {
    forPairs(n, 6, (a, _b, rnd) => {
      const s = randS(rnd, n, rnd()), t = randS(rnd, n, rnd());
      const dst = toRel(a);
      expect(fromRel(dst.identityOn(toSet(s)))).toEqual(idOnM(s));
      expect(fromRel(dst.cartesian(toSet(s), toSet(t)))).toEqual(cartM(s, t));
      expect(dst.fill().count()).toBe(n * n);
    });
  });

  it('domain / range / successors / predecessors', () => {
    forPairs(n, 7, (a, _b, rnd) => {
      const A = toRel(a), out = toSet(randS(rnd, n, 0.5));
      expect(fromSet(A.domain(out))).toEqual(domainS(a));
      expect(fromSet(A.range(out))).toEqual(rangeS(a));
      const i = Math.floor(rnd() * n);
      expect(fromSet(A.successors(i, out))).toEqual(a[i]);
      expect(fromSet(A.predecessors(i, out))).toEqual(a.map((row) => row[i]));
      expect(A.successors(n, out).isEmpty() && A.predecessors(-1, out).isEmpty()).toBe(true);
    });
  });

  it('count / isEmpty / isIrreflexive / equals / isSubsetOf / intersects', () => {
    forPairs(n, 8, (a, b) => {
      const A = toRel(a), B = toRel(b);
      expect(A.count()).toBe(countM(a));
      expect(A.isEmpty()).toBe(countM(a) === 0);
      expect(A.isIrreflexive()).toBe(a.every((row, i) => !row[i]));
      expect(A.equals(B)).toBe(JSON.stringify(a) === JSON.stringify(b));
      expect(A.equals(A.clone())).toBe(true);
      expect(A.isSubsetOf(B)).toBe(countM(minusM(a, b)) === 0);
      expect(A.intersects(B)).toBe(countM(interM(a, b)) > 0);
      expect(A.clone().unionWith(B).isSubsetOf(A)).toBe(B.isSubsetOf(A));
    });
  });

  it('forEachEdge / toPairs / fromPairs / toString (row-major order)', () => {
    forPairs(n, 9, (a) => {
      const want: [number, number][] = [];
      a.forEach((row, i) => row.forEach((x, j) => { if (x) want.push([i, j]); }));
      const A = toRel(a);
      const seen: [number, number][] = [];
      A.forEachEdge((i, j) => seen.push([i, j]));
      expect(seen).toEqual(want);
      expect(A.toPairs()).toEqual(want);
      expect(Rel.fromPairs(n, [...want].reverse()).equals(A)).toBe(true);
      expect(A.toString()).toBe(`{${want.map(([i, j]) => `(${i},${j})`).join(',')}}`);
    });
  });

  it('clear / copyFrom / clone are independent copies', () => {
    forPairs(n, 10, (a, b) => {
      const A = toRel(a), C = A.clone();
      C.add(0, 0);
      expect(fromRel(A)).toEqual(a);
      expect(fromRel(A.copyFrom(toRel(b)))).toEqual(b);
      expect(A.clear().isEmpty()).toBe(true);
    });
  });
});

describe('Rel on wider rows (4-word chunks and their remainders)', () => {
  it.each([96, 128, 129, 160, 257])('composeInto / inverseInto / set algebra at n=%i', (n) => {
    const rnd = prng(n * 13);
    for (const p of [0.005, 0.05, 0.3]) {
      const a = randM(rnd, n, p), b = randM(rnd, n, p);
      const A = toRel(a), B = toRel(b);
      expect(fromRel(new Rel(n).composeInto(A, B))).toEqual(composeM(a, b));
      expect(fromRel(A.clone().composeInto(A, A))).toEqual(composeM(a, a));
      expect(fromRel(new Rel(n).inverseInto(A))).toEqual(inverseM(a));
      expect(fromRel(A.clone().minus(B).unionWith(B))).toEqual(unionM(a, b));
      expect(A.clone().complement().count()).toBe(n * n - countM(a));
    }
  });
});

describe('Rel errors and limits', () => {
  it('add rejects out-of-range and non-integer pairs', () => {
    const r = new Rel(33);
    expect(() => r.add(33, 0)).toThrow(RangeError);
    expect(() => r.add(0, 33)).toThrow(RangeError);
    expect(() => r.add(-1, 0)).toThrow(RangeError);
    expect(() => r.add(0.5, 1)).toThrow(RangeError);
    expect(r.delete(40, 1).isEmpty()).toBe(true);
  });

  it('binary operations reject a size mismatch', () => {
    const a = new Rel(32), b = new Rel(33), s = new BitSet(33);
    expect(() => a.unionWith(b)).toThrow(RangeError);
    expect(() => a.composeInto(a, b)).toThrow(RangeError);
    expect(() => a.inverseInto(b)).toThrow(RangeError);
    expect(() => a.restrictDomain(s)).toThrow(RangeError);
    expect(() => a.domain(s)).toThrow(RangeError);
    expect(a.equals(b)).toBe(false);
  });

  it('n = 0 and a sparse n = 1024 relation', () => {
    const z = new Rel(0);
    expect(z.fill().complement().isEmpty() && z.isAcyclic() && z.findCycle() === null).toBe(true);
    const big = Rel.fromPairs(1024, [[0, 1023], [1023, 512], [512, 0]]);
    expect(big.count()).toBe(3);
    expect(new Rel(1024).composeInto(big, big).toPairs()).toEqual([[0, 512], [512, 1023], [1023, 0]]);
    expect(new Rel(1024).inverseInto(big).toPairs()).toEqual([[0, 512], [512, 1023], [1023, 0]]);
    expect(big.clone().complement().count()).toBe(1024 * 1024 - 3);
  });
});

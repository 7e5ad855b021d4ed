// Rel: a binary relation over the events {0, ..., n-1} as an n x n bit
// matrix, row-major in one Uint32Array: row i (words data[i*w .. i*w+w),
// w = ceil(n/32)) is the set of successors of i, i.e. {j | (i,j) in r}.
//
// Conventions
// - Mutators work IN PLACE on `this` and return `this` (chainable). Operations
//   with a result of a different shape take an explicit destination
//   (`composeInto`, `inverseInto`, `domain(out)`, `range(out)`).
// - No operation allocates except clone/fromPairs/toPairs/toString/findCycle
//   (explanation-only) and the first use of module scratch (see bits.ts).
// - Operands must have the same n (checked: RangeError).
// - Bits at columns >= n are always zero (invariant kept by every mutator).
//
// cat correspondence (herd7 / LKMM):
//   r1 | r2    -> a.copyFrom(r1).unionWith(r2)
//   r1 & r2    -> a.copyFrom(r1).intersectWith(r2)
//   r1 \ r2    -> a.copyFrom(r1).minus(r2)
//   ~r         -> a.copyFrom(r).complement()
//   r1 ; r2    -> a.composeInto(r1, r2)
//   r^-1       -> a.inverseInto(r)
//   r+ / r* / r?  -> transitiveClosure() / reflexiveTransitiveClosure() / reflexiveClosure()
//   [S]        -> a.identityOn(S)          S * T -> a.cartesian(S, T)
//   [S];r;[T]  -> a.copyFrom(r).restrictDomain(S).restrictRange(T)
//   domain(r) / range(r) -> r.domain(out) / r.range(out)
//   acyclic r / irreflexive r / empty r -> isAcyclic() / isIrreflexive() / isEmpty()

import type { BitSet } from './bitset.js';
import { checkSize, lastWordMask, popcount32, scratchA, wordsFor } from './bits.js';
import { composeRows } from './compose.js';
import { closeTransitive, findCycleRows, isAcyclicRows } from './row-graph.js';

export class Rel {
  /** Number of events; pairs are in [0,n) x [0,n). */
  readonly n: number;
  /** Words per row, ceil(n / 32). */
  readonly words: number;
  /** n rows of `words` words each. Exposed for kernels; keep columns >= n zero. */
  readonly data: Uint32Array;

  constructor(n: number) {
    checkSize(n);
    this.n = n;
    this.words = wordsFor(n);
    this.data = new Uint32Array(n * this.words);
  }

  /** A new relation over [0,n) holding the given pairs. */
  static fromPairs(n: number, pairs: Iterable<readonly [number, number]>): Rel {
    const r = new Rel(n);
    for (const [i, j] of pairs) r.add(i, j);
    return r;
  }

  /** A new relation equal to this one. */
  clone(): Rel {
    const r = new Rel(this.n);
    r.data.set(this.data);
    return r;
  }

  // ---------------------------------------------------------------- pairs

  /** Whether (i, j) is in the relation (false outside [0,n)^2). */
  has(i: number, j: number): boolean {
    const n = this.n;
    if (!(i >= 0 && i < n && j >= 0 && j < n)) return false;
    return ((this.data[i * this.words + (j >>> 5)] >>> (j & 31)) & 1) === 1;
  }

  /** Adds (i, j); throws RangeError unless both are integers in [0, n). */
  add(i: number, j: number): this {
    const n = this.n;
    if (!(i >= 0 && i < n && j >= 0 && j < n) || (i | 0) !== i || (j | 0) !== j) outside(i, j, n);
    this.data[i * this.words + (j >>> 5)] |= 1 << (j & 31);
    return this;
  }

  /** Removes (i, j) (no-op when absent or out of range). */
  delete(i: number, j: number): this {
    const n = this.n;
    if (i >= 0 && i < n && j >= 0 && j < n) this.data[i * this.words + (j >>> 5)] &= ~(1 << (j & 31));
    return this;
  }

  // ---------------------------------------------------------- whole-matrix

  /** this := 0 (the empty relation). */
  clear(): this {
    this.data.fill(0);
    return this;
  }

  /** this := all n*n pairs (cat `_ * _` over the events). */
  fill(): this {
    const w = this.words, d = this.data, last = lastWordMask(this.n);
    if (w === 0) return this;
    d.fill(0xffffffff);
    for (let o = w - 1; o < d.length; o += w) d[o] = last;
    return this;
  }

  /** this := r. */
  copyFrom(r: Rel): this {
    this.check(r);
    this.data.set(r.data);
    return this;
  }

  /** this := this | r. */
  unionWith(r: Rel): this {
    this.check(r);
    const a = this.data, b = r.data;
    for (let k = 0; k < a.length; k++) a[k] |= b[k];
    return this;
  }

  /** this := this & r. */
  intersectWith(r: Rel): this {
    this.check(r);
    const a = this.data, b = r.data;
    for (let k = 0; k < a.length; k++) a[k] &= b[k];
    return this;
  }

  /** this := this \ r. */
  minus(r: Rel): this {
    this.check(r);
    const a = this.data, b = r.data;
    for (let k = 0; k < a.length; k++) a[k] &= ~b[k];
    return this;
  }

  /** this := ~this, complement relative to all n*n pairs (cat `~r`). */
  complement(): this {
    const w = this.words, d = this.data, last = lastWordMask(this.n);
    if (w === 0) return this;
    for (let k = 0; k < d.length; k++) d[k] = ~d[k];
    for (let o = w - 1; o < d.length; o += w) d[o] &= last;
    return this;
  }

  /**
   * this := a ; b (cat sequence): (i,j) iff exists k with (i,k) in a and (k,j) in b.
   * Row i of the result is the OR of rows b[k] over k in row a[i]: O(|a| * w) (compose.ts).
   * Any aliasing among this, a and b is allowed (a scratch buffer is used).
   */
  composeInto(a: Rel, b: Rel): this {
    this.check(a);
    this.check(b);
    const n = this.n, w = this.words;
    const aliased = this === a || this === b;
    const out = aliased ? scratchA(n * w) : this.data;
    composeRows(out, n, w, a.data, b.data);
    if (aliased) {
      const d = this.data;
      for (let k = 0; k < d.length; k++) d[k] = out[k];
    }
    return this;
  }

  /**
   * this := a^-1 ; b: row j is the OR of the rows b[i] over the pairs (i,j)
   * of a (cat `a^-1 ; b`, e.g. fr = rf^-1 ; co). `this` must not alias a or b.
   * O(n*w + |a|*w).
   */
  composeInverseInto(a: Rel, b: Rel): this {
    this.check(a);
    this.check(b);
    if (this === a || this === b) throw new RangeError('composeInverseInto: the destination aliases an operand');
    const n = this.n, w = this.words, d = this.data, ad = a.data, bd = b.data;
    for (let k = 0; k < d.length; k++) d[k] = 0;
    for (let i = 0, io = 0; i < n; i++, io += w) {
      for (let c = 0; c < w; c++) {
        let x = ad[io + c]!;
        while (x !== 0) {
          const t = x & -x;
          x ^= t;
          const jo = ((c << 5) | (31 - Math.clz32(t))) * w;
          for (let e = 0; e < w; e++) d[jo + e] |= bd[io + e]!;
        }
      }
    }
    return this;
  }

  /** this := r^-1, i.e. (j,i) for each (i,j) in r. `this === r` is allowed. O(n*w + |r|). */
  inverseInto(r: Rel): this {
    this.check(r);
    const n = this.n, w = this.words, d = this.data;
    let src = r.data;
    if (this === r) {
      const s = scratchA(d.length);
      for (let k = 0; k < d.length; k++) s[k] = d[k];
      src = s;
    }
    d.fill(0);
    for (let i = 0, io = 0; i < n; i++, io += w) {
      const iw = i >>> 5, ib = 1 << (i & 31);
      for (let c = 0; c < w; c++) {
        let x = src[io + c];
        while (x !== 0) {
          const t = x & -x;
          x ^= t;
          d[((c << 5) | (31 - Math.clz32(t))) * w + iw] |= ib;
        }
      }
    }
    return this;
  }

  /** this := this+ (cat `r+`), in place. See row-graph.ts closeTransitive (SCC-based). */
  transitiveClosure(): this {
    closeTransitive(this.n, this.words, this.data);
    return this;
  }

  /** this := this* = this+ | id (cat `r*`; id over all n events). */
  reflexiveTransitiveClosure(): this {
    closeTransitive(this.n, this.words, this.data);
    return this.addIdentity();
  }

  /** this := this? = this | id (cat `r?`; id over all n events). */
  reflexiveClosure(): this {
    return this.addIdentity();
  }

  /** this := this | id (adds every (i,i)). */
  addIdentity(): this {
    const w = this.words, d = this.data;
    for (let i = 0; i < this.n; i++) d[i * w + (i >>> 5)] |= 1 << (i & 31);
    return this;
  }

  /** this := [S] ; this — keeps only pairs whose source is in S. */
  restrictDomain(s: BitSet): this {
    this.checkSet(s);
    const w = this.words, d = this.data, sb = s.bits;
    for (let i = 0, io = 0; i < this.n; i++, io += w) {
      if (((sb[i >>> 5] >>> (i & 31)) & 1) === 0) for (let c = 0; c < w; c++) d[io + c] = 0;
    }
    return this;
  }

  /** this := this ; [T] — keeps only pairs whose target is in T. */
  restrictRange(t: BitSet): this {
    this.checkSet(t);
    const w = this.words, d = this.data, tb = t.bits;
    for (let io = 0; io < d.length; io += w) for (let c = 0; c < w; c++) d[io + c] &= tb[c];
    return this;
  }

  /** this := [S], the identity restricted to S (cat `[S]`). */
  identityOn(s: BitSet): this {
    this.checkSet(s);
    const w = this.words, d = this.data, sb = s.bits;
    d.fill(0);
    for (let i = 0; i < this.n; i++) d[i * w + (i >>> 5)] = sb[i >>> 5] & (1 << (i & 31));
    return this;
  }

  /** this := S * T, all pairs (i,j) with i in S and j in T (cat `S * T`). */
  cartesian(s: BitSet, t: BitSet): this {
    this.checkSet(s);
    this.checkSet(t);
    const w = this.words, d = this.data, sb = s.bits, tb = t.bits;
    for (let i = 0, io = 0; i < this.n; i++, io += w) {
      const inS = ((sb[i >>> 5] >>> (i & 31)) & 1) !== 0;
      for (let c = 0; c < w; c++) d[io + c] = inS ? tb[c] : 0;
    }
    return this;
  }

  /** out := domain(this) = {i | exists j, (i,j)}. Returns out. */
  domain(out: BitSet): BitSet {
    this.checkSet(out);
    const w = this.words, d = this.data, ob = out.bits;
    ob.fill(0);
    for (let i = 0, io = 0; i < this.n; i++, io += w) {
      for (let c = 0; c < w; c++) {
        if (d[io + c] !== 0) { ob[i >>> 5] |= 1 << (i & 31); break; }
      }
    }
    return out;
  }

  /** out := range(this) = {j | exists i, (i,j)} (OR of all rows). Returns out. */
  range(out: BitSet): BitSet {
    this.checkSet(out);
    const w = this.words, d = this.data, ob = out.bits;
    ob.fill(0);
    for (let io = 0; io < d.length; io += w) for (let c = 0; c < w; c++) ob[c] |= d[io + c];
    return out;
  }

  /** out := successors of i = {j | (i,j)} (row i). Returns out. */
  successors(i: number, out: BitSet): BitSet {
    this.checkSet(out);
    const w = this.words;
    if (!(i >= 0 && i < this.n)) return out.clear();
    for (let c = 0; c < w; c++) out.bits[c] = this.data[i * w + c];
    return out;
  }

  /** out := predecessors of j = {i | (i,j)} (column j). Returns out. */
  predecessors(j: number, out: BitSet): BitSet {
    this.checkSet(out);
    out.clear();
    if (!(j >= 0 && j < this.n)) return out;
    const w = this.words, d = this.data, jw = j >>> 5, jb = 1 << (j & 31);
    for (let i = 0; i < this.n; i++) if ((d[i * w + jw] & jb) !== 0) out.bits[i >>> 5] |= 1 << (i & 31);
    return out;
  }

  // -------------------------------------------------------------- queries

  /** Whether there are no pairs (cat `empty r`). */
  isEmpty(): boolean {
    const d = this.data;
    for (let k = 0; k < d.length; k++) if (d[k] !== 0) return false;
    return true;
  }

  /** Whether no (i,i) is present (cat `irreflexive r`). */
  isIrreflexive(): boolean {
    const w = this.words, d = this.data;
    for (let i = 0; i < this.n; i++) if ((d[i * w + (i >>> 5)] & (1 << (i & 31))) !== 0) return false;
    return true;
  }

  /** Whether the relation has no cycle, self-loops included (cat `acyclic r`). O(n*w), no allocation. */
  isAcyclic(): boolean {
    return isAcyclicRows(this.n, this.words, this.data);
  }

  /**
   * out := the nodes left after repeatedly removing every node with no
   * successor or no predecessor among those left: every node on a cycle, and
   * nodes on paths between cycles (empty exactly when acyclic). O(n*w) per
   * round; no allocation.
   */
  cyclicCore(out: BitSet): BitSet {
    this.checkSet(out);
    const n = this.n, w = this.words, d = this.data, s = out.bits;
    out.fill();
    const reached = scratchA(w);
    for (;;) {
      for (let c = 0; c < w; c++) reached[c] = 0;
      let changed = false;
      for (let i = 0; i < n; i++) {
        const iw = i >>> 5, ib = 1 << (i & 31);
        if ((s[iw]! & ib) === 0) continue;
        let any = 0;
        for (let c = 0, o = i * w; c < w; c++, o++) {
          const x = d[o]! & s[c]!;
          any |= x;
          reached[c] |= x;
        }
        if (any === 0) {
          s[iw] &= ~ib;
          changed = true;
        }
      }
      for (let c = 0; c < w; c++) {
        const kept = (s[c]! & reached[c]!) >>> 0;
        if (kept !== s[c]) changed = true;
        s[c] = kept;
      }
      if (!changed) return out;
    }
  }

  /**
   * A shortest cycle as nodes [v0..vk-1] (edges v0->v1 ... vk-1->v0), [i] for
   * a self-loop, null when acyclic. For explanations; allocates.
   */
  findCycle(): number[] | null {
    return findCycleRows(this.n, this.words, this.data);
  }

  /** Number of pairs. */
  count(): number {
    const d = this.data;
    let c = 0;
    for (let k = 0; k < d.length; k++) c += popcount32(d[k]);
    return c;
  }

  /** Same n and same pairs. */
  equals(r: Rel): boolean {
    if (r.n !== this.n) return false;
    const a = this.data, b = r.data;
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
    return true;
  }

  /** Whether every pair of this is in r (cat `this \ r` is empty). */
  isSubsetOf(r: Rel): boolean {
    this.check(r);
    const a = this.data, b = r.data;
    for (let k = 0; k < a.length; k++) if ((a[k] & ~b[k]) !== 0) return false;
    return true;
  }

  /** Whether this and r share a pair (cat `this & r` is non-empty). */
  intersects(r: Rel): boolean {
    this.check(r);
    const a = this.data, b = r.data;
    for (let k = 0; k < a.length; k++) if ((a[k] & b[k]) !== 0) return true;
    return false;
  }

  /** Calls fn(i, j) for each pair, row-major (i, then j increasing). fn must not mutate this. */
  forEachEdge(fn: (i: number, j: number) => void): void {
    const w = this.words, d = this.data;
    for (let i = 0, io = 0; i < this.n; i++, io += w) {
      for (let c = 0; c < w; c++) {
        let x = d[io + c];
        while (x !== 0) {
          const t = x & -x;
          x ^= t;
          fn(i, (c << 5) | (31 - Math.clz32(t)));
        }
      }
    }
  }

  /** All pairs, row-major order (allocates). */
  toPairs(): [number, number][] {
    const out: [number, number][] = [];
    this.forEachEdge((i, j) => out.push([i, j]));
    return out;
  }

  /** `{(0,1),(2,3)}` — for debugging and test messages. */
  toString(): string {
    return `{${this.toPairs().map(([i, j]) => `(${i},${j})`).join(',')}}`;
  }

  private check(r: Rel): void {
    if (r.n !== this.n) throw new RangeError(`Rel size mismatch: ${this.n} vs ${r.n}`);
  }

  private checkSet(s: BitSet): void {
    if (s.n !== this.n) throw new RangeError(`BitSet size ${s.n} does not match Rel size ${this.n}`);
  }
}

/** The error of a pair out of range, apart from add() so that the callers it is inlined into stay small. */
function outside(i: number, j: number, n: number): never {
  throw new RangeError(`pair (${i},${j}) outside [0,${n})^2`);
}

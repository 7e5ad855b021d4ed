// BitSet: a set of events drawn from the universe {0, ..., n-1}, stored as
// ceil(n/32) little-endian 32-bit words (bit i lives in word i>>>5, bit i&31).
//
// Invariant: bits at positions >= n in the last word are always zero, so
// count/equals/isEmpty can work word-wise without masking.
//
// All mutators work in place and return `this` for chaining; none allocate.
// Binary operations require both operands to have the same `n` (checked).
// In cat terms a BitSet is an event set such as `R`, `W`, `M`, `IW`; the set
// algebra mirrors `S1 | S2` (or), `S1 & S2` (and), `S1 \ S2` (andNot) and
// `~S` (complement, relative to all n events).

import { checkSize, lastWordMask, lowBit, popcount32, wordsFor } from './bits.js';

export class BitSet {
  /** Universe size: members are in [0, n). */
  readonly n: number;
  /** Number of 32-bit words, ceil(n / 32). */
  readonly words: number;
  /** The raw words. Exposed for the relation core; do not set bits >= n. */
  readonly bits: Uint32Array;

  constructor(n: number) {
    checkSize(n);
    this.n = n;
    this.words = wordsFor(n);
    this.bits = new Uint32Array(this.words);
  }

  /** A new set over [0, n) containing the given indices. */
  static of(n: number, indices: Iterable<number>): BitSet {
    const s = new BitSet(n);
    for (const i of indices) s.add(i);
    return s;
  }

  /** A new set equal to this one. */
  clone(): BitSet {
    return new BitSet(this.n).copyFrom(this);
  }

  /** Whether i is a member (false for indices outside [0, n)). */
  has(i: number): boolean {
    return i >= 0 && i < this.n && ((this.bits[i >>> 5] >>> (i & 31)) & 1) === 1;
  }

  /** Adds i; throws RangeError unless 0 <= i < n. */
  add(i: number): this {
    if (!(i >= 0 && i < this.n) || (i | 0) !== i) outside(i, this.n);
    this.bits[i >>> 5] |= 1 << (i & 31);
    return this;
  }

  /** Removes i (no-op when absent or out of range). */
  delete(i: number): this {
    if (i >= 0 && i < this.n) this.bits[i >>> 5] &= ~(1 << (i & 31));
    return this;
  }

  /** Makes the set empty. */
  clear(): this {
    this.bits.fill(0);
    return this;
  }

  /** Makes the set the whole universe {0..n-1} (cat `_` restricted to events). */
  fill(): this {
    const w = this.words;
    if (w === 0) return this;
    this.bits.fill(0xffffffff);
    this.bits[w - 1] = lastWordMask(this.n);
    return this;
  }

  /** this := other. */
  copyFrom(other: BitSet): this {
    this.check(other);
    this.bits.set(other.bits);
    return this;
  }

  /** this := this | other (cat `S1 | S2`). */
  or(other: BitSet): this {
    this.check(other);
    const a = this.bits, b = other.bits;
    for (let k = 0; k < a.length; k++) a[k] |= b[k];
    return this;
  }

  /** this := this & other (cat `S1 & S2`). */
  and(other: BitSet): this {
    this.check(other);
    const a = this.bits, b = other.bits;
    for (let k = 0; k < a.length; k++) a[k] &= b[k];
    return this;
  }

  /** this := this \ other (cat `S1 \ S2`). */
  andNot(other: BitSet): this {
    this.check(other);
    const a = this.bits, b = other.bits;
    for (let k = 0; k < a.length; k++) a[k] &= ~b[k];
    return this;
  }

  /** this := {0..n-1} \ this (cat `~S`). */
  complement(): this {
    const a = this.bits, w = this.words;
    if (w === 0) return this;
    for (let k = 0; k < w; k++) a[k] = ~a[k];
    a[w - 1] &= lastWordMask(this.n);
    return this;
  }

  /** Whether the set has no members. */
  isEmpty(): boolean {
    const a = this.bits;
    for (let k = 0; k < a.length; k++) if (a[k] !== 0) return false;
    return true;
  }

  /** Number of members. */
  count(): number {
    const a = this.bits;
    let c = 0;
    for (let k = 0; k < a.length; k++) c += popcount32(a[k]);
    return c;
  }

  /** Same universe size and same members. */
  equals(other: BitSet): boolean {
    if (other.n !== this.n) return false;
    const a = this.bits, b = other.bits;
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
    return true;
  }

  /** Whether every member of this is a member of other. */
  isSubsetOf(other: BitSet): boolean {
    this.check(other);
    const a = this.bits, b = other.bits;
    for (let k = 0; k < a.length; k++) if ((a[k] & ~b[k]) !== 0) return false;
    return true;
  }

  /** Whether this and other share a member. */
  intersects(other: BitSet): boolean {
    this.check(other);
    const a = this.bits, b = other.bits;
    for (let k = 0; k < a.length; k++) if ((a[k] & b[k]) !== 0) return true;
    return false;
  }

  /** Smallest member, or -1 when empty. */
  first(): number {
    const a = this.bits;
    for (let k = 0; k < a.length; k++) if (a[k] !== 0) return (k << 5) | lowBit(a[k]);
    return -1;
  }

  /** Calls fn on each member in increasing order. fn must not mutate this set. */
  forEach(fn: (i: number) => void): void {
    const a = this.bits;
    for (let k = 0; k < a.length; k++) {
      let x = a[k];
      while (x !== 0) {
        const t = x & -x;
        x ^= t;
        fn((k << 5) | (31 - Math.clz32(t)));
      }
    }
  }

  /** Members in increasing order (allocates). */
  toArray(): number[] {
    const out: number[] = [];
    this.forEach((i) => out.push(i));
    return out;
  }

  /** `{0,3,5}` — for debugging and test messages. */
  toString(): string {
    return `{${this.toArray().join(',')}}`;
  }

  private check(other: BitSet): void {
    if (other.n !== this.n) throw new RangeError(`BitSet size mismatch: ${this.n} vs ${other.n}`);
  }
}

/** The error of an index out of range, apart from add() so that the callers it is inlined into stay small. */
function outside(i: number, n: number): never {
  throw new RangeError(`index ${i} outside [0, ${n})`);
}

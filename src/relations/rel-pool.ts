// RelPool: a stack (arena) allocator of Rel and BitSet objects of one size n,
// so a model evaluator can reuse its temporaries across millions of candidate
// executions without allocating.
//
// Typical use:
//   const pool = RelPool.forSize(n);     // shared per n, or `new RelPool(n)`
//   for (const execution of candidates) {
//     const m = pool.mark();
//     const hb = pool.rel();             // cleared Rel of size n
//     ...
//     pool.release(m);                   // everything acquired after mark() is free again
//   }
// Objects acquired after a mark must not be used after release(mark): they
// will be handed out again. Objects are created lazily, on first need, and
// kept for the pool's lifetime.

import { BitSet } from './bitset.js';
import { checkSize } from './bits.js';
import { Rel } from './matrix.js';

/** Opaque stack position returned by RelPool.mark(). */
export type PoolMark = number;

const SET_SHIFT = 0x100000; // 2^20: marks encode relTop * 2^20 + setTop

export class RelPool {
  readonly n: number;
  private readonly rels: Rel[] = [];
  private readonly sets: BitSet[] = [];
  private relTop = 0;
  private setTop = 0;
  private static readonly shared = new Map<number, RelPool>();

  constructor(n: number) {
    checkSize(n);
    this.n = n;
  }

  /** The process-wide pool for size n (created on first request). */
  static forSize(n: number): RelPool {
    let p = RelPool.shared.get(n);
    if (p === undefined) {
      p = new RelPool(n);
      RelPool.shared.set(n, p);
    }
    return p;
  }

  /** A relation of size n; cleared unless `clear` is false (then contents are arbitrary). */
  rel(clear = true): Rel {
    let r = this.rels[this.relTop];
    if (r === undefined) {
      r = new Rel(this.n);
      this.rels.push(r);
    } else if (clear) {
      r.clear();
    }
    this.relTop++;
    return r;
  }

  /** A set of size n; cleared unless `clear` is false (then contents are arbitrary). */
  set(clear = true): BitSet {
    let s = this.sets[this.setTop];
    if (s === undefined) {
      s = new BitSet(this.n);
      this.sets.push(s);
    } else if (clear) {
      s.clear();
    }
    this.setTop++;
    return s;
  }

  /** Current stack position, to pass to release(). */
  mark(): PoolMark {
    return this.relTop * SET_SHIFT + this.setTop;
  }

  /** Frees every object acquired since `m` was taken. */
  release(m: PoolMark): void {
    const relTop = Math.floor(m / SET_SHIFT), setTop = m - relTop * SET_SHIFT;
    if (relTop > this.relTop || setTop > this.setTop || relTop < 0 || setTop < 0) {
      throw new RangeError('RelPool.release: mark is newer than the current position');
    }
    this.relTop = relTop;
    this.setTop = setTop;
  }

  /** Frees every object acquired from this pool. */
  reset(): void {
    this.relTop = 0;
    this.setTop = 0;
  }

  /** Objects currently handed out (relations, sets). */
  inUse(): { rels: number; sets: number } {
    return { rels: this.relTop, sets: this.setTop };
  }

  /** Objects created so far (relations, sets). */
  allocated(): { rels: number; sets: number } {
    return { rels: this.rels.length, sets: this.sets.length };
  }
}

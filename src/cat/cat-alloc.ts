// Where the interpreter's relations and sets come from: a mark/release pool
// while one candidate execution is judged (nothing of it outlives the
// verdict), ordinary objects otherwise (values computed once per layout and
// kept across executions).
import { BitSet } from '../relations/bitset.js';
import { Rel } from '../relations/matrix.js';
import type { RelPool } from '../relations/rel-pool.js';

let pool: RelPool | null = null;

export function newRel(n: number): Rel {
  return pool && pool.n === n ? pool.rel() : new Rel(n);
}
export function copyRel(r: Rel): Rel {
  return pool && pool.n === r.n ? pool.rel(false).copyFrom(r) : r.clone();
}
export function newSet(n: number): BitSet {
  return pool && pool.n === n ? pool.set() : new BitSet(n);
}
export function copySet(s: BitSet): BitSet {
  return pool && pool.n === s.n ? pool.set(false).copyFrom(s) : s.clone();
}

/** Runs `f` with `p` as the allocation pool (null: plain objects), restoring the previous one. */
export function withPool<T>(p: RelPool | null, f: () => T): T {
  const prev = pool;
  pool = p;
  try {
    return f();
  } finally {
    pool = prev;
  }
}

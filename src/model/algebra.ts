// A value-style algebra over Rel for writing the model as in cat:
// every operation returns a fresh relation and never mutates its operands.
import { BitSet } from '../relations/bitset.js';
import { Rel } from '../relations/matrix.js';
import { RelPool } from '../relations/rel-pool.js';

/**
 * With a pool, results live until the caller releases the pool's mark (the
 * explorer does so after each candidate execution); without one, results are
 * ordinary garbage-collected objects (used when an explanation keeps them).
 */
export class Algebra {
  constructor(readonly n: number, private readonly pool?: RelPool) {}

  private fresh(): Rel {
    return this.pool ? this.pool.rel() : new Rel(this.n);
  }
  private copy(r: Rel): Rel {
    return this.pool ? this.pool.rel(false).copyFrom(r) : r.clone();
  }
  private freshSet(): BitSet {
    return this.pool ? this.pool.set() : new BitSet(this.n);
  }
  private copySet(s: BitSet): BitSet {
    return this.pool ? this.pool.set(false).copyFrom(s) : s.clone();
  }

  empty(): Rel {
    return this.fresh();
  }
  /** r1 | r2 | ... ; a null operand is a term known to be empty, and left out. */
  union(...rs: Array<Rel | null>): Rel {
    let out: Rel | undefined;
    for (const r of rs) {
      if (r === null) continue;
      if (out) out.unionWith(r);
      else out = this.copy(r);
    }
    return out ?? this.fresh();
  }
  /** r1 & r2 */
  inter(a: Rel, b: Rel): Rel {
    return this.copy(a).intersectWith(b);
  }
  /** r1 \ r2 */
  minus(a: Rel, b: Rel): Rel {
    return this.copy(a).minus(b);
  }
  /** r1 ; r2 ; ... */
  seq(...rs: Rel[]): Rel {
    let acc = rs[0]!;
    if (rs.length === 1) return this.copy(acc);
    for (let i = 1; i < rs.length; i++) acc = this.fresh().composeInto(acc, rs[i]!);
    return acc;
  }
  /** r1^-1 ; r2 (one pass, no inverse built) */
  invSeq(a: Rel, b: Rel): Rel {
    return this.fresh().composeInverseInto(a, b);
  }
  inv(r: Rel): Rel {
    return this.fresh().inverseInto(r);
  }
  /** r+ */
  plus(r: Rel): Rel {
    return this.copy(r).transitiveClosure();
  }
  /** r* */
  star(r: Rel): Rel {
    return this.copy(r).reflexiveTransitiveClosure();
  }
  /** r \ id */
  withoutId(r: Rel): Rel {
    const out = this.copy(r);
    for (let i = 0; i < this.n; i++) out.delete(i, i);
    return out;
  }
  /** r? */
  opt(r: Rel): Rel {
    return this.copy(r).reflexiveClosure();
  }
  /** [S] */
  id(s: BitSet): Rel {
    return this.fresh().identityOn(s);
  }
  /** [S] ; r ; [T] (either side may be null for no restriction) */
  restrict(s: BitSet | null, r: Rel, t: BitSet | null): Rel {
    const out = this.copy(r);
    if (s) out.restrictDomain(s);
    if (t) out.restrictRange(t);
    return out;
  }
  /** S * T */
  cross(s: BitSet, t: BitSet): Rel {
    return this.fresh().cartesian(s, t);
  }
  domain(r: Rel): BitSet {
    return r.domain(this.freshSet());
  }
  range(r: Rel): BitSet {
    return r.range(this.freshSet());
  }
  /** fencerel(S) = (po ; [S]) ; po */
  fencerel(po: Rel, s: BitSet): Rel {
    return this.seq(this.restrict(null, po, s), po);
  }
  setUnion(...ss: BitSet[]): BitSet {
    const out = this.freshSet();
    for (const s of ss) out.or(s);
    return out;
  }
  setMinus(a: BitSet, b: BitSet): BitSet {
    return this.copySet(a).andNot(b);
  }
  setComplement(a: BitSet): BitSet {
    return this.copySet(a).complement();
  }
}

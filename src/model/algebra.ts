// A value-style algebra over Rel for writing the model as in cat:
// every operation returns a fresh relation and never mutates its operands.
import { BitSet } from '../relations/bitset.js';
import { Rel } from '../relations/matrix.js';

export class Algebra {
  constructor(readonly n: number) {}

  empty(): Rel {
    return new Rel(this.n);
  }
  /** r1 | r2 | ... */
  union(...rs: Rel[]): Rel {
    const out = new Rel(this.n);
    for (const r of rs) out.unionWith(r);
    return out;
  }
  /** r1 & r2 */
  inter(a: Rel, b: Rel): Rel {
    return a.clone().intersectWith(b);
  }
  /** r1 \ r2 */
  minus(a: Rel, b: Rel): Rel {
    return a.clone().minus(b);
  }
  /** r1 ; r2 ; ... */
  seq(...rs: Rel[]): Rel {
    let acc = rs[0]!.clone();
    for (let i = 1; i < rs.length; i++) acc = new Rel(this.n).composeInto(acc, rs[i]!);
    return acc;
  }
  inv(r: Rel): Rel {
    return new Rel(this.n).inverseInto(r);
  }
  /** r+ */
  plus(r: Rel): Rel {
    return r.clone().transitiveClosure();
  }
  /** r* */
  star(r: Rel): Rel {
    return r.clone().reflexiveTransitiveClosure();
  }
  /** r? */
  opt(r: Rel): Rel {
    return r.clone().reflexiveClosure();
  }
  /** [S] */
  id(s: BitSet): Rel {
    return new Rel(this.n).identityOn(s);
  }
  /** [S] ; r ; [T] (either side may be null for no restriction) */
  restrict(s: BitSet | null, r: Rel, t: BitSet | null): Rel {
    const out = r.clone();
    if (s) out.restrictDomain(s);
    if (t) out.restrictRange(t);
    return out;
  }
  /** S * T */
  cross(s: BitSet, t: BitSet): Rel {
    return new Rel(this.n).cartesian(s, t);
  }
  domain(r: Rel): BitSet {
    return r.domain(new BitSet(this.n));
  }
  range(r: Rel): BitSet {
    return r.range(new BitSet(this.n));
  }
  /** fencerel(S) = (po ; [S]) ; po */
  fencerel(po: Rel, s: BitSet): Rel {
    return this.seq(this.restrict(null, po, s), po);
  }
  setUnion(...ss: BitSet[]): BitSet {
    const out = new BitSet(this.n);
    for (const s of ss) out.or(s);
    return out;
  }
  setMinus(a: BitSet, b: BitSet): BitSet {
    return a.clone().andNot(b);
  }
  setComplement(a: BitSet): BitSet {
    return a.clone().complement();
  }
}

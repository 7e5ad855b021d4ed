// The lazy sets of values: linearisations(S, r) (every strict total order of
// S that extends r) and cross(oss) (every union of one element of each set
// in oss). Both are materialised only when a model iterates over them; a
// `with x from E` instead asks which element of E the explorer's candidate
// execution stands for (standIn), which needs no enumeration.
import { copyRel, newRel } from './cat-alloc.js';
import { BitSet } from '../relations/bitset.js';
import { Rel } from '../relations/matrix.js';
import { CatError, EMPTY, keyOf, relV, setV, typeName, vsetElems, vsetOf, type Value } from './cat-values.js';

export function materialise(v: Value): Value {
  if (v.t === 'lin') return vsetOf(linearisations(v.nodes, v.order).map((r) => (relV(r))));
  if (v.t === 'cross') return crossAll(v.parts);
  return v;
}

function linearisations(nodes: BitSet, order: Rel): Rel[] {
  const n = order.n;
  const ns = nodes.toArray();
  const out: Rel[] = [];
  const placed: number[] = [];
  const used = new BitSet(n);
  const go = (): void => {
    if (placed.length === ns.length) {
      const r = new Rel(n);
      for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) r.add(placed[i]!, placed[j]!);
      out.push(r);
      return;
    }
    for (const x of ns) {
      if (used.has(x)) continue;
      // x may come next when no unplaced node must precede it.
      if (ns.some((y) => y !== x && !used.has(y) && order.has(y, x))) continue;
      used.add(x);
      placed.push(x);
      go();
      placed.pop();
      used.delete(x);
    }
  };
  go();
  return out;
}

function crossAll(parts: readonly Value[]): Value {
  let acc: Value[] = [EMPTY];
  for (const p of parts) {
    const os = elemsList(p);
    const next: Value[] = [];
    for (const a of acc) for (const o of os) next.push(unionRel(a, o));
    acc = next;
  }
  return vsetOf(acc);
}

function unionRel(a: Value, b: Value): Value {
  if (a.t === 'empty') return b;
  if (b.t === 'empty') return a;
  if (a.t === 'rel' && b.t === 'rel') return relV(a.r.clone().unionWith(b.r));
  if (a.t === 'set' && b.t === 'set') return setV(a.s.clone().or(b.s));
  throw new CatError(`cross: cannot combine a ${typeName(a)} and a ${typeName(b)}`);
}

function elemsList(v: Value): Value[] {
  const m = materialise(v);
  if (m.t === 'empty') return [];
  if (m.t !== 'vset') throw new CatError(`expected a set of values, found a ${typeName(v)}`);
  return vsetElems(m);
}

/**
 * The element of E that candidate relation X stands for: the one equal to X
 * restricted to the pairs E's elements can contain (null when none is). The
 * explorer enumerates rf and co itself; a `with co from generate_cos(...)`
 * then keeps the execution exactly when its co is one of the generated ones.
 */
export function standIn(E: Value, X: Rel): Value | null {
  switch (E.t) {
    case 'empty': return null;
    case 'cross': {
      const acc: Rel = newRel(X.n);
      for (const p of E.parts) {
        const m = standIn(p, X);
        if (m === null) return null;
        if (m.t === 'rel') acc.unionWith(m.r);
        else if (m.t !== 'empty') throw new CatError(`with ... from cross(...): elements must be relations, found a ${typeName(m)}`);
      }
      return relV(acc);
    }
    case 'lin': {
      const c = linearisationOf(E.nodes, E.order, X);
      return c === null ? null : relV(c);
    }
    case 'vset': {
      const elems = vsetElems(E);
      const U = newRel(X.n);
      for (const e of elems) {
        if (e.t === 'rel') U.unionWith(e.r);
        else if (e.t === 'pair') U.add(e.a, e.b);
        else if (e.t !== 'empty') return nestedStandIn(elems, X);
      }
      const c: Value = relV(copyRel(X).intersectWith(U));
      const k = keyOf(c);
      return E.elems.get(k) ?? null;
    }
    default:
      throw new CatError(`with ... from: expected a set of relations, found a ${typeName(E)}`);
  }
}

/**
 * The linearisation of `nodes` extending `order` that X stands for: X's
 * pairs among the nodes, when they are a strict total order extending
 * order's (null otherwise).
 */
export function linearisationOf(nodes: BitSet, order: Rel, X: Rel): Rel | null {
  const ns = nodes.toArray();
  const c = newRel(X.n);
  for (const a of ns) for (const b of ns) if (a !== b && X.has(a, b)) c.add(a, b);
  for (let i = 0; i < ns.length; i++) {
    for (let j = i + 1; j < ns.length; j++) {
      const a = ns[i]!, b = ns[j]!;
      if (c.has(a, b) === c.has(b, a)) return null;
      if (order.has(a, b) && !c.has(a, b)) return null;
      if (order.has(b, a) && !c.has(b, a)) return null;
    }
  }
  if (!c.isAcyclic()) return null;
  return c;
}

/**
 * The pairs E's elements can hold (a cross's: its parts'; a linearisation's:
 * every pair of distinct nodes). Explanations bind a `with` that has no
 * stand-in to the candidate restricted to them, so that the model's checks
 * can still say what is wrong with the candidate.
 */
export function supportOf(E: Value, n: number): Rel {
  const out = newRel(n);
  const add = (v: Value): void => {
    if (v.t === 'cross') v.parts.forEach(add);
    else if (v.t === 'lin') {
      const ns = v.nodes.toArray();
      for (const a of ns) for (const b of ns) if (a !== b) out.add(a, b);
    } else if (v.t === 'vset') vsetElems(v).forEach(add);
    else if (v.t === 'rel') out.unionWith(v.r);
    else if (v.t === 'pair') out.add(v.a, v.b);
  };
  add(E);
  return out;
}

function nestedStandIn(_elems: Value[], _X: Rel): never {
  throw new CatError('with ... from: only sets of relations are supported');
}

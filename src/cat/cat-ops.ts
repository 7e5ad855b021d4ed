// The cat operators on values: | & \ ; * (cartesian) ++ and the unary
// * + ? ^-1 ~ [S], polymorphic over event sets, relations and sets of values
// as in herd (0, {} and _ take the type of the other operand).
import { copyRel, copySet, newRel } from './cat-alloc.js';
import { BitSet } from '../relations/bitset.js';
import { Rel } from '../relations/matrix.js';
import type { BinOp, UnOp } from './cat-ast.js';
import { asRel, asSet, CatError, EMPTY, keyOf, relV, setV, typeName, UNIV, vsetOf, type Value } from './cat-values.js';
import { materialise } from './cat-lazy.js';

type Mode = 'rel' | 'set' | 'vset' | 'none';

function modeOf(args: readonly Value[]): Mode {
  for (const v of args) {
    if (v.t === 'rel' || v.t === 'pair') return 'rel';
    if (v.t === 'set' || v.t === 'event') return 'set';
    if (v.t === 'vset' || v.t === 'lin' || v.t === 'cross') return 'vset';
  }
  return 'none';
}

function elemsOf(v: Value): Map<string, Value> {
  if (v.t === 'empty') return new Map();
  const m = materialise(v);
  if (m.t !== 'vset') throw new CatError(`expected a set of values, found a ${typeName(v)}`);
  return m.elems;
}

export function binop(op: BinOp, args: readonly Value[], n: number): Value {
  switch (op) {
    case 'union': case 'inter': case 'diff': return setAlgebra(op, args, n);
    case 'seq': {
      if (args.every((a) => a.t === 'empty')) return EMPTY;
      let acc = asRel(args[0]!, n);
      for (let i = 1; i < args.length; i++) acc = newRel(n).composeInto(acc, asRel(args[i]!, n));
      return relV(acc);
    }
    case 'cart': {
      const [a, b] = args as [Value, Value];
      return relV(newRel(n).cartesian(asSet(a, n), asSet(b, n)));
    }
    case 'add': {
      const [e, s] = args as [Value, Value];
      if (e.t === 'event' && (s.t === 'set' || s.t === 'empty')) return setV(copySet(asSet(s, n)).add(e.e));
      if (e.t === 'pair' && (s.t === 'rel' || s.t === 'empty')) return relV(copyRel(asRel(s, n)).add(e.a, e.b));
      const m = new Map(elemsOf(s));
      m.set(keyOf(e), e);
      return { t: 'vset', elems: m };
    }
  }
}

/** binop on two arguments: two relations or two event sets directly, anything else as binop. */
export function binop2(op: BinOp, a: Value, b: Value, n: number): Value {
  if (a.t === 'rel' && b.t === 'rel') {
    switch (op) {
      case 'union': return relV(copyRel(a.r).unionWith(b.r));
      case 'inter': return relV(copyRel(a.r).intersectWith(b.r));
      case 'diff': return relV(copyRel(a.r).minus(b.r));
      case 'seq': return relV(newRel(n).composeInto(a.r, b.r));
    }
  } else if (a.t === 'set' && b.t === 'set') {
    switch (op) {
      case 'union': return setV(copySet(a.s).or(b.s));
      case 'inter': return setV(copySet(a.s).and(b.s));
      case 'diff': return setV(copySet(a.s).andNot(b.s));
    }
  }
  return binop(op, [a, b], n);
}

function setAlgebra(op: 'union' | 'inter' | 'diff', args: readonly Value[], n: number): Value {
  const mode = modeOf(args);
  if (mode === 'rel') {
    const out = copyRel(asRel(args[0]!, n));
    for (let i = 1; i < args.length; i++) {
      const r = asRel(args[i]!, n);
      if (op === 'union') out.unionWith(r);
      else if (op === 'inter') out.intersectWith(r);
      else out.minus(r);
    }
    return relV(out);
  }
  if (mode === 'set') {
    const out = copySet(asSet(args[0]!, n));
    for (let i = 1; i < args.length; i++) {
      const s = asSet(args[i]!, n);
      if (op === 'union') out.or(s);
      else if (op === 'inter') out.and(s);
      else out.andNot(s);
    }
    return setV(out);
  }
  if (mode === 'vset') {
    let out = new Map(elemsOf(args[0]!));
    for (let i = 1; i < args.length; i++) {
      const m = elemsOf(args[i]!);
      if (op === 'union') for (const [k, v] of m) out.set(k, v);
      else if (op === 'inter') out = new Map([...out].filter(([k]) => m.has(k)));
      else for (const k of m.keys()) out.delete(k);
    }
    return { t: 'vset', elems: out };
  }
  // Only 0 and _: decide as for sets.
  const isU = (v: Value): boolean => v.t === 'univ';
  if (op === 'union') return args.some(isU) ? args.find(isU)! : EMPTY;
  if (op === 'inter') return args.every(isU) ? args[0]! : EMPTY;
  return isU(args[0]!) && !args.slice(1).some(isU) ? args[0]! : EMPTY;
}

export function unop(op: UnOp, v: Value, n: number): Value {
  switch (op) {
    case 'star': return relV(copyRel(asRel(v, n)).reflexiveTransitiveClosure());
    case 'plus':
      if (v.t === 'empty') return EMPTY;
      return relV(copyRel(asRel(v, n)).transitiveClosure());
    case 'opt': return relV(copyRel(asRel(v, n)).reflexiveClosure());
    case 'inv':
      if (v.t === 'empty') return EMPTY;
      return relV(newRel(n).inverseInto(asRel(v, n)));
    case 'comp':
      if (v.t === 'rel' || v.t === 'pair') return relV(copyRel(asRel(v, n)).complement());
      if (v.t === 'univ') return EMPTY;
      if (v.t === 'empty') return UNIV;
      return setV(copySet(asSet(v, n)).complement());
    case 'toid':
      if (v.t === 'empty') return EMPTY;
      return relV(newRel(n).identityOn(asSet(v, n)));
  }
}

/** `{a, b, ...}`: a set of events, a relation of pairs, or a set of values. */
export function explicitSet(elems: readonly Value[], n: number): Value {
  if (elems.length === 0) return EMPTY;
  if (elems.every((e) => e.t === 'event')) return setV(BitSet.of(n, elems.map((e) => (e as { e: number }).e)));
  if (elems.every((e) => e.t === 'pair')) return relV(Rel.fromPairs(n, elems.map((e) => [(e as { a: number }).a, (e as { b: number }).b] as const)));
  return vsetOf(elems);
}

export function isEmptyValue(v: Value): boolean {
  switch (v.t) {
    case 'empty': return true;
    case 'set': return v.s.isEmpty();
    case 'rel': return v.r.isEmpty();
    case 'univ': return false;
    case 'vset': return v.elems.size === 0;
    case 'lin': case 'cross': return elemsOf(v).size === 0;
    default: throw new CatError(`expected a set or a relation, found a ${typeName(v)}`);
  }
}

// What compiled cat code calls as it runs (cat-compile.ts): binding a
// pattern, applying a function value, taking a set apart for `match`,
// equality of values and variant conditions.
import { copyRel, copySet } from './cat-alloc.js';
import type { Pat, VariantCond } from './cat-ast.js';
import { materialise } from './cat-lazy.js';
import { asRel, asSet, CatError, keyOf, relV, setV, typeName, vsetElems, type CatMachine, type Value } from './cat-values.js';

/** Binds a pattern's names in `vals` from `off` (herd's (a, b) patterns take tuples and pairs). */
export function bindPat(p: Pat, v: Value, vals: (Value | undefined)[], off: number, at: number | undefined): void {
  if (!p.tuple) {
    if (p.names[0] !== null && p.names[0] !== undefined) vals[off] = v;
    return;
  }
  const vs = v.t === 'tuple' ? v.elems : v.t === 'pair' ? [{ t: 'event', e: v.a } as Value, { t: 'event', e: v.b } as Value] : null;
  if (!vs || vs.length !== p.names.length) throw new CatError(`expected a tuple of ${p.names.length}, found a ${typeName(v)}`, at);
  for (let i = 0; i < p.names.length; i++) if (p.names[i] !== null) vals[off + i] = vs[i]!;
}

/** Applies a function value to an argument. */
export function apply(fn: Value, arg: Value, at: number | undefined, m: CatMachine): Value {
  if (fn.t === 'prim') return fn.fn(arg, m);
  if (fn.t !== 'clo') throw new CatError(`a ${typeName(fn)} is applied as a function`, at);
  const vals = new Array<Value | undefined>(fn.pat.names.length);
  bindPat(fn.pat, arg, vals, 0, at);
  return fn.body(m, { vals, up: fn.frame });
}

/** A non-empty set as (some element, the rest); null for an empty one. */
export function splitSet(v: Value, n: number): [Value, Value] | null {
  switch (v.t) {
    case 'empty': return null;
    case 'set': {
      const x = v.s.first();
      if (x < 0) return null;
      return [{ t: 'event', e: x }, setV(copySet(v.s).delete(x))];
    }
    case 'rel': {
      const pairs = v.r.toPairs();
      if (pairs.length === 0) return null;
      const [a, b] = pairs[0]!;
      return [{ t: 'pair', a, b }, relV(copyRel(v.r).delete(a, b))];
    }
    case 'univ': return splitSet(setV(asSet(v, n)), n);
    case 'vset': case 'lin': case 'cross': {
      const m = materialise(v);
      if (m.t !== 'vset' || m.elems.size === 0) return null;
      const first = vsetElems(m)[0]!;
      const rest = new Map(m.elems);
      rest.delete(keyOf(first));
      return [first, { t: 'vset', elems: rest }];
    }
    default: throw new CatError(`match on sets: found a ${typeName(v)}`);
  }
}

export function sameValue(a: Value, b: Value, n: number): boolean {
  if ((a.t === 'rel' || b.t === 'rel') && (a.t === 'rel' || a.t === 'empty') && (b.t === 'rel' || b.t === 'empty')) return asRel(a, n).equals(asRel(b, n));
  if ((a.t === 'set' || b.t === 'set') && (a.t === 'set' || a.t === 'empty') && (b.t === 'set' || b.t === 'empty')) return asSet(a, n).equals(asSet(b, n));
  return keyOf(a) === keyOf(b);
}

export function variantHolds(v: VariantCond, variants: ReadonlySet<string>): boolean {
  switch (v.k) {
    case 'name': return variants.has(v.name);
    case 'not': return !variantHolds(v.v, variants);
    case 'and': return variantHolds(v.a, variants) && variantHolds(v.b, variants);
    case 'or': return variantHolds(v.a, variants) || variantHolds(v.b, variants);
  }
}

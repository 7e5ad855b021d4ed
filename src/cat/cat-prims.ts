// The primitives a cat model can call, as herd provides them: domain, range,
// classes, classes-loc (partition by location), linearisations, cross,
// different-values, tag2events, and map (herd's stdlib writes it in cat, as
// a recursion over the set; it is one loop here). `events` describes the
// execution.
import { newRel, newSet } from './cat-alloc.js';
import { apply, splitSet } from './cat-runtime.js';
import { BitSet } from '../relations/bitset.js';
import { asRel, asSet, CatError, EMPTY, keyOf, relV, setV, typeName, vsetElems, vsetOf, type CatMachine, type Value } from './cat-values.js';
import { materialise } from './cat-lazy.js';

export interface PrimContext {
  n: number;
  /** Location index of each event, -1 for none. */
  locs: ArrayLike<number>;
  /** The value each event reads or writes in the current execution. */
  values: () => ArrayLike<number>;
  /** The value a name has where the model is running (tag2events finds event sets by name). */
  lookup: (name: string) => Value | undefined;
}

export function primitives(cx: PrimContext): Array<[string, (v: Value, m: CatMachine) => Value]> {
  const n = cx.n;
  return [
    ['domain', (v) => (v.t === 'empty' ? v : setV(asRel(v, n).domain(newSet(n))))],
    ['range', (v) => (v.t === 'empty' ? v : setV(asRel(v, n).range(newSet(n))))],
    ['classes', (v) => {
      const r = asRel(v, n);
      const seen = new BitSet(n);
      const out: Value[] = [];
      for (let i = 0; i < n; i++) {
        if (seen.has(i) || !r.has(i, i)) continue;
        const cls = r.successors(i, new BitSet(n));
        seen.or(cls);
        out.push(setV(cls));
      }
      return vsetOf(out);
    }],
    ['classes-loc', (v) => {
      const s = asSet(v, n);
      const byLoc = new Map<number, BitSet>();
      s.forEach((e) => {
        const l = cx.locs[e]!;
        if (l < 0) return;
        let b = byLoc.get(l);
        if (!b) byLoc.set(l, (b = new BitSet(n)));
        b.add(e);
      });
      return vsetOf([...byLoc.keys()].sort((a, b) => a - b).map((l) => (setV(byLoc.get(l)!))));
    }],
    ['linearisations', (v) => {
      if (v.t !== 'tuple' || v.elems.length !== 2) throw new CatError('linearisations takes (set, relation)');
      return { t: 'lin', nodes: asSet(v.elems[0]!, n), order: asRel(v.elems[1]!, n) };
    }],
    ['cross', (v) => {
      if (v.t === 'empty') return { t: 'cross', parts: [] };
      const m = materialise(v);
      if (m.t !== 'vset') throw new CatError(`cross takes a set of sets, found a ${typeName(v)}`);
      return { t: 'cross', parts: vsetElems(m) };
    }],
    ['different-values', (v) => {
      const r = asRel(v, n);
      const vals = cx.values();
      const out = newRel(n);
      r.forEachEdge((a, b) => {
        if (vals[a] !== vals[b]) out.add(a, b);
      });
      return relV(out);
    }],
    ['map', (f) => ({ t: 'prim', name: 'map', fn: (S, m) => mapSet(f, S, m) })],
    ['tag2events', (v) => {
      if (v.t !== 'tag') throw new CatError(`tag2events takes a tag, found a ${typeName(v)}`);
      const name = v.name.charAt(0).toUpperCase() + v.name.slice(1);
      const s = cx.lookup(name);
      if (!s) throw new CatError(`cannot find event set ${name}`);
      return s;
    }],
  ];
}

/**
 * `map f S`, as the cat definition computes it (`match S with || {} -> {}
 * || e ++ rest -> f e ++ map f rest`): f applied to S's elements in the
 * order `match` takes them, the images added from the last to the first
 * with the rules of `++` (events make an event set, pairs a relation,
 * anything else a set of values).
 */
function mapSet(f: Value, S: Value, m: CatMachine): Value {
  const images: Value[] = [];
  for (let rest = splitSet(S, m.n); rest; rest = splitSet(rest[1], m.n)) images.push(apply(f, rest[0], undefined, m));
  let acc: Value = EMPTY;
  for (let i = images.length - 1; i >= 0; i--) acc = addInto(images[i]!, acc, m.n);
  return acc;
}

/** `e ++ acc` where acc is map's own accumulator (changed in place). */
function addInto(e: Value, acc: Value, n: number): Value {
  if (e.t === 'event' && (acc.t === 'set' || acc.t === 'empty')) {
    const s = acc.t === 'set' ? acc.s : newSet(n);
    s.add(e.e);
    return acc.t === 'set' ? acc : setV(s);
  }
  if (e.t === 'pair' && (acc.t === 'rel' || acc.t === 'empty')) {
    const r = acc.t === 'rel' ? acc.r : newRel(n);
    r.add(e.a, e.b);
    return acc.t === 'rel' ? acc : relV(r);
  }
  if (acc.t === 'empty') return { t: 'vset', elems: new Map([[keyOf(e), e]]) };
  if (acc.t !== 'vset') throw new CatError(`expected a set of values, found a ${typeName(acc)}`);
  acc.elems.set(keyOf(e), e);
  return acc;
}

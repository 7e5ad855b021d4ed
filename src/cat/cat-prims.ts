// The primitives a cat model can call, as herd provides them: domain, range,
// classes, classes-loc (partition by location), linearisations, cross,
// different-values, tag2events. `events` describes the execution.
import { newRel, newSet } from './cat-alloc.js';
import { BitSet } from '../relations/bitset.js';
import { Rel } from '../relations/matrix.js';
import { asRel, asSet, CatError, typeName, vsetElems, vsetOf, type Value } from './cat-values.js';
import { materialise } from './cat-lazy.js';
import type { CatEnv } from './cat-env.js';

export interface PrimContext {
  n: number;
  /** Location index of each event, -1 for none. */
  locs: ArrayLike<number>;
  /** The value each event reads or writes in the current execution. */
  values: () => ArrayLike<number>;
  env: () => CatEnv;
}

export function primitives(cx: PrimContext): Array<[string, (v: Value) => Value]> {
  const n = cx.n;
  return [
    ['domain', (v) => (v.t === 'empty' ? v : { t: 'set', s: asRel(v, n).domain(newSet(n)) })],
    ['range', (v) => (v.t === 'empty' ? v : { t: 'set', s: asRel(v, n).range(newSet(n)) })],
    ['classes', (v) => {
      const r = asRel(v, n);
      const seen = new BitSet(n);
      const out: Value[] = [];
      for (let i = 0; i < n; i++) {
        if (seen.has(i) || !r.has(i, i)) continue;
        const cls = r.successors(i, new BitSet(n));
        seen.or(cls);
        out.push({ t: 'set', s: cls });
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
      return vsetOf([...byLoc.keys()].sort((a, b) => a - b).map((l) => ({ t: 'set' as const, s: byLoc.get(l)! })));
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
      return { t: 'rel', r: out };
    }],
    ['tag2events', (v) => {
      if (v.t !== 'tag') throw new CatError(`tag2events takes a tag, found a ${typeName(v)}`);
      const name = v.name.charAt(0).toUpperCase() + v.name.slice(1);
      const s = cx.env().get(name);
      if (!s) throw new CatError(`cannot find event set ${name}`);
      return s;
    }],
  ];
}

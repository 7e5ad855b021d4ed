// The names herd gives a model before it runs, computed from one layout (a
// combination of thread paths): event sets (R, W, M, F, IW, lock events, RMW,
// one set per bell tag) and relations (id, po, loc, int, ext, addr, data,
// ctrl, rmw), plus the per-execution rf and FW.
import { BitSet } from '../relations/bitset.js';
import { Rel } from '../relations/matrix.js';
import type { Layout } from '../explore/graph-build.js';
import { primitives } from './cat-prims.js';
import type { Value } from './cat-values.js';
import { relV, setV } from './cat-values.js';

/** The annotations herd gives an event (matched against the bell's tags, ignoring case). */
export function annotations(L: Layout, i: number): string[] {
  const g = L.events[i]!;
  if (g.thread < 0) return [];
  const e = g.ev;
  const out: string[] = [];
  if (e.tag) out.push(e.tag);
  if (e.kind === 'F' && e.fence) out.push(e.fence);
  if (e.srcu === 'lock') out.push('srcu-lock');
  if (e.srcu === 'unlock') out.push('srcu-unlock');
  if (e.kind === 'SRCU-SYNC') out.push('sync-srcu');
  return out;
}

export const setName = (tag: string): string => tag.charAt(0).toUpperCase() + tag.slice(1);

export interface NativeBase {
  /** The natives by name. */
  env: Map<string, Value>;
  /** Reads whose rf herd itself chooses (not lock reads): the native rf's range. */
  plainReads: BitSet;
  locs: Int32Array;
}

export function nativeEnv(L: Layout, tags: readonly string[], valuesRef: { values: ArrayLike<number> }, lookup: (name: string) => Value | undefined): NativeBase {
  const n = L.n, S = L.sets, st = L.stat;
  const env = new Map<string, Value>();
  const set = (name: string, s: BitSet): void => void env.set(name, setV(s));
  const rel = (name: string, r: Rel): void => void env.set(name, relV(r));
  // herd's R, W and M hold memory accesses only, not lock events (lock.cat
  // adds them). SRCU lock/unlock events stay reads/writes with an rf, as in
  // the built-in model (src/explore/graph-build.ts).
  const locks = S.LKR.clone().or(S.LF).or(S.RL).or(S.RU).or(S.LKW).or(S.UL);
  const R = S.R.clone().andNot(locks);
  const W = S.W.clone().andNot(locks);
  set('R', R);
  set('W', W);
  set('M', S.M.clone().andNot(locks));
  set('F', S.F);
  set('IW', S.IW);
  for (const k of ['LKR', 'LKW', 'UL', 'LF', 'RL', 'RU'] as const) set(k, S[k]);
  set('RMW', S.RMW);
  set('X', S.RMW);
  set('B', new BitSet(n));
  const lowered = new Map<string, string>();
  for (const t of tags) lowered.set(t.toLowerCase(), t);
  const byTag = new Map<string, BitSet>();
  for (const t of tags) byTag.set(t, new BitSet(n));
  for (let i = 0; i < n; i++) {
    for (const a of annotations(L, i)) {
      const t = lowered.get(a.toLowerCase());
      if (t !== undefined) byTag.get(t)!.add(i);
    }
  }
  for (const [t, s] of byTag) set(setName(t), s);
  rel('id', new Rel(n).identityOn(new BitSet(n).fill()));
  rel('po', st.po);
  rel('loc', st.loc);
  rel('int', st.int);
  rel('ext', st.ext);
  rel('addr', st.addr);
  rel('data', st.data);
  rel('ctrl', st.ctrl);
  const rmw = st.rmw.clone();
  S.LKR.forEach((i) => rmw.delete(i, i + 1));
  rel('rmw', rmw);
  const locs = new Int32Array(n);
  for (let i = 0; i < n; i++) locs[i] = L.events[i]!.ev.loc;
  for (const [name, fn] of primitives({ n, locs, values: () => valuesRef.values, lookup })) {
    env.set(name, { t: 'prim', name, fn } as Value);
  }
  return { env, plainReads: R, locs };
}

/** The final writes of the observed locations: the co-last write of each. */
export function finalWrites(L: Layout, co: Rel, observedLocs: readonly number[]): BitSet {
  const out = new BitSet(L.n);
  for (const l of observedLocs) {
    for (const w of L.byLoc[l] ?? []) {
      if (!L.sets.W.has(w)) continue;
      let last = true;
      for (const v of L.byLoc[l]!) if (co.has(w, v)) last = false;
      if (last) out.add(w);
    }
  }
  return out;
}

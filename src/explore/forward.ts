// Forward checking near the bottom of the search tree.
//
// Below a node, the remaining locations' choices are checked against the
// partial execution, and a choice that the partial execution plus that choice
// already violates is dropped: every axiom grows with rf and co, so every
// completion holding it is forbidden too. When the union of what survives
// passes the model, every completion does, and the subtree is counted whole.
//
// The checks are conflict-directed. The union of every remaining choice is
// checked first; when it fails, the events of the violation (the cycle's
// core) name the suspect locations, whose choices are checked one by one, and
// the union is tried again. Only when the suspects are exhausted without the
// union passing are the other locations checked, each as a union of its
// choices first and one by one when that fails. Which choices are checked is
// only a guess; what is dropped is always proved, so the guess affects speed,
// never results.
import { BitSet } from '../relations/bitset.js';
import type { Verdict } from '../model/lkmm.js';
import type { LocChoice } from './locations.js';

export interface ForwardHost {
  /** The locations in search order. */
  readonly order: readonly number[];
  /** Per location: its events. */
  readonly locEvents: readonly BitSet[];
  /** Whether a passing union may count a subtree (false when flags vary or no bounds apply). */
  readonly bounds: boolean;
  /** Per (node depth, location depth): how often its choices were checked, and how often that dropped some. */
  readonly tried: Uint32Array;
  readonly dropped: Uint32Array;
  /** The model on the partial execution at `depth` plus the given choices; `core` receives a violation's events. */
  check(depth: number, choices: readonly (readonly LocChoice[])[], wantFlags: boolean, core?: BitSet): Verdict;
}

export type ForwardResult =
  /** Every completion is forbidden. */
  | null
  /** Every completion with these lists is allowed, raising `flags`. */
  | { counted: readonly string[]; lists: readonly (readonly LocChoice[])[] }
  /** Lists with proved-forbidden choices dropped (`gained`: some were). */
  | { counted?: undefined; lists: readonly (readonly LocChoice[])[]; gained: boolean };

export function forwardCheck(host: ForwardHost, depth: number, lists: readonly (readonly LocChoice[])[], core: BitSet): ForwardResult {
  const { order, locEvents } = host;
  const next = lists.slice();
  const checked = new Uint8Array(order.length);
  const rest = (): (readonly LocChoice[])[] => remainingLists(order, depth, next);
  let drops = 0;
  /** Drops the choices of the location at `d` that fail with the partial execution alone; false when none is left. */
  const filter = (d: number, unionFirst: boolean): boolean => {
    checked[d] = 1;
    const l = order[d]!;
    const list = next[l]!;
    // Adaptive: a location whose checks at this depth never dropped anything is no longer checked there.
    const at = depth * order.length + d;
    if (host.tried[at]! >= 64 && host.dropped[at] === 0) return true;
    host.tried[at]!++;
    if (unionFirst && list.length > 1 && host.check(depth, [list], false).allowed) return true;
    const kept: LocChoice[] = [];
    for (let i = 0; i < list.length; i++) {
      // Of two choices, when the first failed the second is left for the union check to judge (a check fewer when it passes).
      if (!unionFirst && host.bounds && list.length === 2 && i === 1 && kept.length === 0) kept.push(list[i]!);
      else if (host.check(depth, [[list[i]!]], false).allowed) kept.push(list[i]!);
    }
    if (kept.length < list.length) {
      drops++;
      host.dropped[at]!++;
      next[l] = kept;
    }
    return kept.length > 0;
  };

  let unionFailed = false;
  if (host.bounds) {
    for (;;) {
      const v = host.check(depth, rest(), true, core);
      if (v.allowed) return { counted: v.flags, lists: next };
      unionFailed = true;
      const before = drops;
      for (let d = depth; d < order.length; d++) {
        if (checked[d] || !core.intersects(locEvents[order[d]!]!)) continue;
        if (!filter(d, false)) return null;
      }
      // Without a drop the union is unchanged and fails again.
      if (drops === before) break;
    }
  }
  const before = drops;
  for (let d = depth; d < order.length; d++) if (!checked[d] && !filter(d, true)) return null;
  if (host.bounds && (!unionFailed || drops !== before)) {
    const v = host.check(depth, rest(), true);
    if (v.allowed) return { counted: v.flags, lists: next };
  }
  return { lists: next, gained: drops > 0 };
}

/** The lists of the locations at `order[depth..]`, in search order. */
export function remainingLists<T>(order: readonly number[], depth: number, lists: readonly T[]): T[] {
  const out: T[] = [];
  for (let d = depth; d < order.length; d++) out.push(lists[order[d]!]!);
  return out;
}

/** Per location, its events as a set (for matching a violation's core). */
export function locationEvents(n: number, byLoc: readonly (readonly number[])[]): BitSet[] {
  return byLoc.map((evs) => {
    const s = new BitSet(n);
    for (const e of evs) s.add(e);
    return s;
  });
}

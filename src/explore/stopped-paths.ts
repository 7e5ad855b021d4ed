// Paths that stopped early, and whether a candidate execution follows one.
// herd decides both on the executions its equation solving accepts, before the
// model is consulted: every read reads some write of its location that its own
// thread has not overwritten before it (nor writes after it), and the values
// meet every path's conditions.
// - `Loop`: loop unrolling cut a path off and some execution runs along it (a
//   spin loop on a value nobody stores raises nothing).
// - A load through a value that designates no location: herd rejects the test
//   when some execution gets there.
import type { Program, ThreadTrace } from '../events/types.js';
import { layout } from './graph-build.js';
import type { LocChoice } from './locations.js';
import { ValueSolver } from './values.js';

/** Reads-from candidates tried before giving up and assuming the cut is reachable. */
const BUDGET = 200_000;

/** Whether some candidate execution runs along a path cut by loop unrolling (true when the search gives up). */
export function cutReachable(program: Program): boolean {
  return reachableStop(program, 'cut') !== undefined;
}

/** The first path loading through a non-address that some candidate execution follows (none when the search gives up). */
export function badAddressReached(program: Program): ThreadTrace | undefined {
  const r = reachableStop(program, 'bad-address');
  return r === 'budget' ? undefined : r;
}

/**
 * A stopped path of the wanted kind that some candidate execution follows,
 * with any paths (complete or stopped) of the other threads; 'budget' when
 * the search gave up first.
 */
function reachableStop(program: Program, wanted: 'cut' | 'bad-address'): ThreadTrace | 'budget' | undefined {
  const cut = program.cutThreads ?? [], bad = program.badAddressThreads ?? [];
  const target = wanted === 'cut' ? cut : bad;
  if (target.every((c) => c.length === 0)) return undefined;
  const target1 = new Set(target.flat());
  const budget = { left: BUDGET };
  const n = program.threads.length;
  const pick: ThreadTrace[] = new Array<ThreadTrace>(n);
  let found: ThreadTrace | undefined;
  const choose = (t: number, stop: ThreadTrace | undefined): boolean => {
    if (budget.left <= 0) return true;
    if (t === n) {
      if (!stop) return false;
      budget.left -= 100; // a layout costs more than one reads-from candidate
      if (!feasible(program, pick, budget)) return false;
      found = stop;
      return true;
    }
    for (const tr of [...(target[t] ?? []), ...program.threads[t]!, ...((wanted === 'cut' ? bad : cut)[t] ?? [])]) {
      pick[t] = tr;
      if (choose(t + 1, stop ?? (target1.has(tr) ? tr : undefined))) return true;
    }
    return false;
  };
  choose(0, undefined);
  return found ?? (budget.left <= 0 ? 'budget' : undefined);
}

function feasible(program: Program, traces: readonly ThreadTrace[], budget: { left: number }): boolean {
  const L = layout(program, traces);
  const solver = new ValueSolver(L, traces);
  const reads: number[] = [];
  const sources: number[][] = [];
  for (const g of L.events) {
    if (g.thread < 0 || g.ev.kind !== 'R') continue;
    const rmwW = g.ev.rmwWrite >= 0 ? L.base[g.thread]! + g.ev.rmwWrite : -1;
    const po = L.stat.po;
    // The thread's own last write before the read hides the initial value and
    // its own earlier writes (CoWR); writes after the read are out (CoRW).
    const writes = L.byLoc[g.ev.loc]!.filter((w) => L.events[w]!.ev.kind === 'W' && w !== rmwW);
    const ownBefore = writes.filter((w) => L.events[w]!.thread === g.thread && po.has(w, g.id));
    const last = ownBefore.find((w) => !ownBefore.some((v) => v !== w && po.has(w, v)));
    const ws = writes.filter((w) => {
      const e = L.events[w]!;
      if (e.thread === g.thread) return w === last;
      return !(e.thread < 0 && last !== undefined);
    });
    reads.push(g.id);
    sources.push(ws);
  }
  const pairs: Array<[number, number]> = [];
  const chosen: LocChoice[] = [{ rf: pairs, co: [] }];
  const assign = (i: number): boolean => {
    if (budget.left <= 0) return true;
    if (i === reads.length) {
      budget.left--;
      return solver.solve(chosen);
    }
    for (const w of sources[i]!) {
      pairs.push([w, reads[i]!]);
      if (assign(i + 1)) return true;
      pairs.pop();
    }
    return false;
  };
  return assign(0);
}

// herd's `Loop`: loop unrolling cut a path off, and some candidate execution
// runs along that cut path. herd decides it on the executions its equation
// solving accepts, before the model is consulted (incoherent ones included):
// every read reads some write of its location (one after it in its own
// thread too, but not its own RMW's write), and the values meet every path's
// conditions. A value that justifies itself (`r0 = READ_ONCE(*x);
// WRITE_ONCE(*x, r0);`, r0 reading the write after it) is decided only by
// herd's equations, a cmpxchg that succeeds, not by a branch condition. A
// spin loop on a value nobody stores raises nothing.
import type { Program, ThreadTrace } from '../events/program.js';
import { layout } from './graph-build.js';
import type { LocChoice } from './locations.js';
import { ValueSolver } from './value-solver.js';
import { evalSym, isConst } from '../events/sym.js';

/** Reads-from candidates tried before giving up and assuming the cut is reachable. */
const BUDGET = 200_000;

/** Whether some candidate execution runs along a path cut by loop unrolling (true when the search gives up). */
export function cutReachable(program: Program): boolean {
  return reachableCut(program) !== undefined;
}

/**
 * A cut path that some candidate execution follows, with any complete paths
 * of the other threads; 'budget' when the search gave up first.
 */
function reachableCut(program: Program): ThreadTrace | 'budget' | undefined {
  const cut = program.cutThreads ?? [];
  if (cut.every((c) => c.length === 0)) return undefined;
  const cuts = new Set(cut.flat());
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
    for (const tr of [...(cut[t] ?? []), ...program.threads[t]!]) {
      pick[t] = tr;
      if (choose(t + 1, stop ?? (cuts.has(tr) ? tr : undefined))) return true;
    }
    return false;
  };
  choose(0, undefined);
  return found ?? (budget.left <= 0 ? 'budget' : undefined);
}

function feasible(program: Program, traces: readonly ThreadTrace[], budget: { left: number }): boolean {
  const L = layout(program, traces);
  const solver = new ValueSolver(L, traces, { pins: 'equations' });
  const reads: number[] = [];
  const sources: number[][] = [];
  for (const g of L.events) {
    if (g.thread < 0 || g.ev.kind !== 'R') continue;
    const own = g.ev.rmwWrite >= 0 ? L.base[g.thread]! + g.ev.rmwWrite : -1;
    // A write of a known constant that contradicts the read's path
    // conditions (the filter's equations among them) cannot be its source.
    const checks = L.readChecks.get(g.id);
    const ws = L.byLoc[g.ev.loc]!.filter((w) => {
      const e = L.events[w]!;
      if (e.ev.kind !== 'W' || w === own) return false;
      const v = e.ev.value;
      return !(checks && isConst(v) && checks.some((c) => (evalSym(c.value, () => v) !== 0) !== c.truthy));
    });
    if (ws.length === 0) return false;
    reads.push(g.id);
    sources.push(ws);
  }
  const pairs: Array<[number, number]> = [];
  const chosen: LocChoice[] = [{ rf: pairs, co: [], final: -1 }];
  const assign = (i: number): boolean => {
    if (budget.left <= 0) return true;
    if (i === reads.length) {
      budget.left--;
      return solver.solve(chosen) && filterHolds(program, traces, solver);
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

/**
 * herd checks the filter on a candidate's final state before anything else:
 * on a cut path, its registers as they are at the cut. A filter on memory
 * locations is not checked here (the cut candidate's final writes are not
 * chosen), which errs towards raising Loop.
 */
function filterHolds(program: Program, traces: readonly ThreadTrace[], solver: ValueSolver): boolean {
  if (!program.filter || (program.filterLocations?.length ?? 0) > 0) return true;
  return program.filter({
    reg: (t, name) => {
      const s = traces[t]?.regs.get(name);
      return s === undefined ? 0 : evalSym(s, solver.solved[t]!);
    },
    mem: () => 0,
  });
}

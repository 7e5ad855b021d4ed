// Lays out one combination of thread paths as a global event graph: initial
// writes first (one per location), then each thread's events in program order.
import { BitSet } from '../relations/bitset.js';
import { Rel } from '../relations/matrix.js';
import type { Constraint, Program, ThreadEvent, ThreadTrace } from '../events/program.js';
import { readsOf } from '../events/sym.js';
import { emptySets, type EventSets, type ExecGraph, type StaticRelations } from '../model/exec-graph.js';

export interface GEvent {
  id: number;
  /** -1 for initial writes. */
  thread: number;
  ev: ThreadEvent;
}

export interface Layout {
  n: number;
  events: GEvent[];
  nlocs: number;
  sets: EventSets;
  stat: StaticRelations;
  /** Values of the current execution, filled by the explorer. */
  values: number[];
  /** Index of each thread's first event. */
  base: number[];
  /** Per read (global id): its path's constraints that mention that read only. */
  readChecks: Map<number, Constraint[]>;
  /** Per location: ids of events with that location. */
  byLoc: number[][];
}

function initEvent(loc: number, value: number): ThreadEvent {
  return { kind: 'W', loc, value, rmwClass: false, rmwWrite: -1, addr: [], data: [], ctrl: [], line: 0, col: 0, origin: 'init' };
}

/** The model's view of one (possibly partial) execution of layout L; `rmwSeq` as ExecGraph.rmwSeq. */
export function execGraph(L: Layout, rf: Rel, co: Rel, rmwSeq?: Rel): ExecGraph {
  const g: ExecGraph = { n: L.n, sets: L.sets, stat: L.stat, values: L.values, rf, co };
  if (rmwSeq) g.rmwSeq = rmwSeq;
  return g;
}

export function layout(program: Program, traces: readonly ThreadTrace[]): Layout {
  const nlocs = program.locations.length;
  const events: GEvent[] = [];
  program.locations.forEach((l, i) => events.push({ id: i, thread: -1, ev: initEvent(i, l.init) }));
  const base: number[] = [];
  traces.forEach((tr, t) => {
    base.push(events.length);
    for (const ev of tr.events) events.push({ id: events.length, thread: t, ev });
  });
  const n = events.length;
  const S = emptySets(n);
  const po = new Rel(n), loc = new Rel(n), int = new Rel(n), ext = new Rel(n), rmw = new Rel(n);
  const addr = new Rel(n), data = new Rel(n), ctrl = new Rel(n), rcuRscs = new Rel(n);
  const byLoc: number[][] = Array.from({ length: nlocs }, () => []);
  const values: number[] = [];

  for (const g of events) {
    const e = g.ev, i = g.id;
    values.push(0);
    if (e.loc >= 0) byLoc[e.loc]!.push(i);
    classify(S, g);
  }
  // Marked = (~M) | IW | tagged | RMW | lock events | SRCU accesses; Plain = M \ Marked.
  S.Marked.copyFrom(S.M).complement();
  for (const g of events) if (g.thread < 0 || !isPlainAccess(g.ev)) S.Marked.add(g.id);
  S.Plain.copyFrom(S.M).andNot(S.Marked);
  // FailedRMW and the semantic tags.
  for (const g of events) {
    const e = g.ev;
    if (e.rmwClass && e.kind === 'R' && e.rmwWrite < 0) S.FailedRMW.add(g.id);
  }
  for (const g of events) {
    const e = g.ev, i = g.id;
    if (S.FailedRMW.has(i)) continue;
    if (e.tag === 'ACQUIRE' && e.kind === 'R') S.Acquire.add(i);
    if (e.tag === 'RELEASE' && e.kind === 'W') S.Release.add(i);
    if (e.tag === 'MB' || e.fence === 'mb') S.Mb.add(i);
    if (e.tag === 'NORETURN' && e.kind === 'R') S.Noreturn.add(i);
  }
  for (const o of program.observed) if (o.kind === 'global') S.ObservedIW.add(o.loc);
  for (const l of program.filterLocations ?? []) S.ObservedIW.add(l);
  S.Acquire.or(S.LKR);
  S.Release.or(S.UL);

  for (let t = 0; t < traces.length; t++) {
    const evs = traces[t]!.events, b = base[t]!;
    const stack: number[] = [];
    for (let a = 0; a < evs.length; a++) {
      const ia = b + a, ea = evs[a]!;
      for (let c = 0; c < evs.length; c++) int.add(ia, b + c);
      for (let c = a + 1; c < evs.length; c++) if (!evs[c]!.parallelWith?.includes(a)) po.add(ia, b + c);
      if (ea.rmwWrite >= 0) rmw.add(ia, b + ea.rmwWrite);
      if (ea.kind === 'LKR' && evs[a + 1]?.kind === 'LKW') rmw.add(ia, ia + 1);
      for (const s of ea.addr) addr.add(b + s, ia);
      if (ea.kind === 'W') for (const s of ea.data) data.add(b + s, ia);
      for (const s of ea.ctrl) ctrl.add(b + s, ia);
      if (ea.fence === 'rcu-lock') stack.push(ia);
      else if (ea.fence === 'rcu-unlock' && stack.length > 0) rcuRscs.add(stack.pop()!, ia);
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (!int.has(i, j)) ext.add(i, j);
      const li = events[i]!.ev.loc;
      if (li >= 0 && li === events[j]!.ev.loc) loc.add(i, j);
    }
  }
  const readChecks = new Map<number, Constraint[]>();
  traces.forEach((tr, t) => {
    for (const c of tr.constraints) {
      const rs = readsOf(c.value);
      if (rs.length !== 1) continue;
      const g = base[t]! + rs[0]!;
      readChecks.set(g, [...(readChecks.get(g) ?? []), c]);
    }
  });
  return { n, events, nlocs, sets: S, stat: { po, loc, int, ext, rmw, addr, data, ctrl, rcuRscs }, values, byLoc, base, readChecks };
}

function classify(S: EventSets, g: GEvent): void {
  const e = g.ev, i = g.id;
  if (g.thread < 0) {
    S.IW.add(i);
    S.W.add(i);
    S.M.add(i);
    return;
  }
  switch (e.kind) {
    case 'R': S.R.add(i); break;
    case 'W': S.W.add(i); break;
    case 'LKR': S.LKR.add(i); S.R.add(i); break;
    case 'LKW': S.LKW.add(i); S.W.add(i); break;
    case 'UL': S.UL.add(i); S.W.add(i); break;
    case 'LF': S.LF.add(i); S.R.add(i); break;
    case 'RL': S.RL.add(i); S.R.add(i); break;
    case 'RU': S.RU.add(i); S.R.add(i); break;
    case 'SRCU-SYNC': S.SyncSrcu.add(i); break;
    case 'F': {
      S.F.add(i);
      const byTag: Record<string, BitSet | undefined> = {
        rmb: S.Rmb, wmb: S.Wmb, barrier: S.Barrier, 'before-atomic': S.BeforeAtomic, 'after-atomic': S.AfterAtomic,
        'after-spinlock': S.AfterSpinlock, 'after-unlock-lock': S.AfterUnlockLock,
        'after-srcu-read-unlock': S.AfterSrcuReadUnlock, 'rcu-lock': S.RcuLock, 'rcu-unlock': S.RcuUnlock, 'sync-rcu': S.SyncRcu,
      };
      byTag[e.fence ?? '']?.add(i);
      break;
    }
  }
  if (e.kind === 'R' || e.kind === 'W' || e.kind === 'LKR' || e.kind === 'LKW' || e.kind === 'UL' || e.kind === 'LF' || e.kind === 'RL' || e.kind === 'RU') S.M.add(i);
  if (e.rmwClass) S.RMW.add(i);
  if (e.srcu === 'lock') S.SrcuLock.add(i);
  if (e.srcu === 'unlock') S.SrcuUnlock.add(i);
}

/** A thread's read or write with no annotation (not ONCE, acquire, release, RMW or SRCU): LKMM's Plain. */
export function isPlainAccess(e: ThreadEvent): boolean {
  return (e.kind === 'R' || e.kind === 'W') && e.tag === undefined && !e.rmwClass && e.srcu === undefined;
}

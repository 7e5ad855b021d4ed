// Lays out one combination of thread paths as a global event graph: initial
// writes first (one per location), then each thread's events in program order.
import { Rel } from '../relations/matrix.js';
import type { Constraint, Program, ThreadEvent, ThreadTrace } from '../events/program.js';
import { readsOf } from '../events/sym.js';
import type { EventSets, ExecGraph, StaticRelations } from '../model/exec-graph.js';
import { bellClasses, type LaidEvent } from '../model/bell.js';

/** An event of a layout (src/model/bell.ts LaidEvent): thread -1 for initial writes. */
export type GEvent = LaidEvent;

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
  const S = bellClasses(events, n);
  const po = new Rel(n), loc = new Rel(n), int = new Rel(n), ext = new Rel(n), rmw = new Rel(n);
  const addr = new Rel(n), data = new Rel(n), ctrl = new Rel(n), rcuRscs = new Rel(n);
  const byLoc: number[][] = Array.from({ length: nlocs }, () => []);
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    values.push(0);
    const l = events[i]!.ev.loc;
    if (l >= 0) byLoc[l]!.push(i);
  }
  for (const o of program.observed) if (o.kind === 'global') S.ObservedIW.add(o.loc);
  for (const l of program.filterLocations ?? []) S.ObservedIW.add(l);

  for (let t = 0; t < traces.length; t++) {
    const evs = traces[t]!.events, b = base[t]!;
    const stack: number[] = [];
    for (let a = 0; a < evs.length; a++) {
      const ia = b + a, ea = evs[a]!;
      for (let c = 0; c < evs.length; c++) int.add(ia, b + c);
      for (let c = 0; c < n; c++) if (c < b || c >= b + evs.length) ext.add(ia, c);
      for (let c = a + 1; c < evs.length; c++) if (!evs[c]!.parallelWith?.includes(a)) po.add(ia, b + c);
      if (ea.rmwWrite >= 0) rmw.add(ia, b + ea.rmwWrite);
      if (ea.kind === 'LKR' && evs[a + 1]?.kind === 'LKW') rmw.add(ia, ia + 1);
      for (let k = 0; k < ea.addr.length; k++) addr.add(b + ea.addr[k]!, ia);
      if (ea.kind === 'W') for (let k = 0; k < ea.data.length; k++) data.add(b + ea.data[k]!, ia);
      for (let k = 0; k < ea.ctrl.length; k++) ctrl.add(b + ea.ctrl[k]!, ia);
      if (ea.fence === 'rcu-lock') stack.push(ia);
      else if (ea.fence === 'rcu-unlock' && stack.length > 0) rcuRscs.add(stack.pop()!, ia);
    }
  }
  // Initial writes are internal to no thread: external to every event.
  for (let i = 0; i < nlocs; i++) {
    for (let j = 0; j < n; j++) {
      ext.add(i, j);
      ext.add(j, i);
    }
  }
  for (let l = 0; l < nlocs; l++) {
    const ids = byLoc[l]!;
    for (let a = 0; a < ids.length; a++) for (let b = 0; b < ids.length; b++) loc.add(ids[a]!, ids[b]!);
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

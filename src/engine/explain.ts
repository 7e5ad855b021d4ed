// Builds explanation records from explored executions: a witness for a
// reachable outcome, and for candidates with the outcome that the model
// rejects, the violated axiom as a cycle of labelled edges on source lines
// (src/engine/cycle-edges.ts names the edges; src/engine/reasons.ts ranks them).
import type { LitmusTest } from '../litmus/ast.js';
import type { Program } from '../events/program.js';
import { formatValue } from '../events/value-encoding.js';
import { observedName } from '../events/build.js';
import { evalSym } from '../events/sym.js';
import type { ExecutionRecord, ExploreOutcome } from '../explore/explore.js';
import type { Layout } from '../explore/graph-build.js';
import { finalStore } from '../explore/locations.js';
import type { EdgeRef, EventRef, Explanation, RaceReport, Rejection, Witness } from '../explore/result.js';
import { BUILTIN_MODEL, type ExplainingModel } from './explaining-model.js';
import type { Rel } from '../relations/matrix.js';
import { atomicityPath, cycleEdges, firstEdge } from './cycle-edges.js';

function label(L: Layout, g: number, names: readonly string[], values: readonly number[]): string {
  const e = L.events[g]!.ev;
  const loc = e.loc >= 0 ? names[e.loc]! : '';
  const v = formatValue(values[g]!, names);
  switch (e.kind) {
    case 'F': return `F[${e.fence}]`;
    case 'R': return `R${e.tag ? `[${e.tag.toLowerCase()}]` : e.srcu ? '[srcu-lock]' : ''} ${loc}=${v}`;
    case 'W': return `W${e.tag ? `[${e.tag.toLowerCase()}]` : e.srcu ? '[srcu-unlock]' : ''} ${loc}=${v}`;
    default: return `${e.kind} ${loc}`;
  }
}

export function eventRefs(L: Layout, ids: Iterable<number>, test: LitmusTest, names: readonly string[]): EventRef[] {
  const lines = test.source.split('\n');
  const out: EventRef[] = [];
  for (const g of ids) {
    const ge = L.events[g]!;
    out.push({
      id: g, thread: ge.thread < 0 ? -1 : test.processes[ge.thread]!.id, line: ge.ev.line,
      label: label(L, g, names, L.values), source: ge.thread < 0 ? '' : stripComments(lines[ge.ev.line - 1] ?? ''),
    });
  }
  return out;
}

/** A source line without its trailing comments, trimmed. */
function stripComments(line: string): string {
  // `(*` opens an OCaml comment only where a statement could start; elsewhere it is `(` and a dereference.
  return line.replace(/\/\*.*?\*\//g, '').replace(/(^|[;{}])\s*\(\*.*?\*\)/g, '$1').replace(/\/\/.*$/, '').trim();
}

export function witnessOf(rec: ExecutionRecord, values: number[], test: LitmusTest, program: Program, model: ExplainingModel = BUILTIN_MODEL): Witness {
  const L = rec.layout;
  const names = program.locations.map((l) => l.name);
  const v = model.verdict(rec, values, { flags: false });
  const ids = L.events.filter((e) => e.ev.kind !== 'F' || e.thread >= 0).map((e) => e.id);
  const events = eventRefs(L, ids, test, names);
  const rf: Witness['rf'] = [];
  rec.rf.forEachEdge((w, r) => rf.push({ read: r, write: w, value: formatValue(values[r]!, names) }));
  const co = rec.coOrders.map((ws, l) => ({ loc: names[l]!, writes: ws })).filter((c) => c.writes.length > 1);
  // A total order consistent with happens-before and coherence where possible.
  const order = topo(L, [L.stat.po, v.rels.get('hb'), rec.rf, rec.co]);
  const state = program.observed.map((o) => {
    let v: number;
    if (o.kind === 'reg') {
      const sym = rec.traces[o.thread]?.regs.get(o.name);
      v = sym === undefined ? 0 : evalSym(sym, (e) => values[L.base[o.thread]! + e]!);
    } else {
      v = values[finalStore(L, rec.coOrders[o.loc]!)]!;
    }
    return { loc: observedName(o), kind: o.kind, value: formatValue(v, names) };
  });
  return { events, rf, co, interleaving: order.filter((x) => L.events[x]!.thread >= 0), state };
}

/** Topological order of the union of the given relations, dropping the last ones while it is cyclic. */
function topo(L: Layout, rels: Array<Rel | undefined>): number[] {
  for (let k = rels.length; k > 0; k--) {
    const parts = rels.slice(0, k).filter((r): r is Rel => r !== undefined);
    const indeg = new Array<number>(L.n).fill(0);
    for (const r of parts) r.forEachEdge((_a, b) => indeg[b]!++);
    const out: number[] = [];
    const ready = L.events.map((e) => e.id).filter((i) => indeg[i] === 0);
    while (ready.length) {
      ready.sort((x, y) => x - y);
      const x = ready.shift()!;
      out.push(x);
      for (const r of parts) r.forEachEdge((a, b) => {
        if (a === x && --indeg[b]! === 0) ready.push(b);
      });
    }
    if (out.length === L.n) return out;
  }
  return L.events.map((e) => e.id);
}

export function races(rels: Map<string, Rel>, L: Layout, test: LitmusTest, names: readonly string[]): RaceReport[] {
  const out: RaceReport[] = [];
  for (const kind of ['ww', 'wr', 'rw'] as const) {
    rels.get(`${kind}-race`)?.forEachEdge((a, b) => {
      const [first, second] = eventRefs(L, [a, b], test, names);
      out.push({ first: first!, second: second!, kind, missing: 'no happens-before or visibility ordering between these accesses; mark both (READ_ONCE/WRITE_ONCE) or order them (release/acquire, a barrier, a lock)' });
    });
  }
  return out;
}

export function explainOutcome(test: LitmusTest, program: Program, outcome: ExploreOutcome, model: ExplainingModel = BUILTIN_MODEL): Explanation {
  const names = program.locations.map((l) => l.name);
  const out: Explanation = {};
  const pos = outcome.positiveExample;
  if (pos) {
    out.witness = witnessOf(pos, pos.values, test, program, model);
    const v = model.verdict(pos, pos.values);
    const r = races(v.rels, pos.layout, test, names);
    if (r.length) out.races = r;
  } else if (outcome.negativeExample && outcome.flags.includes('data-race')) {
    const neg = outcome.negativeExample;
    const v = model.verdict(neg, neg.values);
    const r = races(v.rels, neg.layout, test, names);
    if (r.length) out.races = r;
  }
  if (!pos && outcome.rejected.length) {
    const rejections = outcome.rejected.map((rec) => rejectionOf(rec, test, names, model)).filter((r): r is Rejection => r !== undefined);
    if (rejections.length) out.rejections = rejections;
  }
  return out;
}


/** Why the model rejects one candidate execution: its violated axiom and the cycle, on source lines. */
export function rejectionOf(rec: ExecutionRecord, test: LitmusTest, names: readonly string[], model: ExplainingModel = BUILTIN_MODEL): Rejection | undefined {
  const v = model.verdict(rec, rec.values, { flags: false });
  if (!v.violated?.relation) return undefined;
  let cycle: EdgeRef[];
  if (v.violated.name === 'atomic') {
    cycle = atomicityPath(firstEdge(v.violated.relation!), rec.layout, v.rels);
  } else {
    const nodes = v.violated.relation!.findCycle() ?? firstEdge(v.violated.relation!);
    cycle = cycleEdges(nodes, rec.layout, v.rels, v.violated.name === 'coherence', names);
  }
  const ids = new Set(cycle.flatMap((e) => (e.via !== undefined ? [e.from, e.to, e.via] : [e.from, e.to])));
  const meaning = model.meaning(v.violated.name);
  return { axiom: v.violated.name, ...(meaning ? { meaning } : {}), cycle, events: eventRefs(rec.layout, ids, test, names) };
}

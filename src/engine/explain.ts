// Builds explanation records from explored executions: a witness for a
// reachable outcome, and for candidates with the outcome that the model
// rejects, the violated axiom as a cycle of labelled edges on source lines.
import type { LitmusTest } from '../litmus/ast.js';
import type { Program } from '../events/types.js';
import { formatValue } from '../events/values.js';
import { observedName } from '../events/build.js';
import { evalSym } from '../events/sym.js';
import type { ExecutionRecord, ExploreOutcome } from '../explore/explore.js';
import { execGraph, type Layout } from '../explore/graph-build.js';
import type { EdgeRef, EventRef, Explanation, RaceReport, Rejection, Witness } from '../explore/result.js';
import { evaluate } from '../model/lkmm.js';
import type { ExecGraph } from '../model/graph.js';
import type { Rel } from '../relations/matrix.js';

const WORDS: Record<string, string> = {
  'po-loc': 'precedes in program order, same location',
  po: 'precedes in program order',
  rfe: 'is read by (reads-from, another CPU)',
  rfi: 'is read by (reads-from, same CPU)',
  coe: 'is overwritten by (coherence order, another CPU)',
  coi: 'is overwritten by (coherence order, same CPU)',
  fre: 'reads a value overwritten by (from-reads, another CPU)',
  fri: 'reads a value overwritten by (from-reads, same CPU)',
  rmw: 'is the read of the same atomic RMW as',
  addr: 'gives the address of (address dependency)',
  data: 'gives the value of (data dependency)',
  ctrl: 'controls whether this runs (control dependency)',
  'acq-po': 'is an acquire, ordered before',
  'po-rel': 'is ordered before the release',
  gp: 'is separated by a grace period from',
  'rcu-fence': 'is ordered by an RCU grace period / critical section pairing before',
  ppo: 'is ordered in program order (preserved program order) before',
  prop: 'propagates before',
  hb: 'happens before',
  pb: 'propagates, through a strong fence, before',
  rb: 'is ordered by RCU before',
};

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

function eventRefs(L: Layout, ids: Iterable<number>, test: LitmusTest, names: readonly string[]): EventRef[] {
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

function graphOf(rec: ExecutionRecord, values: number[]): ExecGraph {
  const L = rec.layout;
  L.values.splice(0, L.values.length, ...values);
  return execGraph(L, rec.rf, rec.co);
}

/** Names an edge of a violated relation by the most basic relation containing it. */
function edgeLabel(a: number, b: number, L: Layout, rels: Map<string, Rel>, coherenceOnly = false): { relation: string; words: string } {
  const s = L.stat;
  if (coherenceOnly && s.po.has(a, b) && s.loc.has(a, b)) return named('po-loc');
  const rf = rels.get('rf')!, co = rels.get('co')!, fr = rels.get('fr')!;
  const ext = s.ext;
  if (rf.has(a, b)) return named(ext.has(a, b) ? 'rfe' : 'rfi');
  if (co.has(a, b)) return named(ext.has(a, b) ? 'coe' : 'coi');
  if (fr.has(a, b)) return named(ext.has(a, b) ? 'fre' : 'fri');
  // A fence event between the two names the ordering primitive.
  const fenceKinds: Record<string, (x: Layout['events'][number]) => boolean> = {
    mb: (x) => (x.ev.kind === 'F' && ['mb', 'before-atomic', 'after-atomic', 'after-spinlock', 'after-unlock-lock', 'after-srcu-read-unlock'].includes(x.ev.fence ?? '')) || x.ev.tag === 'MB',
    wmb: (x) => x.ev.kind === 'F' && x.ev.fence === 'wmb',
    rmb: (x) => x.ev.kind === 'F' && x.ev.fence === 'rmb',
  };
  for (const rel of ['mb', 'wmb', 'rmb']) {
    if (rels.get(rel)?.has(a, b)) {
      const f = L.events.find((x) => (x.id === a || s.po.has(a, x.id)) && (x.id === b || s.po.has(x.id, b)) && fenceKinds[rel]!(x));
      const name = f ? f.ev.origin : rel;
      return { relation: name, words: `is ordered by ${name}() before` };
    }
  }
  for (const rel of ['acq-po', 'po-rel', 'gp', 'rcu-fence']) if (rels.get(rel)?.has(a, b)) return named(rel);
  if (s.addr.has(a, b)) return named('addr');
  if (s.data.has(a, b)) return named('data');
  if (s.ctrl.has(a, b)) return named('ctrl');
  for (const rel of ['ppo', 'prop', 'hb', 'pb', 'rb']) if (rels.get(rel)?.has(a, b)) return named(rel);
  if (s.po.has(a, b)) return named(s.loc.has(a, b) ? 'po-loc' : 'po');
  return { relation: 'rel', words: 'is related to' };
}

function named(relation: string): { relation: string; words: string } {
  return { relation, words: WORDS[relation] ?? relation };
}

/** Relations whose edges are shown as such; composite ones (prop, hb, pb, rb) are expanded into these. */
const BASIC = ['rf', 'co', 'fr', 'mb', 'wmb', 'rmb', 'acq-po', 'po-rel', 'gp', 'rcu-fence', 'ppo'];

function isBasic(a: number, b: number, L: Layout, rels: Map<string, Rel>, withPoLoc: boolean): boolean {
  if (BASIC.some((r) => rels.get(r)?.has(a, b))) return true;
  const s = L.stat;
  if (s.addr.has(a, b) || s.data.has(a, b) || s.ctrl.has(a, b)) return true;
  return withPoLoc && s.po.has(a, b) && s.loc.has(a, b);
}

/** Shortest path of basic edges from a to b (breadth-first), or null. */
function basicPath(a: number, b: number, L: Layout, rels: Map<string, Rel>, withPoLoc: boolean): number[] | null {
  const prev = new Array<number>(L.n).fill(-2);
  // For a self-loop (a reflexive edge of rb), search for a non-trivial path back to a.
  if (a !== b) prev[a] = -1;
  const queue = [a];
  while (queue.length) {
    const x = queue.shift()!;
    for (let y = 0; y < L.n; y++) {
      if (prev[y] !== -2 || !isBasic(x, y, L, rels, withPoLoc)) continue;
      prev[y] = x;
      if (y === b) {
        const path = [b];
        for (let z = x; z !== a; z = prev[z]!) path.push(z);
        path.push(a);
        return path.reverse();
      }
      queue.push(y);
    }
  }
  return null;
}

function cycleEdges(nodes: number[], L: Layout, rels: Map<string, Rel>, withPoLoc: boolean): EdgeRef[] {
  const edges: EdgeRef[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const a = nodes[i]!, b = nodes[(i + 1) % nodes.length]!;
    const path = a !== b && isBasic(a, b, L, rels, withPoLoc) ? [a, b] : basicPath(a, b, L, rels, withPoLoc) ?? [a, b];
    for (let k = 0; k + 1 < path.length; k++) {
      const x = path[k]!, y = path[k + 1]!;
      edges.push({ from: x, to: y, ...edgeLabel(x, y, L, rels, withPoLoc) });
    }
  }
  return edges;
}

function witnessOf(rec: ExecutionRecord, values: number[], test: LitmusTest, program: Program): Witness {
  const L = rec.layout;
  const names = program.locations.map((l) => l.name);
  const g = graphOf(rec, values);
  const v = evaluate(g, false, true);
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
      const ws = rec.coOrders[o.loc]!;
      v = values[ws[ws.length - 1]!]!;
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

function races(rels: Map<string, Rel>, L: Layout, test: LitmusTest, names: readonly string[]): RaceReport[] {
  const out: RaceReport[] = [];
  for (const kind of ['ww', 'wr', 'rw'] as const) {
    rels.get(`${kind}-race`)?.forEachEdge((a, b) => {
      const [first, second] = eventRefs(L, [a, b], test, names);
      out.push({ first: first!, second: second!, kind, missing: 'no happens-before or visibility ordering between these accesses; mark both (READ_ONCE/WRITE_ONCE) or order them (release/acquire, a barrier, a lock)' });
    });
  }
  return out;
}

export function explainOutcome(test: LitmusTest, program: Program, outcome: ExploreOutcome): Explanation {
  const names = program.locations.map((l) => l.name);
  const out: Explanation = {};
  const pos = outcome.positiveExample;
  if (pos) {
    out.witness = witnessOf(pos, pos.values, test, program);
    const v = evaluate(graphOf(pos, pos.values), true, true);
    const r = races(v.rels, pos.layout, test, names);
    if (r.length) out.races = r;
  } else if (outcome.negativeExample && outcome.flags.includes('data-race')) {
    const neg = outcome.negativeExample;
    const v = evaluate(graphOf(neg, neg.values), true, true);
    const r = races(v.rels, neg.layout, test, names);
    if (r.length) out.races = r;
  }
  if (!pos && outcome.rejected.length) {
    const rejections: Rejection[] = [];
    for (const rec of outcome.rejected) {
      const v = evaluate(graphOf(rec, rec.values), false, true);
      if (!v.violated) continue;
      let cycle: EdgeRef[];
      if (v.violated.name === 'atomic') {
        cycle = atomicityPath(firstEdge(v.violated.relation!), rec.layout, v.rels);
      } else {
        const nodes = v.violated.relation!.findCycle() ?? firstEdge(v.violated.relation!);
        cycle = cycleEdges(nodes, rec.layout, v.rels, v.violated.name === 'coherence');
      }
      const ids = new Set(cycle.flatMap((e) => [e.from, e.to]));
      rejections.push({ axiom: v.violated.name, cycle, events: eventRefs(rec.layout, ids, test, names) });
    }
    if (rejections.length) out.rejections = rejections;
  }
  return out;
}

/** rmw & (fre ; coe): the read of an RMW, a write from another CPU it misses, and the RMW's write after it. */
function atomicityPath(pair: number[], L: Layout, rels: Map<string, Rel>): EdgeRef[] {
  const [r, w] = pair as [number, number];
  const fr = rels.get('fr')!, co = rels.get('co')!, ext = L.stat.ext;
  for (let x = 0; x < L.n; x++) {
    if (fr.has(r, x) && ext.has(r, x) && co.has(x, w) && ext.has(x, w)) {
      return [
        { from: r, to: x, relation: 'fre', words: WORDS['fre']! },
        { from: x, to: w, relation: 'coe', words: WORDS['coe']! },
        { from: w, to: r, relation: 'rmw^-1', words: 'is the write of the same atomic RMW as' },
      ];
    }
  }
  return [{ from: r, to: w, relation: 'rmw', words: WORDS['rmw']! }];
}

function firstEdge(r: Rel): number[] {
  const pairs = r.toPairs();
  return pairs.length ? [pairs[0]![0], pairs[0]![1]] : [];
}

// The edges of a violated axiom's cycle, each named by the most basic relation
// that holds between its two events and, for an ordering edge, by the
// construct of the test that provides it on its source line: the barrier
// (`smp_wmb() P0:16`), the acquire or release, the grace period
// (`synchronize_rcu() P0:12`) and read-side section, the unlock and lock.
import type { ThreadEvent } from '../events/program.js';
import type { Layout } from '../explore/graph-build.js';
import type { EdgeRef } from '../explore/result.js';
import type { Rel } from '../relations/matrix.js';

export const WORDS: Record<string, string> = {
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

type GEvent = Layout['events'][number];
type Label = Pick<EdgeRef, 'relation' | 'words' | 'construct'>;

function named(relation: string): Label {
  return { relation, words: WORDS[relation] ?? relation };
}

/** `smp_wmb() P0:16`: a construct on its line. */
function at(x: GEvent, name = x.ev.origin): string {
  return `${name}() P${x.thread}:${x.ev.line}`;
}

/** Events of a's thread between a and b in program order (inclusive), in order. */
function between(L: Layout, a: number, b: number): GEvent[] {
  const po = L.stat.po;
  return L.events.filter((x) => (x.id === a || po.has(a, x.id)) && (x.id === b || po.has(x.id, b)));
}

const isFence = (k: string) => (x: GEvent): boolean => x.ev.kind === 'F' && x.ev.fence === k;
const FENCE: Record<string, (x: GEvent) => boolean> = {
  mb: (x) => (x.ev.kind === 'F' && ['mb', 'before-atomic', 'after-atomic', 'after-spinlock', 'after-unlock-lock', 'after-srcu-read-unlock'].includes(x.ev.fence ?? '')) || x.ev.tag === 'MB',
  wmb: isFence('wmb'),
  rmb: isFence('rmb'),
};

const isGp = (e: ThreadEvent): boolean => (e.kind === 'F' && e.fence === 'sync-rcu') || e.kind === 'SRCU-SYNC';
const isRscsStart = (e: ThreadEvent): boolean => (e.kind === 'F' && e.fence === 'rcu-lock') || e.srcu === 'lock';

/** The grace period and the read-side section an rcu-fence edge pairs: `synchronize_rcu() P0:12 vs rcu_read_lock() P1:20`. */
function rcuConstruct(L: Layout, a: number, b: number): string {
  const ta = L.events[a]!.thread, tb = L.events[b]!.thread;
  const gps = L.events.filter((x) => x.thread >= 0 && isGp(x.ev));
  const gp = gps.find((x) => x.thread === ta) ?? gps.find((x) => x.thread === tb) ?? gps[0];
  const rscs = L.events.filter((x) => x.thread >= 0 && x.thread !== gp?.thread && isRscsStart(x.ev));
  const cs = rscs.find((x) => x.thread === tb || x.thread === ta) ?? rscs[0];
  const parts = [gp ? `grace period ${at(gp)}` : '', cs ? `read-side section ${at(cs)}` : ''].filter(Boolean);
  return parts.length ? parts.join(' vs ') : 'RCU';
}

/** An unlock followed (in program order or by reads-from) by a lock: `spin_unlock() P0:9 + spin_lock() P1:14`. */
function lockConstruct(L: Layout, a: number, b: number): string | undefined {
  const ta = L.events[a]!.thread;
  const ul = between(L, a, b).find((x) => x.ev.kind === 'UL') ?? L.events.find((x) => x.thread === ta && x.ev.kind === 'UL' && L.stat.po.has(a, x.id));
  const lk = between(L, a, b).find((x) => x.ev.kind === 'LKR' || x.ev.kind === 'LKW') ??
    L.events.find((x) => x.ev.kind === 'LKR' && (x.id === b || L.stat.po.has(x.id, b)));
  if (!ul && !lk) return undefined;
  return [ul ? at(ul) : '', lk ? at(lk) : ''].filter(Boolean).join(' + ');
}

/** Names an edge of a violated relation by the most basic relation containing it, and its construct. */
export function edgeLabel(a: number, b: number, L: Layout, rels: Map<string, Rel>, coherenceOnly = false, names: readonly string[] = []): Label {
  const s = L.stat;
  // Program order on one location: what coherence orders (the construct is the location's coherence).
  const poLoc = (): Label => {
    const loc = names[L.events[a]!.ev.loc];
    return { ...named('po-loc'), ...(loc ? { construct: `po-loc, coherence of ${loc}` } : {}) };
  };
  if (coherenceOnly && s.po.has(a, b) && s.loc.has(a, b)) return poLoc();
  const rf = rels.get('rf')!, co = rels.get('co')!, fr = rels.get('fr')!;
  const ext = s.ext;
  if (rf.has(a, b)) return named(ext.has(a, b) ? 'rfe' : 'rfi');
  if (co.has(a, b)) return named(ext.has(a, b) ? 'coe' : 'coi');
  if (fr.has(a, b)) return named(ext.has(a, b) ? 'fre' : 'fri');
  // A fence event between the two (of the relation's kind) names the ordering primitive.
  for (const rel of ['mb', 'wmb', 'rmb']) {
    if (!rels.get(rel)?.has(a, b)) continue;
    const f = between(L, a, b).find(FENCE[rel]!);
    const name = f ? f.ev.origin : rel;
    return { relation: name, words: `is ordered by ${name}() before`, ...(f ? { construct: at(f) } : {}) };
  }
  const ea = L.events[a]!, eb = L.events[b]!;
  if (rels.get('acq-po')?.has(a, b)) return { relation: 'acq-po', words: `is an acquire (${ea.ev.origin}()), ordered before`, construct: `${at(ea)} acquire` };
  if (rels.get('po-rel')?.has(a, b)) return { relation: 'po-rel', words: `is ordered before the release (${eb.ev.origin}())`, construct: `${at(eb)} release` };
  if (rels.get('gp')?.has(a, b)) {
    const g = between(L, a, b).find((x) => isGp(x.ev));
    const name = g ? g.ev.origin : 'grace period';
    return { relation: 'gp', words: `is separated by a grace period (${name}()) from`, ...(g ? { construct: `grace period ${at(g)}` } : {}) };
  }
  if (rels.get('rcu-fence')?.has(a, b)) return { ...named('rcu-fence'), construct: rcuConstruct(L, a, b) };
  if (s.addr.has(a, b)) return { ...named('addr'), construct: `address dependency P${ea.thread}:${ea.ev.line}` };
  if (s.data.has(a, b)) return { ...named('data'), construct: `data dependency P${ea.thread}:${ea.ev.line}` };
  if (s.ctrl.has(a, b)) return { ...named('ctrl'), construct: `control dependency P${ea.thread}:${ea.ev.line}` };
  if (rels.get('ppo')?.has(a, b)) {
    const lock = lockConstruct(L, a, b);
    if (lock) return { relation: 'unlock-lock', words: 'is ordered by an unlock and a later lock before', construct: lock };
  }
  for (const rel of ['ppo', 'prop', 'hb', 'pb', 'rb']) if (rels.get(rel)?.has(a, b)) return named(rel);
  // Another model's own names (a cat model's `mfence`): the smallest named
  // relation holding the edge, when it says more than program order does.
  const own = smallestHolding(a, b, rels, s.po.has(a, b) ? s.po.count() : Infinity);
  if (own !== undefined) return named(own);
  if (s.po.has(a, b)) return s.loc.has(a, b) ? poLoc() : named('po');
  return { relation: 'rel', words: 'is related to' };
}

/** The name of the smallest relation in `rels` holding (a, b) with fewer than `below` pairs (ties: the first name). */
function smallestHolding(a: number, b: number, rels: Map<string, Rel>, below: number): string | undefined {
  let best: string | undefined, size = below;
  for (const [name, r] of rels) {
    if (name === 'po' || !r.has(a, b)) continue;
    const c = r.count();
    if (c < size || (c === size && best !== undefined && name < best)) [best, size] = [name, c];
  }
  return best;
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

export function cycleEdges(nodes: number[], L: Layout, rels: Map<string, Rel>, withPoLoc: boolean, names: readonly string[] = []): EdgeRef[] {
  const edges: EdgeRef[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const a = nodes[i]!, b = nodes[(i + 1) % nodes.length]!;
    const path = a !== b && isBasic(a, b, L, rels, withPoLoc) ? [a, b] : basicPath(a, b, L, rels, withPoLoc) ?? [a, b];
    for (let k = 0; k + 1 < path.length; k++) {
      const x = path[k]!, y = path[k + 1]!;
      const label = edgeLabel(x, y, L, rels, withPoLoc, names);
      const via = label.relation === 'fre' || label.relation === 'fri' ? sourceOnOtherThread(x, L, rels) : undefined;
      edges.push({ from: x, to: y, ...label, ...(via !== undefined ? { via } : {}) });
    }
  }
  return edges;
}

/** The write a read takes its value from, when it is another thread's (not the initial value). */
function sourceOnOtherThread(r: number, L: Layout, rels: Map<string, Rel>): number | undefined {
  const rf = rels.get('rf')!;
  const t = L.events[r]!.thread;
  for (let w = 0; w < L.n; w++) {
    if (rf.has(w, r)) return L.events[w]!.thread >= 0 && L.events[w]!.thread !== t ? w : undefined;
  }
  return undefined;
}

/** rmw & (fre ; coe): the read of an RMW, a write from another CPU it misses, and the RMW's write after it. */
export function atomicityPath(pair: number[], L: Layout, rels: Map<string, Rel>): EdgeRef[] {
  const [r, w] = pair as [number, number];
  const fr = rels.get('fr')!, co = rels.get('co')!, ext = L.stat.ext;
  for (let x = 0; x < L.n; x++) {
    if (fr.has(r, x) && ext.has(r, x) && co.has(x, w) && ext.has(x, w)) {
      return [
        { from: r, to: x, relation: 'fre', words: WORDS['fre']! },
        { from: x, to: w, relation: 'coe', words: WORDS['coe']! },
        { from: w, to: r, relation: 'rmw^-1', words: 'is the write of the same atomic RMW as', construct: `${at(L.events[r]!)} atomic RMW` },
      ];
    }
  }
  return [{ from: r, to: w, relation: 'rmw', words: WORDS['rmw']! }];
}

export function firstEdge(r: Rel): number[] {
  const pairs = r.toPairs();
  return pairs.length ? [pairs[0]![0], pairs[0]![1]] : [];
}

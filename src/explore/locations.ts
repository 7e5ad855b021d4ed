// Per-location choices of reads-from and coherence order. Coherence and
// atomicity only relate events of one location, so each location's candidate
// (rf, co) pairs are enumerated and filtered on their own before the explorer
// takes their product.
//
// Reads-from is chosen read by read; each choice adds ordering constraints on
// the coherence order (the CoWR, CoRW and CoRR shapes, and atomicity's "the
// RMW write immediately follows the write its read saw"), and a choice that
// makes the constraints cyclic is pruned at once. Coherence orders are then
// the linear extensions of the constraints. Every surviving pair is finally
// checked against the coherence and atomicity axioms themselves.
import { Rel } from '../relations/matrix.js';
import type { Layout } from './graph-build.js';
import { evalSym, isConst } from '../events/sym.js';
import { Governor, LimitStop } from '../limits/governor.js';

export interface LocChoice {
  /** rf pairs [write, read] for the reads of this location. */
  rf: Array<[number, number]>;
  /** Writes of this location in coherence order (initial write first). */
  co: number[];
  /** The write whose value the location holds at the end (finalStore). */
  final: number;
  /** Only with `all`: the choice breaks coherence or atomicity at this location. */
  incoherent?: true;
}

/**
 * The write whose value a location holds at the end: the coherence-last
 * store. Lock and unlock events are in coherence order but store no value
 * (herd7's final state takes only stores), so a lock word held at the end
 * holds what the last store or the initial value gave it.
 */
export function finalStore(L: Layout, co: readonly number[]): number {
  let i = co.length - 1;
  while (i > 0) {
    const k = L.events[co[i]!]!.ev.kind;
    if (k !== 'LKW' && k !== 'UL') break;
    i--;
  }
  return co[i]!;
}

/** Calls `visit` with each selection of the Cartesian product of option lists, one at a time (the array is reused). */
function eachOfProduct<T>(lists: readonly (readonly T[])[], gov: Governor, visit: (sel: readonly T[]) => void): void {
  if (lists.some((l) => l.length === 0)) return;
  const idx = new Array<number>(lists.length).fill(0);
  const sel = lists.map((l) => l[0]!);
  for (;;) {
    gov.tick();
    visit(sel);
    let k = lists.length - 1;
    while (k >= 0 && idx[k]! + 1 >= lists[k]!.length) {
      idx[k] = 0;
      sel[k] = lists[k]![0]!;
      k--;
    }
    if (k < 0) return;
    idx[k]!++;
    sel[k] = lists[k]![idx[k]!]!;
  }
}

/** A small DAG of "must be co-before" constraints over the writes of one location. */
class Order {
  /** before[i] = bit set (as a number[] of flags) of writes that must precede write i. */
  readonly before: boolean[][];
  /** next[i] = the write that must immediately follow write i, or -1. */
  readonly next: number[];
  readonly prev: number[];
  constructor(readonly k: number) {
    this.before = Array.from({ length: k }, () => new Array<boolean>(k).fill(false));
    this.next = new Array<number>(k).fill(-1);
    this.prev = new Array<number>(k).fill(-1);
  }
  clone(): Order {
    const o = new Order(this.k);
    for (let i = 0; i < this.k; i++) o.before[i] = [...this.before[i]!];
    o.next.splice(0, this.k, ...this.next);
    o.prev.splice(0, this.k, ...this.prev);
    return o;
  }
  /** a must come before b. Returns false if that contradicts the constraints. */
  edge(a: number, b: number): boolean {
    if (a === b) return false;
    if (this.reaches(b, a)) return false;
    this.before[b]![a] = true;
    return true;
  }
  /** b must immediately follow a. */
  immediate(a: number, b: number): boolean {
    if (this.next[a]! >= 0 && this.next[a] !== b) return false;
    if (this.prev[b]! >= 0 && this.prev[b] !== a) return false;
    if (!this.edge(a, b)) return false;
    this.next[a] = b;
    this.prev[b] = a;
    return true;
  }
  reaches(from: number, to: number): boolean {
    // Is there a chain from -> ... -> to (from must precede to)?
    const seen = new Array<boolean>(this.k).fill(false);
    const stack = [to];
    while (stack.length) {
      const x = stack.pop()!;
      if (x === from) return true;
      if (seen[x]) continue;
      seen[x] = true;
      const bx = this.before[x]!;
      for (let y = 0; y < this.k; y++) if (bx[y]) stack.push(y);
    }
    return false;
  }
  /**
   * Calls `visit` with every total order consistent with the constraints, one
   * at a time (the array is reused: copy what is kept). Each order is counted
   * on `gov`, which stops the enumeration at a limit.
   */
  extensions(gov: Governor, visit: (seq: readonly number[]) => void): void {
    const placed = new Array<boolean>(this.k).fill(false);
    const seq: number[] = [];
    const rec = (): void => {
      if (seq.length === this.k) {
        gov.tick();
        visit(seq);
        return;
      }
      const last = seq.length ? seq[seq.length - 1]! : -1;
      const forced = last >= 0 ? this.next[last]! : -1;
      for (let c = 0; c < this.k; c++) {
        if (placed[c]) continue;
        if (forced >= 0 && c !== forced) continue;
        if (this.prev[c]! >= 0 && this.prev[c] !== last) continue;
        let ready = true;
        const bc = this.before[c]!;
        for (let y = 0; y < this.k && ready; y++) if (bc[y] && !placed[y]) ready = false;
        if (!ready) continue;
        placed[c] = true;
        seq.push(c);
        rec();
        seq.pop();
        placed[c] = false;
      }
    };
    rec();
  }
}

/**
 * With `all` (explanations keep the incoherent candidates too) a location's
 * candidates are not pruned, and a word written and read by many threads has
 * billions: past this many the search stops with a limit (kind `choices`).
 */
export const MAX_ALL_CHOICES = 200_000;

export interface ChoiceOptions {
  /** Checked as candidates are enumerated (default: no limits but the default memory budget). */
  gov?: Governor;
  /**
   * Keep the incoherent candidates too (explanations): reads-from is not
   * pruned. The same thread's writes stay in program order (CoWW), so n
   * writes of one thread give one order, not n!.
   */
  all?: boolean;
  /**
   * With `all`: one thread's writes in any coherence order too, not only in
   * program order (the CoWW violations, for explanations of a test such as
   * CoWW whose outcome needs them).
   */
  anyOrder?: boolean;
  /**
   * Keep only atomic choices too (default): an RMW's write immediately
   * after the write its read reads from. False for a model that does not
   * require atomicity (herd7 itself prunes only coherence violations).
   */
  atomic?: boolean;
  /**
   * Asked about each candidate in enumeration order before it is checked or
   * built; only those it accepts are kept (ExploreOptions.shard deals them
   * this way).
   */
  take?: () => boolean;
  /**
   * Stop (LimitStop `max-executions`) past this many choices: the candidate
   * executions, products of the locations' choices, pass the same bound
   * (unless another location has no choice at all, when the search is cut
   * short with a limit it might have finished without).
   */
  maxChoices?: number;
}

/**
 * Every (rf, co) choice for location `l` that satisfies coherence and
 * atomicity restricted to that location (with `all`, every candidate).
 * Returns [] when there is none. Candidates are generated one at a time and
 * counted on the governor, which stops the enumeration at the deadline or
 * the memory budget (LimitStop).
 */
export function locationChoices(L: Layout, l: number, opts: ChoiceOptions = {}): LocChoice[] {
  const gov = opts.gov ?? new Governor();
  const all = opts.all === true, take = opts.take, maxChoices = opts.maxChoices ?? Infinity;
  const atomic = opts.atomic !== false;
  const ids = L.byLoc[l]!;
  const ev = (i: number) => L.events[i]!;
  const po = L.stat.po;
  const writes: number[] = [];
  const reads: number[] = [];
  const lkw: number[] = [], ul: number[] = [], lockReads: number[] = [];
  let iw = -1;
  for (const i of ids) {
    const k = ev(i).ev.kind;
    if (ev(i).thread < 0) iw = i;
    else if (k === 'W') writes.push(i);
    else if (k === 'R') reads.push(i);
    else if (k === 'LKW') lkw.push(i);
    else if (k === 'UL') ul.push(i);
    else if (k === 'LKR' || k === 'LF' || k === 'RL' || k === 'RU') lockReads.push(i);
  }
  // Critical sections: each LKW with its next UL of the same thread (if any).
  const blocks: Array<[number, number]> = [];
  const unmatched: number[] = [];
  for (const k of lkw) {
    const u = ul.find((x) => ev(x).thread === ev(k).thread && po.has(k, x) &&
      !ids.some((y) => (ev(y).ev.kind === 'LKW' || ev(y).ev.kind === 'UL') && po.has(k, y) && po.has(y, x)));
    if (u === undefined) unmatched.push(k);
    else blocks.push([k, u]);
  }
  if (unmatched.length > 1) return [];
  const matchedUl = new Set(blocks.map((b) => b[1]));
  // The co universe: IW, ordinary writes, LKWs and their matched ULs.
  const universe = [iw, ...writes, ...lkw, ...ul.filter((u) => matchedUl.has(u))];
  const ix = new Map(universe.map((w, i) => [w, i] as const));
  const base = new Order(universe.length);
  for (let i = 1; i < universe.length; i++) base.edge(0, i);
  // Writes of one thread follow program order (CoWW): each after the one
  // before it (the rest follows by transitivity; all pairs would cost k^4).
  const byThread = new Map<number, number[]>();
  for (const w of universe) {
    const t = ev(w).thread;
    if (t < 0) continue;
    const list = byThread.get(t);
    if (list) list.push(w);
    else byThread.set(t, [w]);
  }
  for (const ws of all && opts.anyOrder ? [] : byThread.values()) {
    ws.sort((a, b) => (po.has(a, b) ? -1 : po.has(b, a) ? 1 : a - b));
    for (let i = 1; i < ws.length; i++) {
      gov.tick();
      if (po.has(ws[i - 1]!, ws[i]!) && !base.edge(ix.get(ws[i - 1]!)!, ix.get(ws[i]!)!)) return [];
    }
  }
  for (const [k, u] of blocks) if (!base.immediate(ix.get(k)!, ix.get(u)!)) return [];
  for (const u of unmatched) for (const w of universe) if (w !== u && !base.edge(ix.get(w)!, ix.get(u)!)) return [];

  const writeSet = [iw, ...writes];
  const out: LocChoice[] = [];
  const chosen: Array<[number, number]> = [];
  const assign = (ri: number, order: Order): void => {
    gov.tick();
    if (ri === reads.length) {
      order.extensions(gov, (ext) => finish(ext, chosen));
      return;
    }
    if (all) {
      // Explanations want the incoherent candidates too: every source, no
      // pruning, but a source contradicting the path's constraints belongs to another path.
      const checks = L.readChecks.get(reads[ri]!);
      for (const w of writeSet) {
        const wv = ev(w).ev.value;
        if (checks && isConst(wv) && checks.some((c) => (evalSym(c.value, () => wv) !== 0) !== c.truthy)) continue;
        chosen.push([w, reads[ri]!]);
        assign(ri + 1, order);
        chosen.pop();
      }
      return;
    }
    const r = reads[ri]!;
    const rmwW = ev(r).ev.rmwWrite >= 0 ? L.base[ev(r).thread]! + ev(r).ev.rmwWrite : -1;
    const checks = L.readChecks.get(r);
    for (const w of writeSet) {
      if (po.has(r, w) || w === rmwW) continue; // CoRW: a read cannot see a po-later write
      // A write of a known constant that contradicts the read's path constraints cannot be its source.
      const wv = ev(w).ev.value;
      if (checks && isConst(wv) && checks.some((c) => (evalSym(c.value, () => wv) !== 0) !== c.truthy)) continue;
      const o = order.clone();
      const wi = ix.get(w)!;
      let ok = true;
      for (const w2 of universe) {
        if (!ok) break;
        if (w2 === w) continue;
        if (po.has(w2, r) && ev(w2).thread === ev(r).thread) ok = o.edge(ix.get(w2)!, wi); // CoWR
        else if (po.has(r, w2)) ok = o.edge(wi, ix.get(w2)!); // CoRW
      }
      for (const [w1, r1] of chosen) {
        if (!ok) break;
        if (w1 === w) continue;
        if (po.has(r1, r)) ok = o.edge(ix.get(w1)!, wi); // CoRR
        else if (po.has(r, r1)) ok = o.edge(wi, ix.get(w1)!);
      }
      if (ok && atomic && rmwW >= 0) ok = o.immediate(wi, ix.get(rmwW)!);
      if (!ok) continue;
      chosen.push([w, r]);
      assign(ri + 1, o);
      chosen.pop();
    }
  };

  const finish = (ext: readonly number[], rfReads: ReadonlyArray<[number, number]>): void => {
    const co = ext.map((i) => universe[i]!);
    const final = finalStore(L, co);
    const pos = new Map(co.map((w, i) => [w, i] as const));
    // Lock-read options depend on co. Each option is a list of rf pairs.
    const lockOpts: Array<Array<Array<[number, number]>>> = [];
    for (const r of lockReads) {
      const e = ev(r), k = e.ev.kind;
      if (k === 'LKR') {
        // Reads from the immediate co-predecessor of its LKW, if that is IW or UL.
        const w = co[pos.get(r + 1)! - 1];
        const ok = w !== undefined && (w === iw || ev(w).ev.kind === 'UL');
        lockOpts.push([ok ? [[w!, r]] : []]);
      } else if (k === 'LF' || k === 'RL') {
        const own = lkw.filter((w) => ev(w).thread === e.thread && po.has(w, r) &&
          !ul.some((u) => ev(u).thread === e.thread && po.has(w, u) && po.has(u, r)));
        if (own.length > 0) {
          lockOpts.push([own.map((w) => [w, r] as [number, number])]);
        } else {
          const opts = lkw.filter((w) => ev(w).thread !== e.thread).map((w) => [[w, r]] as Array<[number, number]>);
          if (opts.length === 0) return;
          lockOpts.push(opts);
        }
      } else {
        // RU (lock.cat's possible-rf-ru): its own last po-previous unlock (no other unlock
        // of this thread between them), or any other thread's unlock, or the initial write.
        const opts: Array<Array<[number, number]>> = [];
        for (const u of ul) {
          if (ev(u).thread !== e.thread) continue;
          if (po.has(u, r) && !ul.some((u2) => u2 !== u && ev(u2).thread === e.thread && po.has(u, u2) && po.has(u2, r))) opts.push([[u, r]]);
        }
        opts.push([[iw, r]]);
        for (const u of ul) if (ev(u).thread !== e.thread) opts.push([[u, r]]);
        lockOpts.push(opts);
      }
    }
    eachOfProduct(lockOpts, gov, (sel) => {
      if (take && !take()) return;
      const rf = [...rfReads, ...sel.flat()];
      if (all && out.length >= MAX_ALL_CHOICES) throw new LimitStop('choices', MAX_ALL_CHOICES, `a location has more than ${MAX_ALL_CHOICES} candidate choices`);
      if (out.length >= maxChoices) throw new LimitStop('max-executions', maxChoices, `stopped after ${maxChoices} candidate choices of a location`);
      if (coherent(L, l, rf, co, atomic)) out.push({ rf, co, final });
      else if (all) out.push({ rf, co, final, incoherent: true });
    });
  };

  assign(0, base);
  return out;
}

/** Scratch relations for coherent(), one set per size (it runs once per candidate choice of a location). */
const scratch = new Map<number, Rel[]>();

/** Per layout, per location: po between that location's events (the same for every candidate choice). */
const polocs = new WeakMap<Layout, Array<Rel | undefined>>();

function polocOf(L: Layout, l: number): Rel {
  let perLoc = polocs.get(L);
  if (!perLoc) polocs.set(L, (perLoc = []));
  let r = perLoc[l];
  if (!r) {
    r = new Rel(L.n);
    const ids = L.byLoc[l]!, po = L.stat.po;
    for (let x = 0; x < ids.length; x++) for (let y = 0; y < ids.length; y++) if (po.has(ids[x]!, ids[y]!)) r.add(ids[x]!, ids[y]!);
    perLoc[l] = r;
  }
  return r;
}

function coherent(L: Layout, l: number, rfPairs: Array<[number, number]>, co: number[], atomic: boolean): boolean {
  const n = L.n;
  let rels = scratch.get(n);
  if (!rels) scratch.set(n, (rels = Array.from({ length: 5 }, () => new Rel(n))));
  const [g, rf, coRel, fr, tmp] = rels as [Rel, Rel, Rel, Rel, Rel];
  g.copyFrom(polocOf(L, l));
  rf.clear();
  for (let k = 0; k < rfPairs.length; k++) rf.add(rfPairs[k]![0], rfPairs[k]![1]);
  coRel.clear();
  for (let i = 0; i < co.length; i++) for (let j = i + 1; j < co.length; j++) coRel.add(co[i]!, co[j]!);
  fr.composeInverseInto(rf, coRel);
  g.unionWith(rf).unionWith(coRel).unionWith(fr);
  if (!g.isAcyclic()) return false;
  if (!atomic) return true;
  // atomic: rmw & (fre ; coe) is empty.
  const ext = L.stat.ext;
  const fre = fr.intersectWith(ext);
  const coe = coRel.intersectWith(ext);
  return tmp.composeInto(fre, coe).intersectWith(L.stat.rmw).isEmpty();
}

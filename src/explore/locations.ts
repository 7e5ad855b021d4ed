// Per-location choices of reads-from and coherence order. Coherence and
// atomicity only relate events of one location, so each location's candidate
// (rf, co) pairs are enumerated and filtered on their own before the explorer
// takes their product.
import { Rel } from '../relations/matrix.js';
import type { Layout } from './graph-build.js';

export interface LocChoice {
  /** rf pairs [write, read] for the reads of this location. */
  rf: Array<[number, number]>;
  /** Writes of this location in coherence order (initial write first). */
  co: number[];
}

function permutations<T>(items: T[], fixedLast: T[] = []): T[][] {
  const out: T[][] = [];
  const rec = (rest: T[], acc: T[]): void => {
    if (rest.length === 0) {
      out.push([...acc, ...fixedLast]);
      return;
    }
    for (let i = 0; i < rest.length; i++) {
      acc.push(rest[i]!);
      rec([...rest.slice(0, i), ...rest.slice(i + 1)], acc);
      acc.pop();
    }
  };
  rec(items, []);
  return out;
}

/** Cartesian product of option lists. */
function product<T>(lists: T[][]): T[][] {
  let acc: T[][] = [[]];
  for (const l of lists) {
    const next: T[][] = [];
    for (const a of acc) for (const x of l) next.push([...a, x]);
    acc = next;
  }
  return acc;
}

/**
 * Every (rf, co) choice for location `l` that satisfies coherence and
 * atomicity restricted to that location. Returns [] when there is none.
 */
export function locationChoices(L: Layout, l: number): LocChoice[] {
  const ids = L.byLoc[l]!;
  const ev = (i: number) => L.events[i]!;
  const iw = ids.find((i) => ev(i).thread < 0)!;
  const plainWrites: number[] = [];
  const reads: number[] = [];
  const lkw: number[] = [], ul: number[] = [], lockReads: number[] = [];
  for (const i of ids) {
    const k = ev(i).ev.kind;
    if (i === iw) continue;
    if (k === 'W') plainWrites.push(i);
    else if (k === 'R') reads.push(i);
    else if (k === 'LKW') lkw.push(i);
    else if (k === 'UL') ul.push(i);
    else if (k === 'LKR' || k === 'LF' || k === 'RL' || k === 'RU') lockReads.push(i);
  }
  const writesAll = [iw, ...plainWrites];
  // rf options of ordinary reads: writes of the same value.
  const readOpts: Array<Array<[number, number]>> = reads.map((r) =>
    writesAll.filter((w) => ev(w).ev.value === ev(r).ev.value).map((w) => [w, r] as [number, number]));
  if (readOpts.some((o) => o.length === 0)) return [];

  // Coherence orders.
  let coOrders: number[][];
  const po = L.stat.po;
  if (lkw.length === 0 && ul.length === 0) {
    coOrders = permutations(plainWrites).map((p) => [iw, ...p]);
  } else {
    // Critical sections: each LKW with its next UL of the same thread (if any).
    const blocks: number[][] = [];
    const unmatched: number[][] = [];
    for (const k of lkw) {
      const u = ul.find((x) => ev(x).thread === ev(k).thread && po.has(k, x) &&
        !ids.some((y) => (ev(y).ev.kind === 'LKW' || ev(y).ev.kind === 'UL') && po.has(k, y) && po.has(y, x)));
      if (u === undefined) unmatched.push([k]);
      else blocks.push([k, u]);
    }
    if (unmatched.length > 1) return [];
    const singles = plainWrites.map((w) => [w]);
    coOrders = permutations([...blocks, ...singles], unmatched).map((p) => [iw, ...p.flat()]);
  }

  const out: LocChoice[] = [];
  for (const co of coOrders) {
    const pos = new Map(co.map((w, i) => [w, i] as const));
    // Lock-read options depend on co. Each option is a list of rf pairs.
    const lockOpts: Array<Array<Array<[number, number]>>> = [];
    let dead = false;
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
          if (opts.length === 0) dead = true;
          lockOpts.push(opts);
        }
      } else {
        // RU: its own last unlock (with no lock after it), plus one external unlock or initial write.
        const own = ul.filter((u) => ev(u).thread === e.thread && po.has(u, r) &&
          !lkw.some((w) => ev(w).thread === e.thread && po.has(u, w) && po.has(w, r)))
          .map((u) => [u, r] as [number, number]);
        const ext = [iw, ...ul.filter((u) => ev(u).thread !== e.thread)];
        lockOpts.push(ext.map((w) => [[w, r] as [number, number], ...own]));
      }
    }
    if (dead) continue;
    const lists: Array<Array<Array<[number, number]>>> = [...readOpts.map((o) => o.map((p) => [p])), ...lockOpts];
    for (const sel of product(lists)) {
      const rf = sel.flat();
      if (coherent(L, l, rf, co)) out.push({ rf, co });
    }
  }
  return out;
}

function coherent(L: Layout, l: number, rfPairs: Array<[number, number]>, co: number[]): boolean {
  const n = L.n;
  const ids = L.byLoc[l]!;
  const g = new Rel(n);
  const po = L.stat.po;
  for (const a of ids) for (const b of ids) if (po.has(a, b)) g.add(a, b);
  const rf = new Rel(n);
  for (const [w, r] of rfPairs) rf.add(w, r);
  const coRel = new Rel(n);
  for (let i = 0; i < co.length; i++) for (let j = i + 1; j < co.length; j++) coRel.add(co[i]!, co[j]!);
  const fr = new Rel(n).composeInto(new Rel(n).inverseInto(rf), coRel);
  g.unionWith(rf).unionWith(coRel).unionWith(fr);
  if (!g.isAcyclic()) return false;
  // atomic: rmw & (fre ; coe) is empty.
  const ext = L.stat.ext;
  const fre = fr.clone().intersectWith(ext);
  const coe = coRel.clone().intersectWith(ext);
  const bad = new Rel(n).composeInto(fre, coe).intersectWith(L.stat.rmw);
  return bad.isEmpty();
}

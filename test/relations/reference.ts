// Naive reference implementations (boolean n x n arrays and boolean[] sets)
// plus a seeded PRNG and random generators, for property tests of the
// bit-matrix relation core. Deliberately simple and independent of the
// word-level code: every operation follows its set-theoretic definition.

import { BitSet } from '../../src/relations/bitset.js';
import { Rel } from '../../src/relations/matrix.js';

export type M = boolean[][];
export type S = boolean[];

/** mulberry32, the scripts' seeded PRNG (floats in [0,1)), shared with them. */
export { prng } from '../../scripts/prng.mjs';

/** Sizes crossing the 32-bit word boundaries, plus small and odd ones. */
export const SIZES = [1, 2, 3, 5, 17, 31, 32, 33, 47, 63, 64, 65, 70];
/** Edge densities used for random relations (0 and 1 are the extremes). */
export const DENSITIES = [0, 0.01, 0.04, 0.1, 0.3, 0.7, 1];

export const emptyM = (n: number): M => Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
export const emptyS = (n: number): S => new Array<boolean>(n).fill(false);

export function randM(rnd: () => number, n: number, p: number): M {
  const m = emptyM(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i]![j] = rnd() < p;
  return m;
}

export function randS(rnd: () => number, n: number, p: number): S {
  return Array.from({ length: n }, () => rnd() < p);
}

/** A random permutation of 0..n-1. */
export function perm(rnd: () => number, n: number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const k = Math.floor(rnd() * (i + 1));
    [a[i], a[k]] = [a[k]!, a[i]!];
  }
  return a;
}

/** A random DAG: edges only go forward along a random permutation. */
export function randDag(rnd: () => number, n: number, p: number): M {
  const m = emptyM(n), order = perm(rnd, n);
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (rnd() < p) m[order[a]!]![order[b]!] = true;
  return m;
}

export function toRel(m: M): Rel {
  const r = new Rel(m.length);
  m.forEach((row, i) => row.forEach((x, j) => { if (x) r.add(i, j); }));
  return r;
}

export function fromRel(r: Rel): M {
  const m = emptyM(r.n);
  for (let i = 0; i < r.n; i++) for (let j = 0; j < r.n; j++) m[i]![j] = r.has(i, j);
  return m;
}

export function toSet(s: S): BitSet {
  const b = new BitSet(s.length);
  s.forEach((x, i) => { if (x) b.add(i); });
  return b;
}

export function fromSet(b: BitSet): S {
  return Array.from({ length: b.n }, (_, i) => b.has(i));
}

export const cloneM = (m: M): M => m.map((row) => row.slice());
const mapM = (n: number, f: (i: number, j: number) => boolean): M =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => f(i, j)));

export const unionM = (a: M, b: M) => mapM(a.length, (i, j) => a[i]![j]! || b[i]![j]!);
export const interM = (a: M, b: M) => mapM(a.length, (i, j) => a[i]![j]! && b[i]![j]!);
export const minusM = (a: M, b: M) => mapM(a.length, (i, j) => a[i]![j]! && !b[i]![j]!);
export const complM = (a: M) => mapM(a.length, (i, j) => !a[i]![j]!);
export const inverseM = (a: M) => mapM(a.length, (i, j) => a[j]![i]!);
export const idOnM = (s: S) => mapM(s.length, (i, j) => i === j && s[i]!);
export const cartM = (s: S, t: S) => mapM(s.length, (i, j) => s[i]! && t[j]!);
export const reflM = (a: M) => mapM(a.length, (i, j) => a[i]![j]! || i === j);
export const restrictM = (a: M, s: S | null, t: S | null) =>
  mapM(a.length, (i, j) => a[i]![j]! && (s === null || s[i]!) && (t === null || t[j]!));

export function composeM(a: M, b: M): M {
  const n = a.length;
  return mapM(n, (i, j) => {
    for (let k = 0; k < n; k++) if (a[i]![k] && b[k]![j]) return true;
    return false;
  });
}

/** r+ by breadth-first reachability from each node (paths of length >= 1). */
export function closureM(a: M): M {
  const n = a.length, out = emptyM(n);
  for (let s = 0; s < n; s++) {
    const queue: number[] = [];
    for (let j = 0; j < n; j++) if (a[s]![j]) { out[s]![j] = true; queue.push(j); }
    while (queue.length > 0) {
      const u = queue.shift()!;
      for (let j = 0; j < n; j++) if (a[u]![j] && !out[s]![j]) { out[s]![j] = true; queue.push(j); }
    }
  }
  return out;
}

export const domainS = (a: M): S => a.map((row) => row.some((x) => x));
export const rangeS = (a: M): S => a.map((_, j) => a.some((row) => row[j]));
export const countM = (a: M) => a.reduce((c, row) => c + row.filter((x) => x).length, 0);

/** Acyclicity by Kahn's algorithm on in-degrees (independent of the DFS under test). */
export function acyclicM(a: M): boolean {
  const n = a.length, indeg = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (a[i]![j]) indeg[j]!++;
  const ready: number[] = [];
  indeg.forEach((d, i) => { if (d === 0) ready.push(i); });
  let removed = 0;
  while (ready.length > 0) {
    const u = ready.pop()!;
    removed++;
    for (let j = 0; j < n; j++) if (a[u]![j] && --indeg[j]! === 0) ready.push(j);
  }
  return removed === n;
}

/** Length of a shortest cycle (1 for a self-loop), or 0 when acyclic. BFS from each node. */
export function girthM(a: M): number {
  const n = a.length;
  let best = 0;
  for (let s = 0; s < n; s++) {
    const dist = new Array<number>(n).fill(-1);
    const queue = [s];
    dist[s] = 0;
    while (queue.length > 0) {
      const u = queue.shift()!;
      if (a[u]![s]) { const len = dist[u]! + 1; if (best === 0 || len < best) best = len; break; }
      for (let j = 0; j < n; j++) if (a[u]![j] && dist[j] === -1) { dist[j] = dist[u]! + 1; queue.push(j); }
    }
  }
  return best;
}

/** Whether `cyc` is a simple cycle of `a`: non-empty, distinct nodes, consecutive edges and closing edge. */
export function isSimpleCycle(a: M, cyc: number[]): boolean {
  if (cyc.length === 0 || new Set(cyc).size !== cyc.length) return false;
  return cyc.every((v, k) => a[v]?.[cyc[(k + 1) % cyc.length]!] === true);
}

/**
 * The smallest s such that a cycle of length `len` runs through s and nodes > s only
 * (findCycle's documented tie-break), or -1.
 */
export function cycleMinNodeM(a: M, len: number): number {
  const n = a.length;
  for (let s = 0; s < n; s++) {
    let frontier = new Set([s]);
    for (let step = 1; step <= len; step++) {
      const next = new Set<number>();
      for (const u of frontier) for (let j = s; j < n; j++) if (a[u]![j]) next.add(j);
      if (step === len && next.has(s)) return s;
      frontier = next;
    }
  }
  return -1;
}

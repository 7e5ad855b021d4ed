#!/usr/bin/env node
// Micro-benchmark of the relation core: transitiveClosure and isAcyclic at
// n = 32, 64, 128. Run after building:  npx tsc -p tsconfig.json && node scripts/bench-relations.mjs [iters]
//
// Every timed iteration first restores the input with copyFrom (closure is in
// place); the copy alone is timed too and reported so it can be subtracted.
// Alternatives are timed for comparison: Warshall closure, and acyclicity as
// "closure + irreflexive".
import { Rel } from '../dist/relations/matrix.js';
import { warshall } from '../dist/relations/graph.js';

const ITERS = Number(process.argv[2] ?? 100_000);

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Shapes resembling LKMM relations of a 4-thread test with n events:
 * - "hb-like": per-thread program order (a strict total order per thread, as po
 *   is in cat) plus ~n cross-thread edges going forward in a global order: acyclic.
 * - "hb-cyclic": the same plus one edge closing a long cycle.
 * - "sparse": a random DAG with about 2 successors per node.
 * A "/shuffled" suffix relabels events randomly: ids no longer follow po,
 * which defeats isAcyclic's peeling pre-pass and the closure's skip order.
 */
function shape(kind, n, rnd) {
  if (kind.endsWith('/shuffled')) {
    const base = shape(kind.slice(0, -'/shuffled'.length), n, rnd);
    const p = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) { const k = Math.floor(rnd() * (i + 1)); [p[i], p[k]] = [p[k], p[i]]; }
    const r = new Rel(n);
    base.forEachEdge((i, j) => r.add(p[i], p[j]));
    return r;
  }
  const r = new Rel(n);
  if (kind === 'sparse') {
    for (let e = 0; e < 2 * n; e++) {
      const i = Math.floor(rnd() * n), j = Math.floor(rnd() * n);
      if (i < j) r.add(i, j); else if (j < i) r.add(j, i);
    }
    return r;
  }
  const T = 4, per = Math.ceil(n / T);
  // event e = thread t, position p -> id t*per+p; global "time" of e = p*T+t
  const id = (t, p) => t * per + p;
  for (let t = 0; t < T; t++) for (let p = 0; p < per && id(t, p) < n; p++) {
    for (let q = p + 1; q < per && id(t, q) < n; q++) r.add(id(t, p), id(t, q));
  }
  for (let e = 0; e < n; e++) {
    const t1 = Math.floor(rnd() * T), t2 = (t1 + 1 + Math.floor(rnd() * (T - 1))) % T;
    const p1 = Math.floor(rnd() * per), p2 = Math.floor(rnd() * per);
    const a = id(t1, p1), b = id(t2, p2);
    if (a >= n || b >= n) continue;
    if (p1 * T + t1 < p2 * T + t2) r.add(a, b); else r.add(b, a);
  }
  if (kind === 'hb-cyclic') r.add(id(T - 1, Math.min(per - 1, Math.floor((n - 1 - (T - 1) * per)))), id(0, 0));
  return r;
}

function time(label, iters, fn) {
  for (let k = 0; k < Math.min(iters, 2000); k++) fn(); // warm-up
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < iters; k++) fn();
  const ns = Number(process.hrtime.bigint() - t0) / iters;
  return { label, ns };
}

const rows = [];
let sink = 0;
for (const n of [32, 64, 128]) {
  for (const kind of ['hb-like', 'hb-like/shuffled', 'hb-cyclic/shuffled', 'sparse/shuffled']) {
    const src = shape(kind, n, prng(n * 31 + kind.length));
    const work = new Rel(n);
    const acyclic = src.isAcyclic();
    const res = [
      time('copy only', ITERS, () => { work.copyFrom(src); }),
      time('transitiveClosure (SCC)', ITERS, () => { work.copyFrom(src).transitiveClosure(); }),
      time('closure (Warshall)', ITERS, () => { work.copyFrom(src); warshall(n, work.words, work.data); }),
      time('isAcyclic (DFS)', ITERS, () => { sink += src.isAcyclic() ? 1 : 0; }),
      time('acyclic = closure+irrefl', ITERS, () => { sink += work.copyFrom(src).transitiveClosure().isIrreflexive() ? 1 : 0; }),
    ];
    for (const r of res) rows.push({ n, shape: `${kind} (${src.count()} edges, ${acyclic ? 'acyclic' : 'cyclic'})`, op: r.label, 'ns/op': r.ns.toFixed(0) });
  }
}
console.log(`node ${process.version}, ${ITERS} iterations per cell (checksum ${sink})`);
console.table(rows);

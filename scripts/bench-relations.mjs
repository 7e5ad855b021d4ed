#!/usr/bin/env node
// Micro-benchmark of the relation core: transitiveClosure and isAcyclic at
// n = 32, 64, 128. Run after building:  npx tsc -p tsconfig.json && node scripts/bench-relations.mjs [iters]
//
// Every timed closure iteration first restores the input with copyFrom (closure
// is in place); the copy alone is timed too so it can be subtracted.
// Times are CPU time of this process (process.cpuUsage), so other load on the
// machine inflates them less than wall-clock time would; each cell is the best
// of 3 runs of ITERS iterations (ITERS/10 for the slower comparison columns:
// Tarjan-only closure, Warshall closure, acyclicity as closure + irreflexive).
import { Rel } from '../dist/relations/matrix.js';
import { tarjanClose, warshall } from '../dist/relations/row-graph.js';
import { prng } from './prng.mjs';

const ITERS = Number(process.argv[2] ?? 100_000);

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

function cpuMicros() {
  const u = process.cpuUsage();
  return u.user + u.system;
}

/** Best-of-3 CPU ns per call of fn over `iters` calls, after a warm-up. */
function time(iters, fn) {
  for (let k = 0; k < Math.min(iters, 5000); k++) fn();
  let best = Infinity;
  for (let rep = 0; rep < 3; rep++) {
    const t0 = cpuMicros();
    for (let k = 0; k < iters; k++) fn();
    best = Math.min(best, ((cpuMicros() - t0) * 1000) / iters);
  }
  return Math.round(best);
}

const rows = [];
let sink = 0;
const t0 = Date.now();
for (const n of [32, 64, 128]) {
  for (const kind of ['hb-like', 'hb-like/shuffled', 'hb-cyclic/shuffled', 'sparse/shuffled']) {
    const src = shape(kind, n, prng(n * 31 + kind.length));
    const work = new Rel(n), w = work.words, few = Math.max(1, Math.round(ITERS / 10));
    rows.push({
      n,
      shape: kind,
      edges: src.count(),
      acyclic: src.isAcyclic(),
      copyFrom: time(ITERS, () => { work.copyFrom(src); }),
      'copy+transitiveClosure': time(ITERS, () => { work.copyFrom(src).transitiveClosure(); }),
      isAcyclic: time(ITERS, () => { sink += src.isAcyclic() ? 1 : 0; }),
      'composeInto(r,r)': time(ITERS, () => { work.composeInto(src, src); }),
      'copy+Tarjan only': time(few, () => { work.copyFrom(src); tarjanClose(n, w, work.data); }),
      'copy+Warshall': time(few, () => { work.copyFrom(src); warshall(n, w, work.data); }),
      'copy+closure+irreflexive': time(few, () => { sink += work.copyFrom(src).transitiveClosure().isIrreflexive() ? 1 : 0; }),
    });
  }
}
console.log(`node ${process.version}; CPU ns/op, best of 3 x ${ITERS} iterations (comparison columns: ${Math.round(ITERS / 10)}); ${((Date.now() - t0) / 1000).toFixed(0)} s wall (checksum ${sink})`);
console.table(rows);

// Graph algorithms over a row-major bit matrix: `d` holds n rows of `w` words,
// row i (words d[i*w .. i*w+w)) being the successor set of node i.
//
// These are the kernels behind Rel.transitiveClosure, Rel.isAcyclic and
// Rel.findCycle. The first two use module scratch (bits.ts: scratchB and
// scratchI) and never allocate after warm-up; findCycle is for explanations
// and allocates a few small arrays.

import { lastWordMask, lowBit, scratchB, scratchI } from './bits.js';
import { closeDagMid, isAcyclicMid } from './medium.js';
import { closeTransitive32, isAcyclic32 } from './small.js';

/**
 * Transitive closure in place (cat `r+`), Warshall over rows:
 * for each k, every row i containing k gets row k OR-ed in.
 * O(n^2 + n * |{i : i->k}| * w). Kept as the simple reference algorithm and
 * for comparison in the benchmark; `closeTransitive` is the default.
 */
export function warshall(n: number, w: number, d: Uint32Array): void {
  for (let k = 0; k < n; k++) {
    const kw = k >>> 5, kb = 1 << (k & 31), ko = k * w;
    if (w === 1) {
      const rk = d[k];
      if (rk === 0) continue;
      for (let i = 0; i < n; i++) if ((d[i] & kb) !== 0) d[i] |= rk;
      continue;
    }
    for (let i = 0, io = 0; i < n; i++, io += w) {
      if ((d[io + kw] & kb) !== 0) {
        for (let c = 0; c < w; c++) d[io + c] |= d[ko + c];
      }
    }
  }
}

/**
 * Transitive closure in place (cat `r+`): DAG-first, then Tarjan.
 * Relations that get closed are usually acyclic, and the DAG pass is about
 * twice as fast as Tarjan there; on the first back edge it gives up and
 * Tarjan closes the (partly closed, same-closure) matrix. n <= 32 and
 * n <= 128 go to the local-variable kernels of small.ts and medium.ts.
 */
export function closeTransitive(n: number, w: number, d: Uint32Array): void {
  if (n === 0) return;
  if (w === 1) return closeTransitive32(n, d);
  if (!(w <= 4 ? closeDagMid(n, w, d) : closeDag(n, w, d))) tarjanClose(n, w, d);
}

/**
 * DAG closure: DFS as in isAcyclicRows; when a node u ends, all its
 * successors are finished and closed, so
 *   closed(u) = row(u) U U_{v in row(u)} closed(v),
 * skipping a successor already inside the accumulated part (then its closed
 * row is already included). Returns false at the first back edge; rows closed
 * so far stay closed, which does not change the closure of the whole.
 * Scratch: scratchB(3w), scratchI(2n).
 */
export function closeDag(n: number, w: number, d: Uint32Array): boolean {
  const B = scratchB(3 * w); // [0,w): visited; [w,2w): on the DFS stack; [2w,3w): accumulator
  const S = scratchI(2 * n); // [0,n): node stack; [n,2n): word cursor
  const ACC = 2 * w, last = lastWordMask(n);
  for (let c = 0; c < 2 * w; c++) B[c] = 0;
  for (let rw = 0; rw < w; rw++) {
    for (;;) {
      const free = ~B[rw] & (rw === w - 1 ? last : 0xffffffff);
      if (free === 0) break;
      let v = (rw << 5) | lowBit(free), sp = 0;
      for (;;) {
        if (v !== -1) {
          const vw = v >>> 5, vb = 1 << (v & 31), vo = v * w;
          B[vw] |= vb;
          B[w + vw] |= vb;
          for (let c = 0; c < w; c++) if ((d[vo + c] & B[w + c]) !== 0) return false;
          S[sp] = v; S[n + sp] = 0; sp++;
        }
        const f = sp - 1, u = S[f], uo = u * w;
        let c = S[n + f];
        v = -1;
        while (c < w) {
          const x = d[uo + c] & ~B[c];
          if (x !== 0) { v = (c << 5) | lowBit(x); break; }
          c++;
        }
        if (v !== -1) { S[n + f] = c; continue; }
        for (let c2 = 0; c2 < w; c2++) B[ACC + c2] = 0;
        for (let c2 = 0; c2 < w; c2++) {
          let y = d[uo + c2] & ~B[ACC + c2];
          while (y !== 0) {
            const vv = (c2 << 5) | lowBit(y), vo = vv * w;
            for (let c3 = 0; c3 < w; c3++) B[ACC + c3] |= d[vo + c3];
            y &= ~B[ACC + c2] & ~(1 << (vv & 31));
          }
        }
        for (let c2 = 0; c2 < w; c2++) d[uo + c2] |= B[ACC + c2];
        B[w + (u >>> 5)] &= ~(1 << (u & 31));
        if (--sp === 0) break;
      }
    }
  }
  return true;
}

/**
 * Transitive closure in place via Tarjan's strongly connected
 * components. Tarjan completes SCCs sinks-first, so when a component C is
 * completed the rows of every node it reaches outside C are already closed:
 *   closed(C) = U_{u in C} ( row(u) U U_{v in row(u) \ C} closed(v) )
 * and every member of C gets that row. A successor v already inside the
 * accumulated closed part is skipped (closed(v) is then already included),
 * so chains such as a transitive program order cost O(n*w), not O(n^2*w).
 *
 * The DFS works a word at a time: it descends into `row & ~visited`, and
 * lowlinks are taken once per node, at its end, from `row & onStack` (an
 * edge to a node on the stack when examined leaves it on the stack until the
 * examining node ends; tree and forward edges cannot lower a lowlink), so
 * edges to finished nodes cost nothing during the search.
 * Cost O(n*w + E'*w), E' = edges not skipped. Scratch: scratchI(5n), scratchB(4w).
 */
export function tarjanClose(n: number, w: number, d: Uint32Array): void {
  const I = scratchI(5 * n);
  // I[0..n): DFS index; I[n..2n): lowlink; I[2n..3n): SCC stack; I[3n..4n): call stack; I[4n..5n): word cursor.
  const LOW = n, SST = 2 * n, CST = 3 * n, CUR = 4 * n;
  const B = scratchB(4 * w);
  // B[0..w): visited; B[w..2w): on the SCC stack; B[2w..3w): accumulated closed rows; B[3w..4w): raw union.
  const ON = w, ACC = 2 * w, RAW = 3 * w;
  for (let c = 0; c < 2 * w; c++) B[c] = 0;
  const last = lastWordMask(n);
  let counter = 0, ssp = 0;
  for (let rw = 0; rw < w; rw++) {
    for (;;) {
      const free = ~B[rw] & (rw === w - 1 ? last : 0xffffffff);
      if (free === 0) break;
      let v = (rw << 5) | lowBit(free);
      let csp = 0;
      for (;;) {
        if (v !== -1) {
          // Enter v.
          B[v >>> 5] |= 1 << (v & 31);
          B[ON + (v >>> 5)] |= 1 << (v & 31);
          I[v] = I[LOW + v] = counter++;
          I[SST + ssp++] = v;
          I[CST + csp] = v; I[CUR + csp] = 0; csp++;
        }
        const f = csp - 1, u = I[CST + f], uo = u * w;
        let c = I[CUR + f];
        v = -1;
        while (c < w) {
          const x = d[uo + c] & ~B[c];
          if (x !== 0) { v = (c << 5) | lowBit(x); break; }
          c++;
        }
        if (v !== -1) { I[CUR + f] = c; continue; }
        // u ends: lowlink from successors still on the stack, then propagate to the parent.
        let lu = I[LOW + u];
        for (let c2 = 0; c2 < w; c2++) {
          let y = d[uo + c2] & B[ON + c2];
          while (y !== 0) {
            const t = y & -y;
            y ^= t;
            const iv = I[(c2 << 5) | (31 - Math.clz32(t))];
            if (iv < lu) lu = iv;
          }
        }
        I[LOW + u] = lu;
        csp--;
        if (csp > 0) {
          const p = I[CST + csp - 1];
          if (lu < I[LOW + p]) I[LOW + p] = lu;
        }
        if (lu === I[u]) {
          // u roots an SCC: members are SST[start..ssp), all on the stack; the rest of visited is done.
          let start = ssp - 1;
          while (I[SST + start] !== u) start--;
          if (start === ssp - 1) {
            // Singleton component (the common case): close u's row in place.
            for (let c2 = 0; c2 < w; c2++) B[ACC + c2] = 0;
            for (let c2 = 0; c2 < w; c2++) {
              let y = d[uo + c2] & ~B[ON + c2] & ~B[ACC + c2];
              while (y !== 0) {
                const vv = (c2 << 5) | lowBit(y);
                const vo = vv * w;
                for (let c3 = 0; c3 < w; c3++) B[ACC + c3] |= d[vo + c3];
                y &= ~B[ACC + c2] & ~(1 << (vv & 31));
              }
            }
            for (let c2 = 0; c2 < w; c2++) d[uo + c2] |= B[ACC + c2];
            B[ON + (u >>> 5)] &= ~(1 << (u & 31));
            ssp = start;
            if (csp === 0) break;
            continue;
          }
          for (let c2 = 0; c2 < w; c2++) { B[ACC + c2] = 0; B[RAW + c2] = 0; }
          for (let s = start; s < ssp; s++) {
            const mo = I[SST + s] * w;
            for (let c2 = 0; c2 < w; c2++) {
              const row = d[mo + c2];
              B[RAW + c2] |= row;
              let y = row & ~B[ON + c2] & ~B[ACC + c2]; // done successors not yet covered
              while (y !== 0) {
                const vv = (c2 << 5) | lowBit(y);
                const vo = vv * w;
                for (let c3 = 0; c3 < w; c3++) B[ACC + c3] |= d[vo + c3];
                y &= ~B[ACC + c2] & ~(1 << (vv & 31));
              }
            }
          }
          for (let s = start; s < ssp; s++) {
            const m = I[SST + s], mo = m * w;
            for (let c2 = 0; c2 < w; c2++) d[mo + c2] = B[RAW + c2] | B[ACC + c2];
            B[ON + (m >>> 5)] &= ~(1 << (m & 31));
          }
          ssp = start;
        }
        if (csp === 0) break;
      }
    }
  }
}

/**
 * Whether the relation has no cycle (cat `acyclic r`), including no i->i.
 *
 * Iterative DFS over bit rows: a node's unvisited successors are found a
 * word at a time (row & ~visited), so edges to finished nodes cost nothing; a
 * back edge is detected once per node as row & onStack != 0 (onStack
 * includes the node itself, catching self-loops). O(n*w) word operations.
 * n <= 32 and n <= 128 go to the kernels of small.ts and medium.ts.
 * Measured alternatives (scripts/bench-relations.mjs, src/relations/README.md):
 * closure + irreflexive is 2-3x slower on acyclic inputs and up to 35x on
 * cyclic ones (the DFS stops at the first back edge); sink-peeling passes
 * (Kahn-style elimination) before the DFS did not pay off.
 * Scratch: scratchB(2w), scratchI(2n).
 */
export function isAcyclicRows(n: number, w: number, d: Uint32Array): boolean {
  if (n === 0) return true;
  if (w === 1) return isAcyclic32(n, d);
  if (w <= 4) return isAcyclicMid(n, w, d);
  return isAcyclicGeneral(n, w, d);
}

/** The any-width DFS kernel behind isAcyclicRows (n >= 1). */
export function isAcyclicGeneral(n: number, w: number, d: Uint32Array): boolean {
  const B = scratchB(2 * w); // [0,w): visited (peeled or DFS-entered); [w,2w): on the DFS stack
  const S = scratchI(2 * n); // [0,n): node stack; [n,2n): word cursor
  const last = lastWordMask(n);
  for (let c = 0; c < 2 * w; c++) B[c] = 0;
  for (let rw = 0; rw < w; rw++) {
    for (;;) {
      const free = ~B[rw] & (rw === w - 1 ? last : 0xffffffff);
      if (free === 0) break;
      let v = (rw << 5) | lowBit(free);
      let sp = 0;
      for (;;) {
        // Enter v: mark visited and on-stack, then look for a back edge.
        const vw = v >>> 5, vb = 1 << (v & 31), vo = v * w;
        B[vw] |= vb;
        B[w + vw] |= vb;
        for (let c = 0; c < w; c++) if ((d[vo + c] & B[w + c]) !== 0) return false;
        S[sp] = v; S[n + sp] = 0; sp++;
        // Advance: find the next unvisited successor of the top frame, popping finished ones.
        v = -1;
        while (sp > 0) {
          const u = S[sp - 1], uo = u * w;
          let c = S[n + sp - 1];
          while (c < w) {
            const x = d[uo + c] & ~B[c];
            if (x !== 0) { v = (c << 5) | lowBit(x); break; }
            c++;
          }
          if (v !== -1) { S[n + sp - 1] = c; break; }
          B[w + (u >>> 5)] &= ~(1 << (u & 31));
          sp--;
        }
        if (v === -1) break;
      }
    }
  }
  return true;
}

/**
 * A shortest cycle of the relation as a node list [v0, ..., vk-1] with edges
 * v0->v1, ..., vk-1->v0; [i] for a self-loop i->i; null when acyclic.
 * For each s (increasing), BFS over nodes > s finds the shortest cycle whose
 * smallest node is s; the global minimum is returned (ties: smallest s,
 * then BFS order). Searches are cut at the best length found so far.
 * Meant for explanations, not hot paths: it allocates.
 */
export function findCycleRows(n: number, w: number, d: Uint32Array): number[] | null {
  for (let i = 0; i < n; i++) {
    if ((d[i * w + (i >>> 5)] & (1 << (i & 31))) !== 0) return [i];
  }
  if (isAcyclicRows(n, w, d)) return null;
  const vis = new Uint32Array(w);
  const queue = new Int32Array(n);
  const dist = new Int32Array(n);
  const parent = new Int32Array(n);
  let best: number[] | null = null;
  for (let s = 0; s < n; s++) {
    const limit = best === null ? n + 1 : best.length; // only strictly shorter cycles help
    if (limit <= 2) break; // no self-loops, so 2 is optimal
    // Nodes <= s count as visited: the cycle's smallest node is s.
    const sw = s >>> 5;
    for (let c = 0; c < w; c++) vis[c] = c < sw ? 0xffffffff : 0;
    vis[sw] = (s & 31) === 31 ? 0xffffffff : ((1 << ((s & 31) + 1)) - 1) >>> 0;
    queue[0] = s; dist[s] = 0; parent[s] = -1;
    let head = 0, tail = 1, found = -1;
    while (head < tail) {
      const u = queue[head++];
      if (dist[u] + 1 >= limit) break;
      if (u !== s && (d[u * w + sw] & (1 << (s & 31))) !== 0) { found = u; break; }
      const uo = u * w;
      for (let c = 0; c < w; c++) {
        let x = d[uo + c] & ~vis[c];
        vis[c] |= x;
        while (x !== 0) {
          const t = x & -x;
          x ^= t;
          const v = (c << 5) | (31 - Math.clz32(t));
          dist[v] = dist[u] + 1; parent[v] = u;
          queue[tail++] = v;
        }
      }
    }
    if (found === -1) continue;
    const cyc: number[] = [];
    for (let v = found; v !== -1; v = parent[v]) cyc.push(v);
    cyc.reverse();
    best = cyc;
  }
  return best;
}

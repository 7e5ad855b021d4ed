// One-word kernels for n <= 32 (w = 1): every row is a single word and the
// visited / on-stack / accumulator sets live in local variables instead of
// scratch arrays. Litmus tests are usually this small, so this is the path
// most candidate executions take. Semantics are those of the general kernels
// in row-graph.ts (which dispatch here); only the representation differs.

import { lowBit, scratchI } from './bits.js';

/** Mask of the n low bits (n in 1..32). */
function allMask(n: number): number {
  return n === 32 ? -1 : (1 << n) - 1;
}

/** Transitive closure in place for n <= 32 (see row-graph.ts closeTransitive). */
export function closeTransitive32(n: number, d: Uint32Array): void {
  if (!closeDag32(n, d)) tarjan32(n, d);
}

/**
 * DAG-first closure for n <= 32 (see row-graph.ts closeDag): closes rows in DFS
 * post-order; returns false at the first back edge, leaving some rows closed
 * (which does not change the closure of the whole).
 */
function closeDag32(n: number, d: Uint32Array): boolean {
  const S = scratchI(n), all = allMask(n);
  let vis = 0, gray = 0;
  for (;;) {
    const free = ~vis & all;
    if (free === 0) return true;
    let v = lowBit(free), sp = 0;
    for (;;) {
      if (v !== -1) {
        const b = 1 << v;
        vis |= b;
        gray |= b;
        if ((d[v] & gray) !== 0) return false;
        S[sp++] = v;
      }
      const u = S[sp - 1], row = d[u];
      const x = row & ~vis;
      if (x !== 0) { v = lowBit(x); continue; }
      v = -1;
      let acc = 0, z = row; // all successors are finished, with closed rows
      while (z !== 0) {
        const vv = lowBit(z);
        acc |= d[vv];
        z &= ~acc & ~(1 << vv);
      }
      d[u] = row | acc;
      gray &= ~(1 << u);
      if (--sp === 0) break;
    }
  }
}

/** Tarjan SCC closure for n <= 32 (see row-graph.ts tarjanClose). */
function tarjan32(n: number, d: Uint32Array): void {
  const I = scratchI(4 * n);
  // I[0..n): DFS index; I[n..2n): lowlink; I[2n..3n): SCC stack; I[3n..4n): call stack.
  const LOW = n, SST = 2 * n, CST = 3 * n, all = allMask(n);
  let vis = 0, on = 0, counter = 0, ssp = 0;
  for (;;) {
    const free = ~vis & all;
    if (free === 0) return;
    let v = lowBit(free), csp = 0;
    for (;;) {
      if (v !== -1) {
        const b = 1 << v;
        vis |= b;
        on |= b;
        I[v] = I[LOW + v] = counter++;
        I[SST + ssp++] = v;
        I[CST + csp++] = v;
      }
      const u = I[CST + csp - 1], row = d[u];
      const x = row & ~vis;
      if (x !== 0) { v = lowBit(x); continue; }
      v = -1;
      // u ends: lowlink from successors on the stack, propagated to the parent.
      let lu = I[LOW + u], y = row & on;
      while (y !== 0) {
        const t = y & -y;
        y ^= t;
        const iv = I[31 - Math.clz32(t)];
        if (iv < lu) lu = iv;
      }
      I[LOW + u] = lu;
      csp--;
      if (csp > 0) {
        const p = I[CST + csp - 1];
        if (lu < I[LOW + p]) I[LOW + p] = lu;
      }
      if (lu === I[u]) {
        let start = ssp - 1;
        while (I[SST + start] !== u) start--;
        let acc = 0, raw = 0, members = 0;
        for (let s = start; s < ssp; s++) {
          const m = I[SST + s], rm = d[m];
          raw |= rm;
          members |= 1 << m;
          let z = rm & ~on & ~acc; // finished successors not yet covered
          while (z !== 0) {
            const vv = lowBit(z);
            acc |= d[vv];
            z &= ~acc & ~(1 << vv);
          }
        }
        const closed = raw | acc;
        for (let s = start; s < ssp; s++) d[I[SST + s]] = closed;
        on &= ~members;
        ssp = start;
      }
      if (csp === 0) break;
    }
  }
}

/** Acyclicity for n <= 32 (DFS kernel, see row-graph.ts isAcyclicRows). */
export function isAcyclic32(n: number, d: Uint32Array): boolean {
  const S = scratchI(n), all = allMask(n);
  let vis = 0, gray = 0;
  for (;;) {
    const free = ~vis & all;
    if (free === 0) return true;
    let v = lowBit(free), sp = 0;
    for (;;) {
      const b = 1 << v;
      vis |= b;
      gray |= b;
      if ((d[v] & gray) !== 0) return false;
      S[sp++] = v;
      v = -1;
      while (sp > 0) {
        const u = S[sp - 1], x = d[u] & ~vis;
        if (x !== 0) { v = lowBit(x); break; }
        gray &= ~(1 << u);
        sp--;
      }
      if (v === -1) break;
    }
  }
}

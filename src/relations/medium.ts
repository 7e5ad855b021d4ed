// Kernels for 33 <= n <= 128 (w = 2..4 words per row): the DFS visited and
// on-stack sets and the closure accumulator live in four local words each
// instead of scratch arrays, which V8 runs about twice as fast. Words past
// w are treated as "all visited" (never scanned) and never loaded.
// Semantics are those of the general kernels in row-graph.ts, which dispatch here.

import { lastWordMask, lowBit, scratchI } from './bits.js';

/** Acyclicity for w in 2..4 (see row-graph.ts isAcyclicRows). */
export function isAcyclicMid(n: number, w: number, d: Uint32Array): boolean {
  const S = scratchI(n), w2 = w > 2, w3 = w > 3, tail = ~lastWordMask(n);
  // visited; bits >= n (and whole words >= w) count as visited
  let v0 = 0, v1 = w === 2 ? tail : 0, v2 = w === 3 ? tail : w2 ? 0 : -1, v3 = w3 ? tail : -1;
  let g0 = 0, g1 = 0, g2 = 0, g3 = 0; // on the DFS stack
  for (;;) {
    let v: number;
    if (~v0 !== 0) v = lowBit(~v0);
    else if (~v1 !== 0) v = 32 | lowBit(~v1);
    else if (~v2 !== 0) v = 64 | lowBit(~v2);
    else if (~v3 !== 0) v = 96 | lowBit(~v3);
    else return true;
    let sp = 0;
    for (;;) {
      const b = 1 << (v & 31), vo = v * w;
      switch (v >>> 5) {
        case 0: v0 |= b; g0 |= b; break;
        case 1: v1 |= b; g1 |= b; break;
        case 2: v2 |= b; g2 |= b; break;
        default: v3 |= b; g3 |= b;
      }
      if (((d[vo] & g0) | (d[vo + 1] & g1) | (w2 ? d[vo + 2] & g2 : 0) | (w3 ? d[vo + 3] & g3 : 0)) !== 0) return false;
      S[sp++] = v;
      v = -1;
      while (sp > 0) {
        const u = S[sp - 1], uo = u * w;
        let x: number;
        if ((x = d[uo] & ~v0) !== 0) v = lowBit(x);
        else if ((x = d[uo + 1] & ~v1) !== 0) v = 32 | lowBit(x);
        else if (w2 && (x = d[uo + 2] & ~v2) !== 0) v = 64 | lowBit(x);
        else if (w3 && (x = d[uo + 3] & ~v3) !== 0) v = 96 | lowBit(x);
        if (v !== -1) break;
        const ub = ~(1 << (u & 31));
        switch (u >>> 5) {
          case 0: g0 &= ub; break;
          case 1: g1 &= ub; break;
          case 2: g2 &= ub; break;
          default: g3 &= ub;
        }
        sp--;
      }
      if (v === -1) break;
    }
  }
}

/**
 * DAG-first closure for w in 2..4 (see row-graph.ts closeDag): rows are closed in
 * DFS post-order; returns false at the first back edge, leaving some rows
 * closed (which does not change the closure of the whole).
 */
export function closeDagMid(n: number, w: number, d: Uint32Array): boolean {
  const S = scratchI(n), w2 = w > 2, w3 = w > 3, tail = ~lastWordMask(n);
  let v0 = 0, v1 = w === 2 ? tail : 0, v2 = w === 3 ? tail : w2 ? 0 : -1, v3 = w3 ? tail : -1;
  let g0 = 0, g1 = 0, g2 = 0, g3 = 0;
  for (;;) {
    let v: number;
    if (~v0 !== 0) v = lowBit(~v0);
    else if (~v1 !== 0) v = 32 | lowBit(~v1);
    else if (~v2 !== 0) v = 64 | lowBit(~v2);
    else if (~v3 !== 0) v = 96 | lowBit(~v3);
    else return true;
    let sp = 0;
    for (;;) {
      if (v !== -1) {
        const b = 1 << (v & 31), vo = v * w;
        switch (v >>> 5) {
          case 0: v0 |= b; g0 |= b; break;
          case 1: v1 |= b; g1 |= b; break;
          case 2: v2 |= b; g2 |= b; break;
          default: v3 |= b; g3 |= b;
        }
        if (((d[vo] & g0) | (d[vo + 1] & g1) | (w2 ? d[vo + 2] & g2 : 0) | (w3 ? d[vo + 3] & g3 : 0)) !== 0) return false;
        S[sp++] = v;
      }
      const u = S[sp - 1], uo = u * w;
      let x: number;
      v = -1;
      if ((x = d[uo] & ~v0) !== 0) v = lowBit(x);
      else if ((x = d[uo + 1] & ~v1) !== 0) v = 32 | lowBit(x);
      else if (w2 && (x = d[uo + 2] & ~v2) !== 0) v = 64 | lowBit(x);
      else if (w3 && (x = d[uo + 3] & ~v3) !== 0) v = 96 | lowBit(x);
      if (v !== -1) continue;
      // u ends; its successors are finished with closed rows. Word c of the
      // accumulator is a_c; a successor already in it is skipped.
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      for (let c = 0; c < w; c++) {
        let y = d[uo + c] & ~(c === 0 ? a0 : c === 1 ? a1 : c === 2 ? a2 : a3);
        while (y !== 0) {
          const t = y & -y, vo = ((c << 5) | (31 - Math.clz32(t))) * w;
          a0 |= d[vo];
          a1 |= d[vo + 1];
          if (w2) a2 |= d[vo + 2];
          if (w3) a3 |= d[vo + 3];
          y &= ~t & ~(c === 0 ? a0 : c === 1 ? a1 : c === 2 ? a2 : a3);
        }
      }
      d[uo] |= a0;
      d[uo + 1] |= a1;
      if (w2) d[uo + 2] |= a2;
      if (w3) d[uo + 3] |= a3;
      const ub = ~(1 << (u & 31));
      switch (u >>> 5) {
        case 0: g0 &= ub; break;
        case 1: g1 &= ub; break;
        case 2: g2 &= ub; break;
        default: g3 &= ub;
      }
      if (--sp === 0) break;
    }
  }
}

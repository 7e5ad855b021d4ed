// Composition kernel (cat `r1 ; r2`) over row-major bit matrices.
//
// Row i of the result is the OR of the rows b[k] over the bits k of row a[i].
// Accumulating a row in local variables and storing it once is 3-4x faster
// in V8 than OR-ing into the destination array word by word, so the kernel
// works on chunks of up to four words held in locals: w = 1 and w = 2 are
// special-cased, wider rows are swept in 4-word chunks (the bits of a[i]
// are re-scanned once per chunk, which is cheap next to the loads from b).

/**
 * out := a ; b for n x n matrices of w words per row. `out` must not alias
 * `ad` or `bd` (Rel.composeInto handles aliasing with a scratch buffer).
 * Cost O(|a| * w) word operations.
 */
export function composeRows(out: Uint32Array, n: number, w: number, ad: Uint32Array, bd: Uint32Array): void {
  if (w === 1) {
    for (let i = 0; i < n; i++) {
      let x = ad[i], acc = 0;
      while (x !== 0) {
        const t = x & -x;
        x ^= t;
        acc |= bd[31 - Math.clz32(t)];
      }
      out[i] = acc;
    }
    return;
  }
  if (w === 2) {
    for (let io = 0; io < 2 * n; io += 2) {
      let a0 = 0, a1 = 0;
      for (let kw = 0; kw < 2; kw++) {
        let x = ad[io + kw];
        while (x !== 0) {
          const t = x & -x;
          x ^= t;
          const ko = ((kw << 5) | (31 - Math.clz32(t))) << 1;
          a0 |= bd[ko];
          a1 |= bd[ko + 1];
        }
      }
      out[io] = a0;
      out[io + 1] = a1;
    }
    return;
  }
  const full = w & ~3; // words covered by whole 4-word chunks
  for (let io = 0; io < n * w; io += w) {
    for (let c0 = 0; c0 < full; c0 += 4) {
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      for (let kw = 0; kw < w; kw++) {
        let x = ad[io + kw];
        while (x !== 0) {
          const t = x & -x;
          x ^= t;
          const ko = ((kw << 5) | (31 - Math.clz32(t))) * w + c0;
          a0 |= bd[ko];
          a1 |= bd[ko + 1];
          a2 |= bd[ko + 2];
          a3 |= bd[ko + 3];
        }
      }
      out[io + c0] = a0;
      out[io + c0 + 1] = a1;
      out[io + c0 + 2] = a2;
      out[io + c0 + 3] = a3;
    }
    for (let c0 = full; c0 < w; c0++) {
      let a0 = 0;
      for (let kw = 0; kw < w; kw++) {
        let x = ad[io + kw];
        while (x !== 0) {
          const t = x & -x;
          x ^= t;
          a0 |= bd[((kw << 5) | (31 - Math.clz32(t))) * w + c0];
        }
      }
      out[io + c0] = a0;
    }
  }
}

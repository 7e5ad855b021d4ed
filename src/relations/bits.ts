// Low-level helpers shared by BitSet and Rel: word arithmetic, popcount and
// module-level scratch buffers.
//
// Scratch buffers are grown on demand and then reused forever, so the hot
// operations (composition with aliasing, inverse in place, closure, acyclicity)
// never allocate once warmed up. JavaScript is single-threaded and none of the
// functions that borrow scratch call back into user code while holding it, so
// sharing one buffer per purpose is safe. Each borrower documents which buffer
// it uses; two borrowers never nest.

/** Largest supported universe (number of events). */
export const MAX_N = 1024;

/** Number of 32-bit words needed to hold `n` bits. */
export function wordsFor(n: number): number {
  return (n + 31) >>> 5;
}

/** Mask of the valid bits in the last word of an `n`-bit row (all ones when n % 32 == 0). */
export function lastWordMask(n: number): number {
  const r = n & 31;
  return r === 0 ? 0xffffffff : ((1 << r) - 1) >>> 0;
}

/** Checks a universe size; throws RangeError when it is not an integer in [0, MAX_N]. */
export function checkSize(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_N) {
    throw new RangeError(`relation size must be an integer in [0, ${MAX_N}], got ${n}`);
  }
}

/** Number of set bits in a 32-bit word. */
export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Index (0..31) of the lowest set bit of a non-zero word. */
export function lowBit(x: number): number {
  return 31 - Math.clz32(x & -x);
}

let u32A = new Uint32Array(4096);
let u32B = new Uint32Array(4096);
let i32A = new Int32Array(4096);

/** Scratch words, buffer A (used by Rel.composeInto and Rel.inverseInto when aliased). */
export function scratchA(len: number): Uint32Array {
  if (u32A.length < len) u32A = new Uint32Array(Math.max(len, u32A.length * 2));
  return u32A;
}

/** Scratch words, buffer B (used by closure / acyclicity for per-node bit rows). */
export function scratchB(len: number): Uint32Array {
  if (u32B.length < len) u32B = new Uint32Array(Math.max(len, u32B.length * 2));
  return u32B;
}

/** Scratch integers (used by closure / acyclicity for DFS stacks and node tables). */
export function scratchI(len: number): Int32Array {
  if (i32A.length < len) i32A = new Int32Array(Math.max(len, i32A.length * 2));
  return i32A;
}

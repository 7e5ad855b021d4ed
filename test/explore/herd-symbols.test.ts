// Out-of-thin-air values print as herd7 names them: `S<n>`, n one of herd's
// fresh variables (src/events/herd-syms.ts allocates them as herd does,
// src/explore/value-solver.ts merges them as herd's solver does). The tests are
// written for this project; each expected n is derived by hand from herd's
// rule, spelled out in the comments:
// - allocation: one counter over the test, threads in order; +1 for each
//   register read (pointer parameters included), each memory read, each
//   binary operator with a variable operand (an if condition included); code
//   after an if is allocated once per outcome, ELSE outcome first;
// - register stage, per path: `register read := value last written to the
//   register`; stage 2: `read value := written value` for every read in
//   descending event order; union by rank, the left-hand root winning a tie;
//   each value then printed as its direct parent in the union-find.
import { describe, expect, it } from 'vitest';
import { HerdUnionFind } from '../../src/events/herd-uf.js';
import { run, stateTable } from './helpers.js';

describe('herd7 names of out-of-thin-air values', () => {
  it('a two-thread plain copy cycle, through a register copy', () => {
    // P0: `r0 = *x`  x S1, *x S2;  `r1 = r0`  r0 S3;  `*y = r1`  y S4, r1 S5.
    // P1: `r2 = *y`  y S6, *y S7;  `*x = r2`  x S8, r2 S9.
    // Register stage: P0 (registers in descending order: r1 then r0)
    // S5:=S3 (S3 -> S5), S3:=S2 (S5 has rank 1: S2 -> S5); P1 S9:=S7 (S7 -> S9).
    // Memory stage, P1's read first: S9 := S5 (equal ranks, S5 -> S9); P0's
    // read S5 := S9 is then trivial. 0:r0 = S2 -> S5 -> S9, 0:r1 = S3 -> S5
    // -> S9, 1:r2 = S7 -> S9: all S9.
    const r = run(`C oota-copy
{}
P0(int *x, int *y)
{
	int r0;
	int r1;

	r0 = *x;
	r1 = r0;
	*y = r1;
}
P1(int *x, int *y)
{
	int r2;

	r2 = *y;
	*x = r2;
}
locations [0:r0; 0:r1;]
exists (1:r2=0)`);
    expect(stateTable(r)).toEqual([
      '0:r0=0; 0:r1=0; 1:r2=0 (3)',
      '0:r0=S9; 0:r1=S9; 1:r2=S9 (1)',
    ]);
    expect(r.flags).toEqual(['data-race']);
  });

  it('a cycle through a branch: the code after the if is allocated for the else path first', () => {
    // P0: `int r1 = 0` allocates nothing; `r0 = READ_ONCE(*z)`  z S1, *z S2;
    // `if (r0 != 0)`  r0 S3, != S4; then-branch `r1 = *x`  x S5, *x S6 (the
    // else-branch is empty). `*y = r1` after the if: else path y S7, r1 S8,
    // then path y S9, r1 S10.  P1: y S11, *y S12, x S13, r2 S14.
    // Register stage, then path: S10:=S6 (S6 -> S10); P1: S14:=S12 (S12 -> S14).
    // Memory stage, P1's read first: S14 := S10 (S10 -> S14). So 0:r1 =
    // S6 -> S10 -> S14 and 1:r2 = S12 -> S14: S14. (Then-path first would
    // have given S12.)
    const r = run(`C oota-branch
{
z=1;
}
P0(int *x, int *y, int *z)
{
	int r0;
	int r1 = 0;

	r0 = READ_ONCE(*z);
	if (r0 != 0)
		r1 = *x;
	*y = r1;
}
P1(int *x, int *y)
{
	int r2;

	r2 = *y;
	*x = r2;
}
locations [0:r1;]
exists (1:r2=0)`);
    expect(stateTable(r)).toEqual([
      '0:r1=0; 1:r2=0 (3)',
      '0:r1=S14; 1:r2=S14 (1)',
    ]);
  });

  it('a three-thread ring whose value shows in a global of the condition', () => {
    // P0: x S1, *x S2, y S3, r0 S4.  P1: y S5, *y S6, z S7, r1 S8.
    // P2: z S9, *z S10, x S11, r2 S12.
    // Register stage: S2 -> S4, S6 -> S8, S10 -> S12.
    // Memory stage, descending: P2's read S12 := S8 (S8 -> S12, S12 rank 1);
    // P1's read S8 := S4 (root S12 outranks S4: S4 -> S12); P0's read
    // S4 := S12 is trivial. [z] is P1's write of S8, printed S12.
    const r = run(`C oota-ring
{}
P0(int *x, int *y)
{
	int r0;

	r0 = *x;
	*y = r0;
}
P1(int *y, int *z)
{
	int r1;

	r1 = *y;
	*z = r1;
}
P2(int *z, int *x)
{
	int r2;

	r2 = *z;
	*x = r2;
}
exists (z=42)`);
    expect(stateTable(r)).toEqual([
      'z=0 (7)',
      'z=S12 (1)',
    ]);
    expect(r.verdict).toBe('Never');
  });

  it('the union-find replaces a value by its direct parent, not its root', () => {
    // herd's lib/partition.ml: 2 -> 1 and 4 -> 3 (rank 1 each), then the tie
    // 1 := 3 makes 3 -> 1; 4 keeps its direct parent 3.
    const uf = new HerdUnionFind();
    uf.union(1, 2);
    uf.union(3, 4);
    uf.union(1, 3);
    expect([1, 2, 3, 4].map((v) => uf.direct(v))).toEqual([1, 1, 1, 3]);
    // A lookup through a merge compresses the path: 4 now points at the root.
    uf.union(4, 5);
    expect(uf.direct(4)).toBe(1);
    expect(uf.direct(5)).toBe(1);
  });
});

// Memoised counting of allowed subtrees (src/explore/memo.ts, ExploreOptions.memo)
// must never change a result: the same states, counts and flags with the memo
// and without it. RunOptions has no memo switch, so these tests run the
// explorer on compiled programs directly.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { explore } from '../../src/explore/explore.js';
import { CompletionMemo } from '../../src/explore/memo.js';
import { ValueSolver } from '../../src/explore/value-solver.js';
import { prng } from '../relations/reference.js';
import { runnableTests } from './helpers.js';
import { lockedSb, outcomeSummary, programOf, randomLockTest } from './programs.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const files = runnableTests();

describe('memo is exact on the library and fixtures', () => {
  it('covers a real set of tests', () => {
    expect(files.length).toBeGreaterThan(50);
  });
  for (const f of files) {
    it(f, () => {
      const program = programOf(readFileSync(f, 'utf8'), f);
      if (!program) return;
      const without = explore(program, { memo: false });
      const withIt = explore(program);
      expect(outcomeSummary(withIt)).toEqual(outcomeSummary(without));
      // the memo replays whole subtrees' candidate counts too
      expect(withIt.candidates).toBe(without.candidates);
    });
  }
});

describe('memo is exact on random lock-word tests', () => {
  it.each([0, 1, 2])('agrees with the search without it on 100 random tests (seed %i), and is used on many', (seed) => {
    const rnd = prng(7306 + seed);
    const gets = vi.spyOn(CompletionMemo.prototype, 'get');
    const quantifiers = new Set<string>();
    let hitTests = 0;
    for (let k = 0; k < 100; k++) {
      const src = randomLockTest(rnd, k);
      const program = programOf(src);
      expect(program, src).toBeDefined();
      const without = explore(program!, { memo: false });
      expect(gets).not.toHaveBeenCalled(); // memo: false means no memo at all
      const withIt = explore(program!);
      expect(outcomeSummary(withIt), src).toEqual(outcomeSummary(without));
      expect(withIt.candidates, src).toBe(without.candidates);
      if (gets.mock.results.some((r) => r.value !== undefined)) hitTests++;
      gets.mockClear();
      quantifiers.add(src.match(/^(exists|~exists|forall)/m)![1]!);
    }
    expect([...quantifiers].sort()).toEqual(['exists', 'forall', '~exists']);
    expect(hitTests).toBeGreaterThan(30);
  });

  it('agrees on random tests at the explorer limit: a cut-off search stops at the same count', () => {
    const rnd = prng(99);
    for (let k = 0; k < 40; k++) {
      const program = programOf(randomLockTest(rnd, k))!;
      const full = explore(program, { memo: false });
      const max = Math.max(1, Math.floor(full.candidates / 2));
      const a = explore(program, { memo: false, maxExecutions: max });
      const b = explore(program, { maxExecutions: max });
      expect(b.limit?.kind).toBe(a.limit?.kind);
      if (!a.limit) expect(outcomeSummary(b)).toEqual(outcomeSummary(a));
    }
  });
});

describe('memo engages', () => {
  it.each([3, 4])('on a locked store buffering of %i threads: same answer, far fewer leaves solved', (n) => {
    const program = programOf(lockedSb(n))!;
    const solve = vi.spyOn(ValueSolver.prototype, 'solve');
    const without = explore(program, { memo: false });
    const solvedWithout = solve.mock.calls.length;
    solve.mockClear();
    const withIt = explore(program);
    const solvedWith = solve.mock.calls.length;

    expect(outcomeSummary(withIt)).toEqual(outcomeSummary(without));
    expect(withIt.positive).toBe(0); // the lock forbids the store-buffering outcome
    expect(withIt.negative).toBe(without.negative);
    expect(withIt.evaluations).toBe(without.evaluations); // the memo skips no model evaluation, only leaves
    // without the memo every counted leaf is solved; with it repeated subtrees are replayed
    expect(solvedWithout).toBeGreaterThanOrEqual(without.negative);
    expect(solvedWith * 3).toBeLessThan(solvedWithout);
  });

  it('replayed subtrees add their states with the right multiplicity', () => {
    // state counts must add up to the executions, with and without the memo
    const program = programOf(lockedSb(4, 'cmpxchg'))!;
    const withIt = explore(program);
    const total = withIt.states.reduce((s, r) => s + r.executions, 0);
    expect(total).toBe(withIt.positive + withIt.negative);
    const sat = withIt.states.filter((r) => r.satisfies).reduce((s, r) => s + r.executions, 0);
    expect(sat).toBe(withIt.positive);
    expect(withIt.states).toEqual(explore(program, { memo: false }).states);
  });

  it('is off for tests whose writes store computed values (no grouping)', () => {
    const src = `C computed
{}
P0(int *l, int *x) { int r0; int r1; r0 = xchg_acquire(l, 1); r1 = READ_ONCE(*x); WRITE_ONCE(*x, r1); smp_store_release(l, 0); }
P1(int *l, int *x) { int r0; int r1; r0 = xchg_acquire(l, 1); r1 = READ_ONCE(*x); WRITE_ONCE(*x, r1); smp_store_release(l, 0); }
exists (x=0)`;
    const gets = vi.spyOn(CompletionMemo.prototype, 'get');
    const program = programOf(src)!;
    expect(outcomeSummary(explore(program))).toEqual(outcomeSummary(explore(program, { memo: false })));
    expect(gets).not.toHaveBeenCalled();
  });
});

describe('CompletionMemo bounds', () => {
  // A stand-in layout: only `values` and `nlocs` are read by the memo.
  const layout = { values: [0, 1], nlocs: 1 } as unknown as import('../../src/explore/graph-build.js').Layout;
  const obs = Float64Array.of(1);

  it('an entry that would pass the bound is dropped, and no new entry starts once full', async () => {
    const { CompletionMemo } = await import('../../src/explore/memo.js');
    const memo = new CompletionMemo(layout, 1, 3);
    const a = memo.start('a')!;
    expect(memo.record('a', a, obs, true, 1)).toBe(true);
    expect(memo.record('a', a, obs, false, 2)).toBe(true);
    expect(memo.get('a')).toBe(a);
    const b = memo.start('b')!;
    expect(memo.record('b', b, obs, true, 1)).toBe(true);
    expect(memo.record('b', b, obs, true, 1)).toBe(false); // the fourth record passes the bound of 3
    expect(memo.get('b')).toBeUndefined();
    expect(memo.start('c')).toBeUndefined();
    expect(a.positive).toBe(1);
    expect(a.negative).toBe(2);
  });

  it('stops being useful when keys do not recur', async () => {
    const { CompletionMemo } = await import('../../src/explore/memo.js');
    const memo = new CompletionMemo(layout, 1);
    for (let k = 0; k < 300; k++) memo.start(`k${k}`);
    expect(memo.useful).toBe(false);
    const again = new CompletionMemo(layout, 1);
    for (let k = 0; k < 300; k++) {
      again.start(`k${k}`);
      again.get(`k${k}`);
    }
    expect(again.useful).toBe(true);
  });
});

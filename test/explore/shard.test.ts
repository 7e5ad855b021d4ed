// ExploreOptions.shard (src/explore/explore.ts): `count` shares of one search
// are disjoint and together cover it, so their counts add up to the whole
// search's, their flags unite to its flags and their state tables merge into
// its table.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Program } from '../../src/events/program.js';
import { explore, type ExploreOptions, type ExploreOutcome } from '../../src/explore/explore.js';
import { StateTable, unsigned32Columns } from '../../src/explore/states.js';
import { prng } from '../relations/reference.js';
import { runnableTests } from './helpers.js';
import { lockedSb, programOf, randomLockTest } from './programs.js';

interface Combined {
  positive: number;
  negative: number;
  candidates: number;
  flags: string[];
  states: ExploreOutcome['states'];
  shares: ExploreOutcome[];
}

/** Explores every share of `count` and combines them as src/engine/parallel.ts does. */
function sharded(program: Program, count: number, opts: ExploreOptions = {}): Combined {
  const shares = Array.from({ length: count }, (_v, index) => explore(program, { ...opts, shard: { index, count } }));
  const table = new StateTable(program.observed.length);
  const flags = new Set<string>();
  let positive = 0, negative = 0, candidates = 0;
  for (const s of shares) {
    positive += s.positive;
    negative += s.negative;
    candidates += s.candidates;
    for (const f of s.flags) flags.add(f);
    table.merge(s.table.toData());
  }
  return { positive, negative, candidates, flags: [...flags].sort(), states: table.records(program.locations.map((l) => l.name), unsigned32Columns(program)), shares };
}

/**
 * Asserts the shares of `program` add up to its unsharded search; false when
 * that search hit a limit. Candidate counts depend on which partial
 * executions are pruned, and the pruning adapts to what each search has seen,
 * so they are only compared when nothing is pruned (keepRejected turns
 * pruning, forward checking and subtree counting off).
 */
function expectSharesAddUp(program: Program, label: string, opts: ExploreOptions = {}): boolean {
  const whole = explore(program, opts);
  if (whole.limit) return false;
  for (const count of [2, 3]) {
    const c = sharded(program, count, opts);
    const msg = `${label} (count ${count})`;
    expect(c.shares.every((s) => s.limit === undefined), msg).toBe(true);
    expect({ positive: c.positive, negative: c.negative, flags: c.flags, states: c.states }, msg)
      .toEqual({ positive: whole.positive, negative: whole.negative, flags: whole.flags, states: whole.states });
    if (opts.keepRejected) expect(c.candidates, msg).toBe(whole.candidates);
  }
  return true;
}

/** No pruning (see above); searches that would count more candidates than this are skipped. */
const UNPRUNED: ExploreOptions = { keepRejected: 1, maxExecutions: 2000 };

const files = runnableTests();

describe('shares add up on the library and fixtures', () => {
  for (const f of files) {
    it(f, () => {
      const program = programOf(readFileSync(f, 'utf8'), f);
      if (!program) return;
      expectSharesAddUp(program, f);
      expectSharesAddUp(program, `${f} without pruning`, UNPRUNED);
    });
  }
});

describe('shares add up on random lock-word tests', () => {
  it.each([0, 1])('60 random tests (seed %i)', (seed) => {
    const rnd = prng(4242 + seed);
    let checked = 0, unpruned = 0;
    for (let k = 0; k < 60; k++) {
      const src = randomLockTest(rnd, k);
      const program = programOf(src)!;
      if (expectSharesAddUp(program, src)) checked++;
      if (program.threads.length === 2 && expectSharesAddUp(program, `${src} without pruning`, UNPRUNED)) unpruned++;
    }
    expect(checked).toBe(60);
    expect(unpruned).toBeGreaterThan(8);
  });
});

describe('shares on hand-made tests', () => {
  it.each([2, 3, 4])('a locked store buffering is dealt into %i shares that each get work', (count) => {
    const program = programOf(lockedSb(3, 'cmpxchg'))!;
    const whole = explore(program);
    const c = sharded(program, count);
    expect(c.negative).toBe(whole.negative);
    expect(c.states).toEqual(whole.states);
    for (const s of c.shares) expect(s.negative).toBeGreaterThan(0);
    // round-robin dealing keeps the shares within a factor of two of each other
    const sizes = c.shares.map((s) => s.negative);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2 * Math.min(...sizes));
  });

  it('more shares than executions: the extra shares are empty and the sum is exact', () => {
    const src = 'C br\n{}\nP0(int *x) { int r0; r0 = READ_ONCE(*x); if (r0) WRITE_ONCE(*x, 2); }\nP1(int *x) { WRITE_ONCE(*x, 1); }\nexists (0:r0=1)';
    const program = programOf(src)!;
    expect(expectSharesAddUp(program, src)).toBe(true);
    const c = sharded(program, 7);
    expect(`${c.positive} ${c.negative}`).toBe('1 1');
    expect(c.shares.filter((s) => s.positive + s.negative === 0).length).toBe(5);
  });

  it('a test without shared locations goes to exactly one share', () => {
    const src = 'C none\n{}\nP0() { int r0; r0 = 1; }\nP1() { int r1; r1 = 2; }\nexists (0:r0=1 /\\ 1:r1=2)';
    const program = programOf(src)!;
    expect(program.locations).toEqual([]);
    for (const count of [2, 3]) {
      const c = sharded(program, count);
      expect(c.shares.map((s) => s.positive)).toEqual([1, ...new Array<number>(count - 1).fill(0)]);
      expect(c.states).toEqual(explore(program).states);
    }
  });

  it('one share of one is the whole search', () => {
    const program = programOf(lockedSb(3))!;
    const whole = explore(program);
    const one = explore(program, { shard: { index: 0, count: 1 } });
    expect({ ...one, table: undefined }).toEqual({ ...whole, table: undefined });
  });
});

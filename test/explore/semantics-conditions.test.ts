// Semantic unit tests for the explorer (issue #3), continued: the final
// condition (`exists`, `~exists`, `forall`, `filter`), `locations`, and loops
// with the unroll bound.
//
// herd's semantics: Positive/Negative count the allowed executions whose final
// state satisfies / does not satisfy the condition's proposition, whatever the
// quantifier; the verdict (Never/Sometimes/Always) follows from the counts;
// Ok/No (`ok`) is the quantified condition: exists = Positive > 0, ~exists =
// Positive = 0, forall = Negative = 0. A `filter` drops the executions whose
// final state does not satisfy it before anything is counted.
import { describe, expect, it } from 'vitest';
import { expectObservation, run, stateTable } from './helpers.js';
import { stateEntries } from '../../src/explore/result.js';

const SB_ONCE = `P0(int *a, int *b) { WRITE_ONCE(*a, 1); int r0 = READ_ONCE(*b); }
P1(int *a, int *b) { WRITE_ONCE(*b, 1); int r0 = READ_ONCE(*a); }`;
const SB_MB = `P0(int *a, int *b) { WRITE_ONCE(*a, 1); smp_mb(); int r0 = READ_ONCE(*b); }
P1(int *a, int *b) { WRITE_ONCE(*b, 1); smp_mb(); int r0 = READ_ONCE(*a); }`;
const sb = (name: string, body: string, tail: string): string => `C ${name}\n{}\n${body}\n${tail}`;

describe('quantifiers', () => {
  it('exists holds when some execution satisfies the proposition', () => {
    const r = expectObservation(sb('q-exists', SB_ONCE, 'exists (0:r0=0 /\\ 1:r0=0)'), 'Sometimes 1 3');
    expect(r.quantifier).toBe('exists');
    expect(r.ok).toBe(true);
  });

  it('exists fails when no execution does', () => {
    const r = expectObservation(sb('q-exists-no', SB_MB, 'exists (0:r0=0 /\\ 1:r0=0)'), 'Never 0 3');
    expect(r.ok).toBe(false);
  });

  it('~exists counts the proposition, not its negation, and fails when it is reachable', () => {
    const r = expectObservation(sb('q-not-exists', SB_ONCE, '~exists (0:r0=0 /\\ 1:r0=0)'), 'Sometimes 1 3');
    expect(r.quantifier).toBe('~exists');
    expect(r.ok).toBe(false);
  });

  it('~exists holds when the proposition is unreachable', () => {
    const r = expectObservation(sb('q-not-exists-ok', SB_MB, '~exists (0:r0=0 /\\ 1:r0=0)'), 'Never 0 3');
    expect(r.ok).toBe(true);
  });

  it('forall holds when every execution satisfies the proposition', () => {
    const r = expectObservation(sb('q-forall', SB_MB, 'forall (0:r0=1 \\/ 1:r0=1)'), 'Always 3 0');
    expect(r.quantifier).toBe('forall');
    expect(r.ok).toBe(true);
  });

  it('forall fails when one execution does not', () => {
    const r = expectObservation(sb('q-forall-no', SB_ONCE, 'forall (0:r0=1 \\/ 1:r0=1)'), 'Sometimes 3 1');
    expect(r.ok).toBe(false);
  });

  it('negation and disjunction in the proposition', () => {
    expectObservation(sb('q-not-or', SB_ONCE, 'exists (~0:r0=1 \\/ ~1:r0=0)'), 'Sometimes 3 1');
  });

  it('a proposition over final memory values and registers together', () => {
    expectObservation(sb('q-mem', SB_ONCE, 'exists (a=1 /\\ b=1 /\\ 0:r0=1 /\\ 1:r0=1)'), 'Sometimes 1 3');
  });

  it('a register compared with another register', () => {
    expectObservation(sb('q-reg-reg', SB_ONCE, 'exists (0:r0=1:r0)'), 'Sometimes 2 2');
  });
});

describe('filter', () => {
  it('executions failing the filter are dropped before counting', () => {
    const r = expectObservation(sb('f-sb', SB_ONCE, 'filter (0:r0=0)\nexists (1:r0=0)'), 'Sometimes 1 1');
    expect(r.states.map((s) => stateEntries(r, s).find((e) => e.loc === '1:r0')?.value).sort()).toEqual(['0', '1']);
    expect(r.states.map((s) => s.satisfies).sort()).toEqual([false, true]);
  });

  it('a filter that nothing passes leaves no execution (Never 0 0)', () => {
    const r = expectObservation(sb('f-none', SB_MB, 'filter (0:r0=0 /\\ 1:r0=0)\nexists (a=1)'), 'Never 0 0');
    expect(r.states).toEqual([]);
  });

  it('a filter combines with forall: every remaining execution satisfies (Always 2 0)', () => {
    const r = expectObservation(sb('f-forall', SB_ONCE, 'filter (0:r0=1)\nforall (a=1 /\\ b=1)'), 'Always 2 0');
    expect(r.ok).toBe(true);
  });
});

describe('locations', () => {
  it('locations adds memory locations and registers to the final states without changing counts', () => {
    const r = expectObservation(`C loc-sb
{}
P0(int *a, int *b) { WRITE_ONCE(*a, 1); int r0 = READ_ONCE(*b); int r1 = 7; }
P1(int *a, int *b) { WRITE_ONCE(*b, 2); int r0 = READ_ONCE(*a); }
locations [a; b; 0:r1]
exists (0:r0=0 /\\ 1:r0=0)`, 'Sometimes 1 3');
    const table = r.states.map((s) => Object.fromEntries(stateEntries(r, s).map((e) => [e.loc, e.value])));
    expect(table).toHaveLength(4);
    for (const row of table) {
      expect(row).toMatchObject({ a: '1', b: '2', '0:r1': '7' });
      expect(Object.keys(row).sort()).toEqual(['0:r0', '0:r1', '1:r0', 'a', 'b']);
    }
  });

  it('without locations only the condition\'s locations are observed', () => {
    const r = run(sb('loc-none', SB_ONCE, 'exists (0:r0=0 /\\ 1:r0=0)'));
    expect(stateTable(r)).toEqual(['0:r0=0; 1:r0=0 (1)', '0:r0=0; 1:r0=1 (1)', '0:r0=1; 1:r0=0 (1)', '0:r0=1; 1:r0=1 (1)']);
  });

  it('states merge executions with the same observed values', () => {
    // Six executions (three values read by P2 times two coherence orders of
    // x); x is not observed, so each state stands for two executions.
    const r = expectObservation(`C loc-merge
{}
P0(int *x) { WRITE_ONCE(*x, 1); }
P1(int *x) { WRITE_ONCE(*x, 2); }
P2(int *x) { int r0 = READ_ONCE(*x); }
exists (2:r0=0)`, 'Sometimes 2 4');
    expect(stateTable(r)).toEqual(['2:r0=0 (2)', '2:r0=1 (2)', '2:r0=2 (2)']);
  });
});

describe('while loops and the unroll bound', () => {
  const spin = `C spin-flag
{}
P0(int *flag) { WRITE_ONCE(*flag, 1); }
P1(int *flag) { int r0 = READ_ONCE(*flag); while (r0 == 0) r0 = READ_ONCE(*flag); }
exists (1:r0=1)`;

  it('a spin loop keeps the executions that exit within the bound (unroll 2: 3 executions) and reports the cut', () => {
    const r = expectObservation(spin, 'Always 3 0');
    expect(r.loop).toBe(true);
  });

  it('a smaller bound keeps fewer executions (unroll 1: 2 executions)', () => {
    const r = expectObservation(spin, 'Always 2 0', [], { unroll: 1 });
    expect(r.loop).toBe(true);
  });

  it('a larger bound keeps more (unroll 4: 5 executions)', () => {
    const r = expectObservation(spin, 'Always 5 0', [], { unroll: 4 });
    expect(r.loop).toBe(true);
  });

  it('a loop that ends within the bound cuts nothing', () => {
    const r = expectObservation(`C loop-bounded
{}
P0(int *x) { int i = 0; while (i < 2) { WRITE_ONCE(*x, i + 1); i = i + 1; } }
exists (x=2)`, 'Always 1 0');
    expect(r.loop).toBe(false);
  });

  it('the same loop with a bound below its trip count leaves no execution', () => {
    const r = expectObservation(`C loop-too-long
{}
P0(int *x) { int i = 0; while (i < 3) { WRITE_ONCE(*x, i + 1); i = i + 1; } }
exists (x=3)`, 'Never 0 0', [], { unroll: 2 });
    expect(r.loop).toBe(true);
  });

  it('a test without loops reports no cut', () => {
    const r = run(sb('no-loop', SB_ONCE, 'exists (0:r0=0 /\\ 1:r0=0)'));
    expect(r.loop).toBe(false);
  });

  it('spinning on an acquire flag still forbids the stale read (Never 0 3)', () => {
    const r = expectObservation(`C spin-acquire
{}
P0(int *data, int *flag) { WRITE_ONCE(*data, 1); smp_store_release(flag, 1); }
P1(int *data, int *flag) { int r0 = smp_load_acquire(flag); while (r0 == 0) r0 = smp_load_acquire(flag); int r1 = READ_ONCE(*data); }
exists (1:r1=0)`, 'Never 0 3');
    expect(r.loop).toBe(true);
  });

  it('spinning on a relaxed flag does not (Sometimes 3 3)', () => {
    const r = expectObservation(`C spin-once
{}
P0(int *data, int *flag) { WRITE_ONCE(*data, 1); WRITE_ONCE(*flag, 1); }
P1(int *data, int *flag) { int r0 = READ_ONCE(*flag); while (r0 == 0) r0 = READ_ONCE(*flag); int r1 = READ_ONCE(*data); }
exists (1:r1=0)`, 'Sometimes 3 3');
    expect(r.loop).toBe(true);
  });
});

// The subtree shortcut (count every completion when the most permissive one
// passes the model) must never change a result: every test in the library and
// the fixtures gives the same states, counts and flags with and without it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSource } from '../../src/engine/pipeline.js';
import type { RunResult } from '../../src/explore/result.js';
import { run, runnableTests } from './helpers.js';
import { prng } from '../relations/reference.js';


function summary(r: RunResult): unknown {
  return { status: r.status, states: r.states, positive: r.positive, negative: r.negative, flags: r.flags, candidates: r.candidates };
}

const files = runnableTests();

describe('subtree shortcut is exact', () => {
  it('covers a real set of tests', () => {
    expect(files.length).toBeGreaterThan(50);
  });
  for (const f of files) {
    it(f, () => {
      const src = readFileSync(f, 'utf8');
      const fast = runSource(src, f).result;
      const slow = runSource(src, f, { bulk: false }).result;
      if (slow.status !== 'ok') return; // parse/compile errors are other tests' business
      expect(summary(fast)).toEqual(summary(slow));
    });
  }
});

const SB_RING = (n: number): string => {
  const procs = Array.from({ length: n }, (_v, i) =>
    `P${i}(int *x${i}, int *x${(i + 1) % n}) { int r1; WRITE_ONCE(*x${i}, 1); smp_mb(); r1 = READ_ONCE(*x${(i + 1) % n}); }`);
  const cond = Array.from({ length: n }, (_v, i) => `${i}:r1=0`).join(' /\\ ');
  return `C sb-ring-${n}\n{}\n${procs.join('\n')}\nexists (${cond})`;
};

describe('subtree shortcut engages', () => {
  it('a ring with fences needs far fewer model evaluations than executions, and the same answer', () => {
    const fast = run(SB_RING(6));
    const slow = run(SB_RING(6), { bulk: false });
    expect(`${fast.verdict} ${fast.positive} ${fast.negative}`).toBe('Never 0 63');
    expect(summary(fast)).toEqual(summary(slow));
    expect(slow.evaluations!).toBeGreaterThanOrEqual(63);
    expect(fast.evaluations!).toBeLessThan(slow.evaluations! / 2);
  });

  it('the forbidden completion is still excluded when it is the last leaf of a bounded subtree', () => {
    // Without fences the ring is allowed: the shortcut counts all 2^6 outcomes.
    const src = SB_RING(6).replace(/smp_mb\(\); /g, '');
    const fast = run(src);
    expect(`${fast.verdict} ${fast.positive} ${fast.negative}`).toBe('Sometimes 1 63');
    expect(fast.evaluations!).toBeLessThanOrEqual(2);
  });

  it('a race that the union of completions hides is still flagged', () => {
    // With the filter, P1's plain read always sees P0's plain write. When the
    // acquire reads y=0 they race; when it reads y=1 they do not. The union of
    // both choices orders the pair, so only per-execution evaluation finds it.
    const src = `C race-hidden-by-union
{}
P0(int *x, int *y) { *x = 1; smp_store_release(y, 1); }
P1(int *x, int *y) { int r0; int r1; r0 = smp_load_acquire(y); r1 = *x; }
filter (1:r1=1)
exists (1:r0=0)`;
    const fast = run(src);
    expect(`${fast.verdict} ${fast.positive} ${fast.negative}`).toBe('Sometimes 1 1');
    expect(fast.flags).toEqual(['data-race']);
  });

  it('tests with plain accesses keep per-execution evaluation (their race flags vary)', () => {
    const src = `C mp-plain
{}
P0(int *x, int *y) { *x = 1; smp_store_release(y, 1); }
P1(int *x, int *y) { int r0; int r1; r0 = READ_ONCE(*y); r1 = *x; }
exists (1:r0=1 /\\ 1:r1=0)`;
    const fast = run(src);
    const slow = run(src, { bulk: false });
    expect(summary(fast)).toEqual(summary(slow));
    expect(fast.flags).toEqual(['data-race']);
  });
});

// Random small tests mixing plain and marked accesses, fences, RMWs and
// branches: the shortcut must agree with per-execution evaluation on every one.
const STMTS = [
  (l: string, v: number) => `*${l} = ${v};`,
  (l: string, v: number) => `WRITE_ONCE(*${l}, ${v});`,
  (l: string, v: number) => `smp_store_release(${l}, ${v});`,
  (l: string) => `r${reg++} = *${l};`,
  (l: string) => `r${reg++} = READ_ONCE(*${l});`,
  (l: string) => `r${reg++} = smp_load_acquire(${l});`,
  (l: string, v: number) => `r${reg++} = xchg_relaxed(${l}, ${v});`,
  (l: string) => `atomic_inc((atomic_t *)${l});`,
  () => 'smp_mb();',
  () => 'smp_wmb();',
  () => 'smp_rmb();',
  (l: string) => `if (READ_ONCE(*${l})) WRITE_ONCE(*z, 1);`,
  (l: string) => `r${reg++} = READ_ONCE(*${l}); *z = r${reg - 1};`,
];
let reg = 0;

function randomTest(rnd: () => number, k: number): string {
  const locs = ['x', 'y', 'z'];
  const procs: string[] = [];
  for (let p = 0; p < 2 + Math.floor(rnd() * 2); p++) {
    reg = 0;
    const body: string[] = [];
    for (let i = 0; i < 2 + Math.floor(rnd() * 2); i++) {
      const s = STMTS[Math.floor(rnd() * STMTS.length)]!;
      body.push(s(locs[Math.floor(rnd() * 2)]!, 1 + Math.floor(rnd() * 2)));
    }
    const decls = Array.from({ length: reg }, (_v, i) => `int r${i};`).join(' ');
    procs.push(`P${p}(int *x, int *y, int *z) { ${decls} ${body.join(' ')} }`);
  }
  return `C random-${k}\n{}\n${procs.join('\n')}\nexists (x=1 /\\ y=1)`;
}

describe('subtree shortcut on random tests', () => {
  it('agrees with per-execution evaluation on 300 random tests (seeded)', () => {
    const rnd = prng(20261121);
    let racy = 0, checked = 0;
    for (let k = 0; k < 300; k++) {
      const src = randomTest(rnd, k);
      const slow = runSource(src, `random-${k}.litmus`, { bulk: false }).result;
      if (slow.status !== 'ok') continue;
      const fast = runSource(src, `random-${k}.litmus`).result;
      expect(summary(fast), src).toEqual(summary(slow));
      checked++;
      if (slow.flags.includes('data-race')) racy++;
    }
    expect(checked).toBeGreaterThan(250);
    expect(racy).toBeGreaterThan(20);
  });
});

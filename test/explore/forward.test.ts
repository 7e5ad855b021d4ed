// Forward checking (src/explore/explore.ts) drops a remaining choice only when
// the partial execution with it already violates the model, so it must never
// change a result: the same states, counts and flags with it and without it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSource } from '../../src/engine/pipeline.js';
import type { RunResult } from '../../src/explore/result.js';
import { prng } from '../relations/reference.js';
import { run, runnableTests } from './helpers.js';

function summary(r: RunResult): unknown {
  return { status: r.status, states: r.states, positive: r.positive, negative: r.negative, flags: r.flags };
}

describe('forward checking is exact', () => {
  for (const f of runnableTests()) {
    it(f, () => {
      const src = readFileSync(f, 'utf8');
      const without = runSource(src, f, { forward: false }).result;
      if (without.status !== 'ok') return;
      expect(summary(runSource(src, f).result)).toEqual(summary(without));
    });
  }
});

// Store buffering between critical sections of a lock built from
// cmpxchg_acquire/smp_store_release, as the kernel's qspinlock fast path is:
// the lock word has many coherence orders, the data few choices each.
const LOCKED_SB = (n: number): string => {
  const procs = Array.from({ length: n }, (_v, i) => `P${i}(int *sl, int *x${i}, int *x${(i + 1) % n})
{
	int r1;
	int r2;

	r2 = cmpxchg_acquire(sl, 0, 1);
	WRITE_ONCE(*x${i}, 1);
	r1 = READ_ONCE(*x${(i + 1) % n});
	smp_store_release(sl, 0);
}`);
  const cond = Array.from({ length: n }, (_v, i) => `${i}:r1=0 /\\ ${i}:r2=0`).join(' /\\ ');
  return `C locked-sb-${n}\n\n{}\n\n${procs.join('\n\n')}\n\nexists (${cond})\n`;
};

describe('forward checking engages', () => {
  it('on a cmpxchg lock word it needs fewer model evaluations for the same answer', () => {
    const fast = run(LOCKED_SB(3));
    const slow = run(LOCKED_SB(3), { forward: false });
    expect(summary(fast)).toEqual(summary(slow));
    expect(fast.verdict).toBe('Never');
    expect(fast.evaluations!).toBeLessThan(slow.evaluations!);
  });
});

// Random small tests with RMW lock words, fences, branches and plain accesses.
const STMTS = [
  (l: string, v: number) => `WRITE_ONCE(*${l}, ${v});`,
  (l: string, v: number) => `smp_store_release(${l}, ${v});`,
  (l: string, v: number) => `*${l} = ${v};`,
  (l: string) => `r${reg++} = READ_ONCE(*${l});`,
  (l: string) => `r${reg++} = smp_load_acquire(${l});`,
  (l: string) => `r${reg++} = xchg_acquire(${l}, 1);`,
  (l: string) => `r${reg++} = cmpxchg_acquire(${l}, 0, 1);`,
  (l: string) => `r${reg++} = atomic_inc_return_relaxed((atomic_t *)${l});`,
  () => 'smp_mb();',
  (l: string) => `if (READ_ONCE(*${l})) WRITE_ONCE(*z, 1);`,
];
let reg = 0;

function randomTest(rnd: () => number, k: number): string {
  const locs = ['x', 'y', 'z'];
  const procs: string[] = [];
  const atoms: string[] = [];
  for (let p = 0; p < 2 + Math.floor(rnd() * 2); p++) {
    reg = 0;
    const body: string[] = [];
    for (let i = 0; i < 3 + Math.floor(rnd() * 2); i++) {
      const st = STMTS[Math.floor(rnd() * STMTS.length)]!;
      body.push(st(locs[Math.floor(rnd() * 3)]!, Math.floor(rnd() * 2)));
    }
    for (let i = 0; i < reg; i++) if (rnd() < 0.5) atoms.push(`${p}:r${i}=${Math.floor(rnd() * 2)}`);
    const decls = Array.from({ length: reg }, (_v, i) => `int r${i};`).join(' ');
    procs.push(`P${p}(int *x, int *y, int *z) { ${decls} ${body.join(' ')} }`);
  }
  return `C random-${k}\n{}\n${procs.join('\n')}\nexists (${atoms.length ? atoms.join(' /\\ ') : 'x=1'})`;
}

describe('forward checking on random tests', () => {
  it('agrees with the search without it on 300 random tests (seeded)', () => {
    const rnd = prng(20261123);
    let checked = 0, fewer = 0;
    for (let k = 0; k < 300; k++) {
      const src = randomTest(rnd, k);
      const without = runSource(src, `random-${k}.litmus`, { forward: false }).result;
      if (without.status !== 'ok') continue;
      const withIt = runSource(src, `random-${k}.litmus`).result;
      expect(summary(withIt), src).toEqual(summary(without));
      checked++;
      if (withIt.candidates < without.candidates) fewer++;
    }
    expect(checked).toBeGreaterThan(250);
    expect(fewer).toBeGreaterThan(10);
  });
});

describe('interchangeable choices counted as groups', () => {
  it('many coherence orders with the same values are counted exactly', () => {
    // Four writers of 1 and a reader: 24 coherence orders times 5 sources,
    // but only two value signatures (the read sees 0 or 1; x ends at 1).
    const writers = [0, 1, 2, 3].map((i) => `P${i}(int *x) { WRITE_ONCE(*x, 1); }`).join('\n');
    const src = `C four-writers\n{}\n${writers}\nP4(int *x, int *y) { int r0; int r1; r0 = READ_ONCE(*x); r1 = READ_ONCE(*y); }\nexists (4:r0=1)`;
    const grouped = run(src);
    const each = run(src, { bulk: false });
    expect(`${grouped.verdict} ${grouped.positive} ${grouped.negative}`).toBe('Sometimes 96 24');
    expect(summary(grouped)).toEqual(summary(each));
    expect(grouped.candidates).toBe(each.candidates);
    expect(grouped.states.map((s) => s.executions)).toEqual([24, 96]);
  });
});

// Settling a verdict after a limit (src/engine/settle.ts). The restricted
// search must count exactly the executions that reach the target outcome, on
// every test we have; the verdict it gives must then be the full run's; and
// the reporters and the judge must say which numbers are exact.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/events/build.js';
import { runSource } from '../../src/engine/pipeline.js';
import { settledVerdict } from '../../src/engine/settle.js';
import { explore } from '../../src/explore/explore.js';
import { judge } from '../../src/engine/judge.js';
import { formatHerd } from '../../src/report/herd.js';
import { prng } from '../relations/reference.js';
import { runnableTests } from '../explore/helpers.js';


/** The full run's count on the target side, and the restricted search's. */
function targetCounts(src: string, file: string): { full: number; restricted: number; candidates: [number, number] } | undefined {
  const { result, test } = runSource(src, file);
  if (result.status !== 'ok' || !test) return undefined;
  const side = result.quantifier === 'forall' ? 'negative' : 'positive';
  const restricted = explore(buildProgram(test, { settle: true }));
  expect(restricted.limit).toBeUndefined();
  // Every restricted execution is a real one: never more of either kind than the full run has.
  expect(restricted.positive).toBeLessThanOrEqual(result.positive);
  expect(restricted.negative).toBeLessThanOrEqual(result.negative);
  return { full: result[side], restricted: restricted[side], candidates: [result.candidates, restricted.candidates] };
}

const files = runnableTests();

describe('the restricted search counts the target outcome exactly', () => {
  it('covers a real set of tests, and restricts some of them', () => {
    expect(files.length).toBeGreaterThan(50);
    let smaller = 0;
    for (const f of files.slice(0, 40)) {
      const c = targetCounts(readFileSync(f, 'utf8'), f);
      if (c && c.candidates[1] < c.candidates[0]) smaller++;
    }
    expect(smaller).toBeGreaterThan(10);
  });
  for (const f of files) {
    it(f, () => {
      const c = targetCounts(readFileSync(f, 'utf8'), f);
      if (c) expect(c.restricted).toBe(c.full);
    });
  }
});

// Random tests whose conditions test registers, under every quantifier, with
// negations, disjunctions and implications.
const LOADS = ['READ_ONCE(*{l})', 'smp_load_acquire({l})', '*{l}', 'xchg({l}, 2)', 'cmpxchg({l}, 1, 2)', 'atomic_inc_return((atomic_t *){l})'];
const STORES = ['WRITE_ONCE(*{l}, {v});', 'smp_store_release({l}, {v});', '*{l} = {v};', 'smp_mb();', 'smp_wmb();', 'smp_rmb();'];

function randomTest(rnd: () => number, k: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const locs = ['x', 'y'];
  const procs: string[] = [];
  const atoms: string[] = [];
  const nproc = 2 + Math.floor(rnd() * 2);
  for (let p = 0; p < nproc; p++) {
    const body: string[] = [];
    let regs = 0;
    for (let i = 0; i < 3; i++) {
      if (rnd() < 0.5) {
        body.push(`r${regs} = ${pick(LOADS).replace('{l}', pick(locs))};`);
        if (rnd() < 0.3) body.push(`if (r${regs}) WRITE_ONCE(*z, r${regs});`);
        atoms.push(`${p}:r${regs}=${Math.floor(rnd() * 3)}`);
        regs++;
      } else body.push(pick(STORES).replace('{l}', pick(locs)).replace('{v}', String(1 + Math.floor(rnd() * 2))));
    }
    const decls = Array.from({ length: regs }, (_v, i) => `int r${i};`).join(' ');
    procs.push(`P${p}(int *x, int *y, int *z) { ${decls} ${body.join(' ')} }`);
  }
  const chosen = atoms.filter(() => rnd() < 0.7);
  if (chosen.length === 0) chosen.push('x=1');
  let cond = chosen.map((a) => (rnd() < 0.15 ? `~${a}` : a)).join(' /\\ ');
  const shape = rnd();
  if (shape < 0.15) cond = `${cond} \\/ y=2`;
  else if (shape < 0.25) cond = `~(${cond})`;
  else if (shape < 0.3) cond = `x=1 => (${cond})`;
  const q = pick(['exists', 'exists', '~exists', 'forall']);
  return `C random-${k}\n{}\n${procs.join('\n')}\n${q} (${cond})`;
}

describe('the restricted search on random tests', () => {
  it('counts the target outcome exactly on 300 random tests (seeded)', () => {
    const rnd = prng(20261122);
    let checked = 0, restricted = 0;
    for (let k = 0; k < 300; k++) {
      const src = randomTest(rnd, k);
      const c = targetCounts(src, `random-${k}.litmus`);
      if (!c) continue;
      expect(c.restricted, src).toBe(c.full);
      checked++;
      if (c.candidates[1] < c.candidates[0]) restricted++;
    }
    expect(checked).toBeGreaterThan(250);
    expect(restricted).toBeGreaterThan(50);
  });
});

describe('settledVerdict', () => {
  it('decides only what an exact count and a lower bound can decide', () => {
    expect(settledVerdict('positive', 0, 5)).toBe('Never');
    expect(settledVerdict('positive', 3, 5)).toBe('Sometimes');
    expect(settledVerdict('positive', 3, 0)).toBeUndefined(); // Always, or Sometimes later
    expect(settledVerdict('positive', 0, 0)).toBeUndefined(); // never "Never 0 0" (read as DEADLOCK)
    expect(settledVerdict('negative', 4, 0)).toBe('Always');
    expect(settledVerdict('negative', 4, 2)).toBe('Sometimes');
    expect(settledVerdict('negative', 0, 2)).toBeUndefined();
    expect(settledVerdict('negative', 0, 0)).toBeUndefined();
  });
});

// A ring of store-buffering threads with full fences: 2^8 executions, of
// which the all-zero outcome is forbidden.
const RING = (n: number, fence: string, result: string, plain = false): string => {
  const procs = Array.from({ length: n }, (_v, i) => {
    // A plain store to a location no other thread touches: it never races, but it could have.
    const own = plain && i === 0 ? ', int *p' : '', w = plain && i === 0 ? ' *p = 1;' : '';
    return `P${i}(int *x${i}, int *x${(i + 1) % n}${own}) { int r1;${w} WRITE_ONCE(*x${i}, 1); ${fence} r1 = READ_ONCE(*x${(i + 1) % n}); }`;
  });
  const cond = Array.from({ length: n }, (_v, i) => `${i}:r1=0`).join(' /\\ ');
  return `C ring-${n}\n(* Result: ${result} *)\n{}\n${procs.join('\n')}\nexists (${cond})`;
};

describe('a run stopped at a limit', () => {
  it('settles Never, exact on the Positive side, and the judge accepts a matching Result comment', () => {
    const { result: r } = runSource(RING(8, 'smp_mb();', 'Never'), 'ring.litmus', { maxExecutions: 20, bulk: false });
    expect(r.status).toBe('limit');
    expect(r.settled).toMatchObject({ exact: 'positive', raceFree: true });
    expect(r.verdict).toBe('Never');
    expect(r.positive).toBe(0);
    expect(r.negative).toBeGreaterThan(0);
    expect(r.negative).toBeLessThan(255);
    expect(judge(r).status).toBe('pass');
    const herd = formatHerd(r);
    expect(herd).toMatch(/^Warning: ring-8: stopped after 20 candidate executions \(--max-executions\): the verdict is exact/m);
    expect(herd).toMatch(new RegExp(`^Observation ring-8 Never 0 ${r.negative}$`, 'm'));
  });

  it('fails a contradicting Result comment for sure', () => {
    const { result: r } = runSource(RING(8, 'smp_mb();', 'Sometimes'), 'ring.litmus', { maxExecutions: 20, bulk: false });
    expect(r.settled).toBeDefined();
    const j = judge(r);
    expect(j.status).toBe('fail');
    expect(j.reasons[0]).toContain('Result: Sometimes, but the observation is Never');
  });

  it('settles Sometimes when the partial run has seen the other kind', () => {
    const { result: r } = runSource(RING(8, '', 'Sometimes'), 'ring.litmus', { maxExecutions: 20, bulk: false });
    expect(r.status).toBe('limit');
    expect(`${r.verdict} ${r.positive}`).toBe('Sometimes 1');
    expect(r.states.filter((s) => s.satisfies)).toEqual([{ values: Array(8).fill('0'), executions: 1, satisfies: true }]);
    expect(judge(r).status).toBe('pass');
  });

  it('does not judge a test whose plain accesses could still raise data-race', () => {
    const { result: r } = runSource(RING(8, 'smp_mb();', 'Never', true), 'ring.litmus', { maxExecutions: 20, bulk: false });
    expect(r.settled).toMatchObject({ raceFree: false });
    expect(r.flags).toEqual([]);
    const j = judge(r);
    expect(j.status).toBe('error');
    expect(j.reasons.join(' ')).toContain('the result cannot be judged');
  });

  it('stays unsettled (and prints no herd block) when the counts decide nothing', () => {
    // forall over a proposition every execution satisfies: no Negative
    // execution exists, and a limit hit before any execution is counted
    // leaves the Positive side at zero.
    const src = `C all-ok\n{}\nP0(int *x) { WRITE_ONCE(*x, 1); }\nP1(int *x) { int r0; r0 = READ_ONCE(*x); }\nforall (1:r0=0 \\/ 1:r0=1)`;
    const { result: r } = runSource(src, 'all-ok.litmus', { maxExecutions: 0, bulk: false });
    expect(r.status).toBe('limit');
    expect(r.settled).toBeUndefined();
    expect(formatHerd(r)).toBe('');
  });

  it('can be told not to settle', () => {
    const { result: r } = runSource(RING(8, 'smp_mb();', 'Never'), 'ring.litmus', { maxExecutions: 20, bulk: false, settle: false });
    expect(r.settled).toBeUndefined();
    expect(judge(r).status).toBe('error');
  });
});

describe('targetOnly runs (fix screening)', () => {
  it('count the target side exactly, explore fewer candidates, and never settle again', () => {
    const src = RING(6, '', 'Sometimes');
    const full = runSource(src, 'ring.litmus').result;
    const target = runSource(src, 'ring.litmus', { targetOnly: true }).result;
    expect(target.positive).toBe(full.positive);
    expect(target.candidates).toBeLessThan(full.candidates);
    const limited = runSource(src, 'ring.litmus', { targetOnly: true, maxExecutions: 0 }).result;
    expect(limited.status).toBe('limit');
    expect(limited.settled).toBeUndefined();
  });
});

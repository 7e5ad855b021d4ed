// Every shortcut of the search (prefix pruning, forward checking, boxes,
// subtree bounds, grouped and memoised counting, the per-node rmw-sequence)
// against the plain enumeration: with keepRejected the explorer judges every
// candidate execution on its own, with the model evaluated from scratch.
// Random tests mix spinlocks (whose lock reads are in lock.cat's lk-rmw) with
// atomic RMWs, so rmw-sequence runs through both.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explore } from '../../src/explore/explore.js';
import { prng } from '../relations/reference.js';
import { runnableTests } from './helpers.js';
import { outcomeSummary, programOf } from './programs.js';


/** Same states, counts, flags and loop as the plain enumeration (tests it cannot finish are skipped). */
function expectLikeReference(src: string, label: string): boolean {
  const program = programOf(src);
  if (!program) return false;
  const reference = explore(program, { keepRejected: 1, maxExecutions: 20_000 });
  if (reference.limit) return false;
  expect(outcomeSummary(explore(program)), label).toEqual(outcomeSummary(reference));
  return true;
}

const BODY = [
  (r: () => number) => `WRITE_ONCE(*x, ${1 + Math.floor(r() * 2)});`,
  () => 'r0 = READ_ONCE(*y);',
  () => 'r1 = READ_ONCE(*x);',
  () => 'smp_store_release(y, 1);',
  () => 'r2 = smp_load_acquire(x);',
  () => 'r3 = xchg_relaxed(a, 1);',
  () => 'r4 = xchg_acquire(a, 2);',
  () => 'r5 = atomic_inc_return_relaxed((atomic_t *)a);',
  () => 'smp_mb__after_unlock_lock();',
  () => 'smp_mb();',
];

function randomLockAndRmw(rnd: () => number, k: number): string {
  const procs: string[] = [];
  const atoms: string[] = [];
  const nthreads = 2 + Math.floor(rnd() * 2);
  for (let p = 0; p < nthreads; p++) {
    const body: string[] = [];
    const locked = rnd() < 0.7;
    if (locked) body.push('spin_lock(s);');
    for (let i = 0; i < 2 + Math.floor(rnd() * 2); i++) body.push(BODY[Math.floor(rnd() * BODY.length)]!(rnd));
    if (locked) body.push('spin_unlock(s);');
    if (rnd() < 0.5) body.push(BODY[Math.floor(rnd() * BODY.length)]!(rnd));
    const text = body.join('\n\t');
    for (const m of text.matchAll(/r(\d) = /g)) if (rnd() < 0.4) atoms.push(`${p}:r${m[1]}=${Math.floor(rnd() * 3)}`);
    procs.push(`P${p}(spinlock_t *s, int *x, int *y, int *a)\n{\n\tint r0; int r1; int r2; int r3; int r4; int r5;\n\t${text}\n}`);
  }
  const cond = atoms.length ? atoms.slice(0, 3).join(' /\\ ') : 'x=1';
  return `C random-lock-rmw-${k}\n\n{}\n\n${procs.join('\n\n')}\n\nexists (${cond})\n`;
}

describe('the search agrees with the plain enumeration', () => {
  it.each([0, 1, 2])('on random tests mixing spinlocks and atomic RMWs (seed %i)', (seed) => {
    const rnd = prng(9100 + seed);
    let compared = 0;
    for (let k = 0; k < 50; k++) {
      const src = randomLockAndRmw(rnd, k);
      if (expectLikeReference(src, src)) compared++;
    }
    expect(compared).toBeGreaterThan(35);
  });

  const files = runnableTests().filter((f) => /lock|rmw|xchg|atomic|gup|spin/i.test(f));
  it.each(files)('%s', (f) => {
    expectLikeReference(readFileSync(f, 'utf8'), f);
  });
});

// Explorer-level helpers for the memo and shard tests: compile litmus source to
// a Program (RunOptions has no switch for these explorer options), summarise an
// ExploreOutcome, and generate random tests built around lock words.
import { compileTest } from '../../src/engine/pipeline.js';
import type { Program } from '../../src/events/program.js';
import type { ExploreOutcome } from '../../src/explore/explore.js';
import { hasErrors } from '../../src/diagnostics/diagnostic.js';
import { parseLitmus } from '../../src/litmus/parse.js';

/** The compiled program, or undefined when the source does not parse or compile (other tests' business). */
export function programOf(source: string, file = 'inline.litmus'): Program | undefined {
  const { test, diagnostics } = parseLitmus(source, file);
  if (!test || hasErrors(diagnostics)) return undefined;
  try {
    return compileTest(test);
  } catch {
    return undefined;
  }
}

/** What a search reports, independent of how it got there. */
export function outcomeSummary(o: ExploreOutcome): unknown {
  return { limit: o.limit?.kind, states: o.states, positive: o.positive, negative: o.negative, flags: o.flags, loop: o.loop };
}

/**
 * Store buffering between critical sections of `n` threads guarded by a lock
 * word taken with xchg_acquire (or cmpxchg_acquire) and released with
 * smp_store_release: many coherence orders of the lock word, few values.
 */
export function lockedSb(n: number, take: 'xchg' | 'cmpxchg' = 'xchg'): string {
  const lock = take === 'xchg' ? 'xchg_acquire(sl, 1)' : 'cmpxchg_acquire(sl, 0, 1)';
  const procs = Array.from({ length: n }, (_v, i) => `P${i}(int *sl, int *x${i}, int *x${(i + 1) % n})
{
	int r1;
	int r2;

	r2 = ${lock};
	WRITE_ONCE(*x${i}, 1);
	r1 = READ_ONCE(*x${(i + 1) % n});
	smp_store_release(sl, 0);
}`);
  const cond = Array.from({ length: n }, (_v, i) => `${i}:r1=0 /\\ ${i}:r2=0`).join(' /\\ ');
  return `C locked-sb-${n}-${take}\n\n{}\n\n${procs.join('\n\n')}\n\nexists (${cond})\n`;
}

/**
 * A random test of 2-4 threads: each optionally takes the lock word `l` (by
 * xchg_acquire or cmpxchg_acquire), then does a few marked accesses (at most three threads lock) to x/y and
 * releases the lock by smp_store_release (or not). Every write stores a
 * constant, so the explorer's grouped counting and memo apply. The condition
 * is exists, ~exists or forall over some registers and final values, and a
 * filter is added now and then.
 */
export function randomLockTest(rnd: () => number, k: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const threads = 2 + Math.floor(rnd() * 3);
  const procs: string[] = [];
  const atoms: string[] = [];
  let lockers = 0;
  for (let p = 0; p < threads; p++) {
    let reg = 0;
    const body: string[] = [];
    const locked = lockers < 3 && rnd() < 0.75;
    if (locked) lockers++;
    if (locked) body.push(rnd() < 0.5 ? `r${reg++} = xchg_acquire(l, 1);` : `r${reg++} = cmpxchg_acquire(l, 0, 1);`);
    const len = 1 + Math.floor(rnd() * (threads > 3 ? 1.5 : 3));
    for (let i = 0; i < len; i++) {
      const loc = pick(['x', 'y']);
      const v = 1 + Math.floor(rnd() * 2);
      const stmt = pick([
        `WRITE_ONCE(*${loc}, ${v});`, `r${reg} = READ_ONCE(*${loc});`, `smp_store_release(${loc}, ${v});`,
        `r${reg} = smp_load_acquire(${loc});`, `r${reg} = READ_ONCE(*${loc});`,
      ]);
      if (stmt.startsWith('r')) reg++;
      body.push(stmt);
    }
    if (locked && rnd() < 0.85) body.push('smp_store_release(l, 0);');
    for (let i = 0; i < reg; i++) if (rnd() < 0.4) atoms.push(`${p}:r${i}=${Math.floor(rnd() * 3)}`);
    const decls = Array.from({ length: reg }, (_v, i) => `int r${i};`).join(' ');
    procs.push(`P${p}(int *l, int *x, int *y) { ${decls} ${body.join(' ')} }`);
  }
  if (atoms.length === 0 || rnd() < 0.3) atoms.push(`${pick(['x', 'y', 'l'])}=${Math.floor(rnd() * 3)}`);
  const cond = atoms.join(rnd() < 0.7 ? ' /\\ ' : ' \\/ ');
  const quant = pick(['exists', 'exists', '~exists', 'forall']);
  const filter = rnd() < 0.2 ? `filter (${pick(['x', 'y'])}=${Math.floor(rnd() * 3)})\n` : '';
  return `C random-lock-${k}\n{}\n${procs.join('\n')}\n${filter}${quant} (${cond})\n`;
}

// One large test on several threads (src/engine/parallel.ts). The helper
// threads run the compiled dist/engine/share-worker.js, found next to the
// module: under vitest (src/*.ts) it is absent and every test runs on one
// thread, so the end-to-end tests import the compiled pipeline from dist/.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { claim, CLAIM, estimateCandidates, PARALLEL_MIN_ESTIMATE, shouldShare } from '../../src/engine/parallel.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSource } from '../../src/engine/pipeline.js';
import type { RunResult } from '../../src/explore/result.js';
import { PrimitiveRegistry } from '../../src/kernel/primitives.js';
import { lockedSb, programOf } from '../explore/programs.js';

const SB = (extra0 = '', extra1 = ''): string => `C sb
{}
P0(int *x, int *y) { int r0; int r2; WRITE_ONCE(*x, 1); r0 = READ_ONCE(*y); ${extra0} }
P1(int *x, int *y) { int r1; int r3; WRITE_ONCE(*y, 1); r1 = READ_ONCE(*x); ${extra1} }
exists (0:r0=0 /\\ 1:r1=0)`;

const estimate = (src: string): number => estimateCandidates(programOf(src)!);

function summary(r: RunResult): unknown {
  return { status: r.status, verdict: r.verdict, ok: r.ok, states: r.states, positive: r.positive, negative: r.negative, flags: r.flags, loop: r.loop };
}

describe('claiming a share', () => {
  it('exactly one side wins each request, in order', () => {
    const flag = new Int32Array(new SharedArrayBuffer(8));
    expect(claim(flag, 1, -1)).toBe(true); // the requesting thread takes request 1
    expect(claim(flag, 1, 1)).toBe(false); // so the helper skips it
    expect(flag[CLAIM]).toBe(-1);
    expect(claim(flag, 2, 1)).toBe(true); // the helper starts request 2 first
    expect(claim(flag, 2, -1)).toBe(false);
    expect(claim(flag, 3, -1)).toBe(true);
  });

  it('a request cannot be claimed before the previous one is decided', () => {
    const flag = new Int32Array(new SharedArrayBuffer(8));
    expect(claim(flag, 2, 1)).toBe(false);
    expect(claim(flag, 2, -1)).toBe(false);
    expect(claim(flag, 1, 1)).toBe(true);
    expect(claim(flag, 2, -1)).toBe(true);
  });
});

describe('estimateCandidates', () => {
  it('is 1 for a test without shared accesses', () => {
    expect(estimate('C none\n{}\nP0() { int r0; r0 = 1; }\nP1() { int r1; r1 = 2; }\nexists (0:r0=1)')).toBe(1);
  });

  it('follows its formula on store buffering: per location 2! coherence orders times 2^1 sources', () => {
    // each location: the initial write and one more, one read
    expect(estimate(SB())).toBe(16);
  });

  it('grows strictly with more writes and more reads, and stays >= 1', () => {
    const base = estimate(SB());
    const moreWrite = estimate(SB('WRITE_ONCE(*x, 2);'));
    const moreRead = estimate(SB('r2 = READ_ONCE(*x);'));
    const both = estimate(SB('WRITE_ONCE(*x, 2);', 'r3 = READ_ONCE(*x);'));
    expect(base).toBeGreaterThanOrEqual(1);
    expect(moreWrite).toBeGreaterThan(base);
    expect(moreRead).toBeGreaterThan(base);
    expect(both).toBeGreaterThan(Math.max(moreWrite, moreRead));
  });

  it('grows with the number of locked threads, past the threshold at four', () => {
    const sizes = [2, 3, 4, 5].map((n) => estimate(lockedSb(n, 'xchg')));
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]!).toBeGreaterThan(sizes[i - 1]!);
    expect(sizes[1]!).toBeLessThan(PARALLEL_MIN_ESTIMATE);
    expect(sizes[2]!).toBeGreaterThanOrEqual(PARALLEL_MIN_ESTIMATE);
  });

  it('multiplies by the path combinations of the threads', () => {
    const program = programOf(SB('if (r0) r2 = 1;'))!;
    expect(program.threads[0]!.length).toBe(2);
    expect(estimateCandidates(program)).toBe(2 * estimate(SB('r2 = 1;')));
  });
});

describe('shouldShare', () => {
  const big = programOf(lockedSb(4, 'cmpxchg'))!;

  it('is false for one thread, an execution limit, examples, rejected executions or a registry', () => {
    expect(estimateCandidates(big)).toBeGreaterThanOrEqual(PARALLEL_MIN_ESTIMATE);
    expect(shouldShare(big, {}, {})).toBe(false);
    expect(shouldShare(big, { threads: 1 }, {})).toBe(false);
    expect(shouldShare(big, { threads: 0 }, {})).toBe(false);
    expect(shouldShare(big, { threads: 4, maxExecutions: 10 }, { maxExecutions: 10 })).toBe(false);
    expect(shouldShare(big, { threads: 4, explain: true }, { keepExamples: true })).toBe(false);
    expect(shouldShare(big, { threads: 4 }, { keepRejected: 8 })).toBe(false);
    expect(shouldShare(big, { threads: 4, registry: new PrimitiveRegistry() }, {})).toBe(false);
  });

  it('is false under vitest, where the helper entry src/engine/share-worker.js does not exist', () => {
    expect(existsSync('src/engine/share-worker.js')).toBe(false);
    expect(shouldShare(big, { threads: 4 }, {})).toBe(false);
  });

  it('runSource with threads falls back to one thread with the same result', () => {
    const src = lockedSb(4, 'cmpxchg');
    const one = runSource(src, 'locked.litmus', { threads: 1 }).result;
    expect(one.status).toBe('ok');
    expect(summary(runSource(src, 'locked.litmus', { threads: 3 }).result)).toEqual(summary(one));
  });
});

type Pipeline = typeof import('../../src/engine/pipeline.js');
type Parallel = typeof import('../../src/engine/parallel.js');
type Parse = typeof import('../../src/litmus/parse.js');
type Explore = typeof import('../../src/explore/explore.js');

/** A module of the compiled build, typed as its source (dist has no declarations). */
async function fromDist<T>(path: string): Promise<T> {
  return (await import(pathToFileURL(resolve('dist', path)).href)) as T;
}

/** A load-buffering ring of `n` processes: a large estimate, no atomic RMW. */
const ring = (n: number): string => {
  const procs = Array.from({ length: n }, (_v, i) => `P${i}(int *x${i}, int *x${(i + 1) % n}) { int r0; r0 = READ_ONCE(*x${i}); WRITE_ONCE(*x${(i + 1) % n}, 1); }`);
  return `C ring\n{}\n${procs.join('\n')}\nexists (${Array.from({ length: n }, (_v, i) => `${i}:r0=1`).join(' /\\ ')})`;
};

describe.skipIf(!existsSync('dist/engine/share-worker.js'))('several threads on one test (compiled build)', () => {
  it('a large test without atomic RMWs (mostly counting) is not shared', async () => {
    const { shouldShare: distShould } = await fromDist<Parallel>('engine/parallel.js');
    const { estimateCandidates: distEstimate, PARALLEL_MIN_ESTIMATE: min } = await fromDist<Parallel>('engine/parallel.js');
    const program = await distProgram(ring(18));
    expect(distEstimate(program)).toBeGreaterThanOrEqual(min);
    expect(distShould(program, { threads: 2 }, {})).toBe(false);
  });

  it('the CLI prints the same with --threads 2 as with --threads 1, in a fresh process (where the first share is often taken back from a helper still starting)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lc-par-'));
    const file = join(dir, 'locked.litmus');
    writeFileSync(file, lockedSb(4, 'xchg'));
    const run = (threads: string) => spawnSync(process.execPath, ['bin/litmus-check.js', 'run', '--format', 'json', '--threads', threads, file], { encoding: 'utf8' });
    const one = run('1'), two = run('2');
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    const strip = (out: string) => {
      const j = JSON.parse(out) as { results: Array<Record<string, unknown>> };
      return j.results.map((r) => ({ ...r, counts: { ...(r.counts as object), candidates: 0 } }));
    };
    expect(strip(two.stdout)).toEqual(strip(one.stdout));
  });

  const distProgram = async (src: string) => {
    const { parseLitmus } = await fromDist<Parse>('litmus/parse.js');
    const { compileTest } = await fromDist<Pipeline>('engine/pipeline.js');
    return compileTest(parseLitmus(src, 'inline.litmus').test!);
  };

  it('a large locked store buffering is shared, and threads: 2 and 3 give the one-thread result', async () => {
    const { runSource: distRun } = await fromDist<Pipeline>('engine/pipeline.js');
    const { shouldShare: distShould } = await fromDist<Parallel>('engine/parallel.js');
    const src = lockedSb(4, 'xchg');
    expect(distShould(await distProgram(src), { threads: 2 }, {})).toBe(true);
    const one = distRun(src, 'locked.litmus', { threads: 1 }).result;
    expect(one.status).toBe('ok');
    expect(one.verdict).toBe('Never');
    expect(one.negative).toBeGreaterThan(1000);
    for (const threads of [2, 3]) expect(summary(distRun(src, 'locked.litmus', { threads }).result)).toEqual(summary(one));
  });

  it('exploreShared adds up its helpers\' shares, for consecutive different tests on the same helpers', async () => {
    const { exploreShared } = await fromDist<Parallel>('engine/parallel.js');
    const { explore } = await fromDist<Explore>('explore/explore.js');
    const pick = (o: { states: unknown; positive: number; negative: number; flags: string[]; limit?: unknown }) =>
      ({ states: o.states, positive: o.positive, negative: o.negative, flags: o.flags, limit: o.limit });
    // a satisfiable condition too, so Positive is shared as well as Negative
    const sometimes = lockedSb(4, 'cmpxchg').replace(/exists \(.*\)/, 'exists (0:r1=1 /\\ 1:r1=0)');
    for (const src of [lockedSb(4, 'cmpxchg'), lockedSb(4, 'xchg'), sometimes]) {
      const program = await distProgram(src);
      const whole = explore(program, {});
      const shared = exploreShared(program, src, 'inline.litmus', { threads: 3 }, { timeoutMs: 60_000 });
      expect(pick(shared)).toEqual(pick(whole));
    }
    const p = await distProgram(sometimes);
    const w = explore(p, {});
    expect(w.positive).toBeGreaterThan(0);
    expect(w.negative).toBeGreaterThan(0);
  });

  it('a test below the threshold is not shared and gives the same result', async () => {
    const { runSource: distRun } = await fromDist<Pipeline>('engine/pipeline.js');
    const { shouldShare: distShould } = await fromDist<Parallel>('engine/parallel.js');
    const src = lockedSb(3, 'xchg');
    expect(distShould(await distProgram(src), { threads: 2 }, {})).toBe(false);
    expect(summary(distRun(src, 'l.litmus', { threads: 2 }).result)).toEqual(summary(distRun(src, 'l.litmus').result));
  });
});

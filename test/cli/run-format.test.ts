// `litmus-check run` with the registry's formats, and the worker pool (using
// the compiled worker in dist/, so these run after `npm run build`).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runFiles } from '../../src/engine/worker-pool.js';
import { runFile } from '../../src/engine/pipeline.js';
import { cli } from './helpers.js';

const FIX = 'test/fixtures/check';
const built = existsSync('dist/engine/worker.js') && existsSync('dist/cli/main.js');

describe('a run stopped at a limit', () => {
  const RING = 'test/fixtures/limit/ring8-mb.litmus';
  it('prints the herd block of a settled verdict, with the Warning line', async () => {
    const r = await cli(['run', '--format', 'herd', '--max-executions', '20', RING]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Warning: ring8-mb: stopped after 20 candidate executions \(--max-executions\): the verdict is exact: .*\(1 candidate execution\), so the Positive count/m);
    expect(r.out).toMatch(/^Observation ring8-mb Never 0 \d+$/m);
    expect(r.err).toContain('the verdict is exact (settled), the counts are partial');
  });

  it('prints no herd block with --no-settle, and check cannot judge it', async () => {
    const r = await cli(['run', '--format', 'herd', '--no-settle', '--max-executions', '20', RING]);
    expect(r.out).toBe('');
    expect(r.err).toContain('results are partial');
    const c = await cli(['check', '--no-color', '--no-settle', '--max-executions', '20', RING]);
    expect(c.code).toBe(2);
    const settled = await cli(['check', '--no-color', '--max-executions', '20', RING]);
    expect(settled.code).toBe(0);
    expect(settled.out).toContain('Never (verdict settled after max-executions; counts partial)');
  });
});

describe('run --format', () => {
  it('text by default, exit 0, states and verdict', async () => {
    const r = await cli(['run', '--no-color', `${FIX}/pass/SB.litmus`]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('SB  test/fixtures/check/pass/SB.litmus\n  exists (0:r0=0 /\\ 1:r0=0)\n  4 final states (* satisfies the condition):\n');
    expect(r.out).toContain('    * 0:r0=0  1:r0=0  (1 execution)\n');
    expect(r.out).toContain('  Result: Sometimes (test/fixtures/check/pass/SB.litmus:4): holds\n');
  });

  it('every registry format is accepted', async () => {
    for (const f of ['text', 'herd', 'json', 'junit', 'sarif', 'mail']) {
      const r = await cli(['run', '--format', f, `${FIX}/pass/SB+mbs.litmus`, `${FIX}/pass/SB.litmus`]);
      expect(r.code, f).toBe(0);
      expect(r.out.length, f).toBeGreaterThan(0);
    }
    expect((await cli(['run', '--format', 'xml', `${FIX}/pass/SB.litmus`])).code).toBe(2);
  });

  it('keeps its exit code 2 on parse errors; machine formats include the error', async () => {
    const r = await cli(['run', '--format', 'junit', `${FIX}/error/bad-syntax.litmus`, `${FIX}/pass/SB.litmus`]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('<error message="test/fixtures/check/error/bad-syntax.litmus:11:19');
    expect(r.err).toContain('bad-syntax.litmus:11:19');
    const t = await cli(['run', `${FIX}/error/bad-syntax.litmus`]);
    expect(t.code).toBe(2);
    expect(t.out).toBe('');
  });

  it('run mode judges nothing into its exit code', async () => {
    expect((await cli(['run', `${FIX}/fail/SB+mbs-wrong.litmus`])).code).toBe(0);
  });
});

describe.skipIf(!built)('worker pool (compiled worker)', () => {
  const files = [
    `${FIX}/pass/SB.litmus`, `${FIX}/error/bad-syntax.litmus`, `${FIX}/pass/SB+mbs.litmus`,
    `${FIX}/fail/MP+plain-race-unpredicted.litmus`, `${FIX}/unjudged/SB-noresult.litmus`,
  ];
  const workerUrl = new URL('../../dist/engine/worker.js', import.meta.url);

  const strip = (r: { seconds: number }) => ({ ...r, seconds: 0 });

  it.each([
    ['this thread alone (the helpers start only on a long run)', {}],
    ['this thread and helpers from the start', { helpersAfterMs: 0 }],
    ['the helpers alone', { mainTakesFiles: false }],
  ])('returns results in input order, equal to inline runs: %s', async (_what, how) => {
    const seen: number[] = [];
    const pooled = await runFiles(files, {}, { jobs: 3, workerUrl, onProgress: (d) => seen.push(d), ...how });
    const inline = files.map((f) => runFile(f));
    expect(pooled.map(strip)).toEqual(inline.map(strip));
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('turns a crashing worker into an error result for the file it took, and carries on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lc-crash-'));
    // Takes one file as the pool's worker does, says so, then dies.
    const crashing = join(dir, 'crash.mjs');
    writeFileSync(crashing, [
      "import { parentPort } from 'node:worker_threads';",
      'parentPort.once("message", (w) => {',
      '  const i = Atomics.add(w.claims, 0, 1);',
      '  if (i < w.files.length) Atomics.store(w.claims, w.slot, i + 1);',
      '  throw new Error("boom");',
      '});',
      '',
    ].join('\n'));
    const rs = await runFiles(files.slice(0, 3), {}, { jobs: 2, workerUrl: pathToFileURL(crashing), mainTakesFiles: false });
    rmSync(dir, { recursive: true });
    expect(rs).toHaveLength(3);
    // Each of the two helpers takes one file and dies: those two are errors; with no helper left, this thread runs the third.
    const failed = rs.filter((r) => r.status === 'error' && r.diagnostics[0]!.message.includes('worker failed'));
    expect(failed).toHaveLength(2);
    const ran = rs.find((r) => !failed.includes(r))!;
    expect(strip(ran)).toEqual(strip(runFile(ran.file)));
  });

  it('the built CLI gives the same output with one job and with several', () => {
    const run = (jobs: string) => spawnSync(process.execPath, ['bin/litmus-check.js', 'check', '--no-color', '--jobs', jobs, FIX], { encoding: 'utf8' });
    const one = run('1');
    const four = run('4');
    expect(one.status).toBe(2);
    expect(four.status).toBe(2);
    expect(four.stdout).toBe(one.stdout);
    expect(four.stdout).toContain('FAIL     test/fixtures/check/fail/SB+mbs-wrong.litmus:4');
  });
});

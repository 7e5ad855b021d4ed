// Runs only where herd7 is installed ($HERD7 or ~/.cache/herd7/bin/herd7-lkmm).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findHerd7, Herd7Runner } from '../../src/difftest/herd7-runner.js';
import { runCampaign, summaryLine } from '../../src/difftest/campaign.js';
import { difftestMain } from '../../src/difftest/cli.js';

const herd7 = findHerd7();
const dir = mkdtempSync(join(tmpdir(), 'difftest-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('difftest without herd7', () => {
  it('says herd7 is missing and exits 0', async () => {
    let out = '';
    const code = await difftestMain(['--count', '1'], { out: (s) => { out += s; }, err: () => {}, env: { HERD7: join(dir, 'none'), HOME: dir } });
    if (findHerd7({ HERD7: join(dir, 'none') })) return; // a herd7 in this HOME's cache: nothing to check
    expect(code).toBe(0);
    expect(out).toMatch(/herd7 is not installed.*skipped/);
  });

  it('--emit writes the campaign\'s tests, the same for the same seed', async () => {
    const run = async (sub: string) => {
      let out = '';
      expect(await difftestMain(['--seed', '7', '--count', '3', '--emit', join(dir, sub)], { out: (s) => { out += s; }, err: () => {}, env: {} })).toBe(0);
      expect(out).toMatch(/wrote 3 tests/);
      return ['dt-7-0', 'dt-7-1', 'dt-7-2'].map((n) => readFileSync(join(dir, sub, `${n}.litmus`), 'utf8'));
    };
    const a = await run('e1'), b = await run('e2');
    expect(a).toEqual(b);
    expect(a[0]).toMatch(/^C dt-7-0\n/);
  });

  it('rejects bad options with exit 2', async () => {
    let err = '';
    expect(await difftestMain(['--count', 'x'], { out: () => {}, err: (s) => { err += s; }, env: {} })).toBe(2);
    expect(err).toMatch(/--count needs a whole number/);
    expect(await difftestMain(['--avoid', 'nope'], { out: () => {}, err: () => {}, env: {} })).toBe(2);
  });
});

describe.skipIf(!herd7)('difftest against herd7', () => {
  it('tells answers, errors and timeouts apart in one herd7 process', async () => {
    const write = (name: string, body: string) => { const p = join(dir, `${name}.litmus`); writeFileSync(p, `C ${name}\n{}\n${body}`); return { path: p, name }; };
    const good = write('good', 'P0(int *x) { WRITE_ONCE(*x, 1); }\nexists (x=1)\n');
    const bad = write('bad', 'P0(int *x) { WRITE_ONCE(x, 1); }\nexists (x=1)\n');
    // A constant beyond 32 bits kills herd7 (a fatal error) and the files after it.
    const fatal = write('fatal', 'P0(int *x) { WRITE_ONCE(*x, 4294967295); }\nexists (x=1)\n');
    const after = write('after', 'P0(int *x) { WRITE_ONCE(*x, 2); }\nexists (x=2)\n');
    const runner = new Herd7Runner(herd7!, 10);
    const [g, b, f, a] = await runner.run([good, bad, fatal, after]);
    expect(g).toMatchObject({ kind: 'ok', block: { name: 'good', verdict: 'Always', positive: 1, negative: 0 } });
    expect(b?.kind).toBe('error');
    expect(f).toMatchObject({ kind: 'error', message: expect.stringMatching(/Fatal/) });
    expect(a).toMatchObject({ kind: 'ok', block: { name: 'after', verdict: 'Always' } });
  });

  it('runs a small campaign and prints the summary line', async () => {
    const s = await runCampaign({
      seed: 1, count: 6, jobs: 1, herd7: herd7!, avoid: new Set(), herdTimeoutSeconds: 10, lcTimeoutMs: 20_000, batch: 3, shrinkPerKind: 0, log: () => {},
    });
    expect(s.tests).toBe(6);
    expect(s.agree + s.diverge + s.herdTimeouts + s.lcTimeouts + s.skipped).toBe(6);
    expect(summaryLine(s)).toMatch(/^difftest: seed 1, 6 tests, \d+ agree, \d+ diverge.*tests\/s/);
  });
});

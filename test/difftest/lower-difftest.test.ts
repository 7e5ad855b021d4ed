// The differential check of `lower` (src/lower/difftest.ts): every lowerable
// test in litmus/ and test/ keeps its verdict and flags once lowered, under
// litmus-check; where herd7 is installed, under herd7 too (skipped without it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectLitmusFiles } from '../../src/cli/files.js';
import { loadDefFile, registryWith } from '../../src/kernel/def-file.js';
import { diffCase, herdVerdict, summarizeDiff } from '../../src/difftest/lower-difftest.js';
import { runFile } from '../../src/engine/pipeline.js';
import { exportability } from '../../src/kernel/def-render.js';
import { defaultRegistry } from '../../src/kernel/primitives.js';
import { parseLitmus } from '../../src/litmus/parse.js';
import { lowerTest } from '../../src/lower/lower.js';
import { cli } from '../cli/helpers.js';

const files = collectLitmusFiles(['litmus', 'test']).files.filter((f) => !f.includes('/macros/'));
const macroTests = collectLitmusFiles(['test/fixtures/macros']).files;
const macros = registryWith(loadDefFile('test/fixtures/macros/mm-extra.def').defs);
const herd = process.env.HERD7 ?? join(homedir(), '.cache/herd7/bin/herd7-lkmm');

describe('lower, differentially: the lowered test has the original\'s verdict', () => {
  const cases = [...files.map((f) => diffCase(f)), ...macroTests.map((f) => diffCase(f, { registry: macros }))];
  const s = summarizeDiff(cases);
  it.each(cases.filter((c) => c.status === 'lowered').map((c) => [c.file, c] as const))('%s', (_f, c) => {
    expect(c.lowered).toBe(c.original);
    expect(c.agrees).toBe(true);
  });
  it('lowers every library test that uses the vocabulary but one, which it refuses with the reason', () => {
    const lib = cases.filter((c) => c.file.startsWith('litmus/'));
    expect(lib.filter((c) => c.status === 'lowered').length).toBeGreaterThanOrEqual(24);
    expect(lib.filter((c) => c.status === 'refused').map((c) => c.file)).toEqual(['litmus/pt-free-vs-irqoff-gup/pt-free+ipi-vs-rcu-reader.litmus']);
    expect(s.agreed).toBe(s.lowered);
  });
});

describe.skipIf(!existsSync(herd))('lower, against herd7 (where installed)', () => {
  const lowerable = files.filter((f) => f.startsWith('litmus/') || f.startsWith('test/fixtures/lower/'));
  it.each(lowerable)('%s: herd7 gives the lowered test (or a plain LKMM one itself) litmus-check\'s verdict; a refusal has a reason', (f) => {
    const c = diffCase(f, { herd });
    if (c.status === 'lowered') expect(c.herd).toBe(c.original);
    else if (c.status === 'native') expect(herdVerdict(herd, f)).toBe(runFile(f).verdict);
    else expect(c.reasons.length).toBeGreaterThan(0);
  }, 120_000);
});

describe.skipIf(!existsSync(herd))('primitives --export-def, against herd7 (where installed)', () => {
  // Library tests whose every helper herd7's .def can express run in herd7
  // itself with the exported file in place of linux-kernel.def.
  const exportable = !existsSync(herd) ? [] : files.filter((f) => f.startsWith('litmus/')).filter((f) => {
    const c = diffCase(f);
    return c.status === 'lowered' && helpersOf(f).every((h) => exportability(defaultRegistry().lookup(h)!).ok);
  });
  it('covers the tests that need no lowering beyond the .def file', () => {
    expect(exportable.length).toBeGreaterThanOrEqual(9);
  });
  it.each(exportable)('%s: herd7 -macros EXPORT gives litmus-check\'s verdict', async (f) => {
    const dir = mkdtempSync(join(tmpdir(), 'export-'));
    const def = join(dir, 'mm.def');
    const r = await cli(['primitives', '--export-def', def]);
    expect(r.code).toBe(0);
    const out = spawnSync(herd, ['-macros', def, f], { encoding: 'utf8' }).stdout;
    expect(/^Observation \S+ (\w+)/m.exec(out)?.[1]).toBe(runFile(f).verdict);
  }, 120_000);
});

function helpersOf(f: string): string[] {
  const { test } = parseLitmus(readFileSync(f, 'utf8'), f);
  return lowerTest(test!, defaultRegistry()).helpers;
}

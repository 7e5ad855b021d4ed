// The `fix` and `weaken` commands: output formats (golden text beside the
// fixtures; PROMOTE=1 rewrites them), exit codes and usage errors.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSource } from '../../src/engine/pipeline.js';
import { cli } from './helpers.js';

const FIX = 'test/fixtures/fix';
const promote = process.env['PROMOTE'] === '1';

function golden(path: string, actual: string): void {
  if (promote || !existsSync(path)) {
    writeFileSync(path, actual);
    if (!promote) throw new Error(`${path} was missing; wrote it, check it in`);
    return;
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('litmus-check fix', () => {
  it.each([
    ['unbraced-consumer', 'text', []],
    ['sb-unfenced', 'text', []],
    ['mp-plain', 'mail', []],
    ['sb-void-rmw', 'text', ['--max', '2', '--deny', 'after-atomic']],
  ])('%s (%s %s) matches its expected output', async (name, format, extra) => {
    const r = await cli(['fix', '--no-color', '--format', format, ...extra, `${FIX}/${name}.litmus`]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    golden(`${FIX}/${name}.fix${extra.length ? '-opts' : ''}.${format === 'text' ? 'expected' : `${format}.expected`}`, r.out);
  });

  it('prints JSON whose every suggestion re-runs to Never', async () => {
    const file = `${FIX}/unbraced-consumer.litmus`;
    const r = await cli(['fix', '--format', 'json', file]);
    const doc = JSON.parse(r.out);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.kind).toBe('fix');
    expect(doc.command).toBe(`litmus-check fix --format json ${file}`);
    expect(doc.report.status).toBe('fixed');
    expect(doc.report.before.text).toBe('Sometimes 1 2');
    expect(doc.report.suggestions.length).toBe(3);
    const source = readFileSync(file, 'utf8');
    for (const s of doc.report.suggestions) {
      // Apply the edits from the JSON and re-run.
      const edits = s.changes.flatMap((c: { edits: Array<{ start: number; end: number; text: string }> }) => c.edits)
        .sort((a: { start: number }, b: { start: number }) => b.start - a.start);
      let text = source;
      for (const e of edits) text = text.slice(0, e.start) + e.text + text.slice(e.end);
      const run = runSource(text, file).result;
      expect(run.positive).toBe(0);
      expect(s.verdict.text).toBe(`${run.verdict} ${run.positive} ${run.negative}`);
    }
  });

  it('is deterministic', async () => {
    const a = await cli(['fix', '--no-color', `${FIX}/sb-void-rmw.litmus`]);
    const b = await cli(['fix', '--no-color', `${FIX}/sb-void-rmw.litmus`]);
    expect(b.out).toBe(a.out);
  });

  it('fixes a library test with the default options', async () => {
    const r = await cli(['fix', '--no-color', 'litmus/page-anon-exclusive/pae+no-rmb.litmus']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1. P1 line 61: ptep_get_lockless(pte) -> smp_load_acquire(pte)  (acquire, cost 2)');
    expect(r.out).toContain('P1: add smp_rmb() before line 64  (rmb, cost 3)');
  });

  it('exits 1 when no fix is found, 0 when the test is already Never', async () => {
    const none = await cli(['fix', '--no-color', '--allow', 'rmb,wmb', `${FIX}/sb-unfenced.litmus`]);
    expect(none.code).toBe(1);
    expect(none.out).toContain('no fix found');
    const never = await cli(['fix', '--no-color', `${FIX}/sb-two-fences.litmus`]);
    expect(never.code).toBe(0);
    expect(never.out).toContain('already Never');
  });

  it('rejects bad usage with exit 2', async () => {
    const kind = await cli(['fix', '--deny', 'smp_mb', `${FIX}/sb-unfenced.litmus`]);
    expect(kind.code).toBe(2);
    expect(kind.err).toMatch(/^litmus-check fix: --deny: unknown kind of change 'smp_mb' \(expected some of: once, acquire/);
    const empty = await cli(['fix', '--allow', 'mb', '--deny', 'fences', `${FIX}/sb-unfenced.litmus`]);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('leave no kind of change');
    const two = await cli(['fix', `${FIX}/sb-unfenced.litmus`, `${FIX}/mp-plain.litmus`]);
    expect(two.code).toBe(2);
    expect(two.err).toContain('too many arguments');
    const dir = await cli(['fix', FIX]);
    expect(dir.code).toBe(2);
    expect(dir.err).toContain('expects exactly one litmus file');
    const missing = await cli(['weaken', 'nosuch.litmus']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nosuch.litmus: no such file or directory');
  });

  it('reports a test that does not parse with a located error and a code frame', async () => {
    const file = 'test/fixtures/parse/unknown-primitive.litmus';
    for (const cmd of ['fix', 'weaken']) {
      const r = await cli([cmd, '--no-color', file]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(new RegExp(`^${file.replace(/[.+]/g, '\\$&')}:\\d+:\\d+: error: unknown primitive`));
      expect(r.err).toMatch(/\n\s*\d+ \| /);
      expect(r.err).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('is listed in the help', async () => {
    const r = await cli(['--help']);
    expect(r.out).toMatch(/fix \[options\] <file>/);
    expect(r.out).toMatch(/weaken \[options\] <file>/);
  });
});

describe('litmus-check weaken', () => {
  it.each([
    ['mp-redundant-mb', 'text'],
    ['sb-two-fences', 'text'],
    ['mp-redundant-mb', 'mail'],
  ])('%s (%s) matches its expected output', async (name, format) => {
    const r = await cli(['weaken', '--no-color', '--format', format, `${FIX}/${name}.litmus`]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    golden(`${FIX}/${name}.weaken.${format === 'text' ? 'expected' : `${format}.expected`}`, r.out);
  });

  it('prints JSON', async () => {
    const r = await cli(['weaken', '--format', 'json', `${FIX}/lb-acquire-release.litmus`]);
    const doc = JSON.parse(r.out);
    expect(doc.kind).toBe('weaken');
    expect(doc.report.items.map((i: { text: string; needed: boolean }) => [i.text, i.needed])).toEqual([
      ['smp_store_release(pong, 1)', true], ['smp_load_acquire(pong)', true],
    ]);
  });

  it('exits 1 on a test that is not Never', async () => {
    const r = await cli(['weaken', '--no-color', `${FIX}/sb-unfenced.litmus`]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('the outcome is not Never');
  });
});

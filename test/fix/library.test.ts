// The acceptance bar of `fix` on the litmus library: for a fixed (Never)
// test and a buggy variant that lacks one of its barriers or annotations,
// `fix` on the buggy variant lists the missing change, or one at least as
// cheap, and every suggestion is confirmed by a fresh re-run.
//
// The pairs are those of test/litmus-library.test.ts where the buggy
// variant is the fixed one minus barriers/annotations; `missing` is what it
// lacks, as kinds of change. Where one change is missing, sets of one
// change are searched (the missing one is such a set, and so is anything as
// cheap), which keeps the test fast; the others search pairs.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { costOf } from '../../src/fix/kinds.js';
import type { ChangeKind, FixReport } from '../../src/fix/fix-records.js';
import { expectAllVerified, fixFile, read } from './helpers.js';

const LIB = 'litmus';

const pairs: Array<{ fixed: string; buggy: string; missing: ChangeKind[] }> = [
  { fixed: 'gup-fast-vs-zap/gup-zap+fully-ordered', buggy: 'gup-fast-vs-zap/gup-zap+relaxed-put', missing: ['rmw-full'] },
  { fixed: 'page-anon-exclusive/pae+fixed', buggy: 'page-anon-exclusive/pae+no-mb-after-clear', missing: ['mb'] },
  { fixed: 'page-anon-exclusive/pae+fixed', buggy: 'page-anon-exclusive/pae+no-wmb-before-restore', missing: ['after-atomic'] },
  { fixed: 'page-anon-exclusive/pae+fixed', buggy: 'page-anon-exclusive/pae+no-mb-after-pin', missing: ['after-atomic'] },
  { fixed: 'page-anon-exclusive/pae+fixed', buggy: 'page-anon-exclusive/pae+no-rmb', missing: ['rmb'] },
  { fixed: 'page-anon-exclusive/pae+fixed', buggy: 'page-anon-exclusive/pae+before-fix+flush-and-gup-mb', missing: ['after-atomic', 'rmb'] },
  { fixed: 'fork-cow-seqcount/fork-gup+write-protect-seq+mb', buggy: 'fork-cow-seqcount/fork-gup+write-protect-seq', missing: ['mb'] },
  { fixed: 'atomic-t-rules/sb+inc-return', buggy: 'atomic-t-rules/sb+inc', missing: ['rmw-full', 'rmw-full'] },
  { fixed: 'atomic-t-rules/sb+dec-and-test', buggy: 'atomic-t-rules/sb+xchg-acquire', missing: ['rmw-full', 'rmw-full'] },
  { fixed: 'atomic-t-rules/mp+xchg-release+read-acquire', buggy: 'atomic-t-rules/mp+xchg-relaxed+read-acquire', missing: ['release'] },
  { fixed: 'atomic-t-rules/mp+set-release+fetch-add-acquire', buggy: 'atomic-t-rules/mp+set-release+fetch-add-relaxed', missing: ['acquire'] },
  { fixed: 'atomic-t-rules/mp+set-release+read-acquire', buggy: 'atomic-t-rules/mp+set+read', missing: ['release', 'acquire'] },
];

/** The code of a test (from P0 on), without comments or blank space, to compare two tests. */
function code(source: string): string {
  const body = source.slice(source.search(/^P0\s*\(/m));
  return body.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, '');
}

/** The suggestion that turns the buggy test into the fixed one, if listed. */
function restores(report: FixReport, fixedSource: string): boolean {
  return report.suggestions.some((s) => code(s.source) === code(fixedSource));
}

describe('fix on the buggy variants of the library', () => {
  it('covers at least ten pairs', () => {
    expect(new Set(pairs.map((p) => `${p.fixed} ${p.buggy}`)).size).toBeGreaterThanOrEqual(10);
  });

  it.each(pairs)('$buggy: lists what $fixed has, or something as cheap', ({ fixed, buggy, missing }) => {
    const report = fixFile(join(LIB, `${buggy}.litmus`), { maxChanges: missing.length, max: 8 });
    expect(report.status).toBe('fixed');
    const cost = missing.reduce((a, k) => a + costOf(k), 0);
    const restored = restores(report, read(join(LIB, `${fixed}.litmus`)));
    expect(restored || report.suggestions[0]!.cost <= cost, report.suggestions.map((s) => s.changes.map((c) => c.summary).join(' + ')).join('\n')).toBe(true);
    expectAllVerified(report);
  });

  it('restores the exact missing barrier where it is the cheapest at its place', () => {
    const report = fixFile(join(LIB, 'page-anon-exclusive/pae+no-rmb.litmus'), { maxChanges: 1 });
    expect(restores(report, read(join(LIB, 'page-anon-exclusive/pae+fixed.litmus')))).toBe(true);
    const mp = fixFile(join(LIB, 'atomic-t-rules/mp+xchg-relaxed+read-acquire.litmus'), { maxChanges: 1 });
    expect(restores(mp, read(join(LIB, 'atomic-t-rules/mp+xchg-release+read-acquire.litmus')))).toBe(true);
  });
});

// The minimal-set search: verified suggestions only, minimal ones, cheapest
// first, within the allowed kinds and the limits.
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/fix/edits.js';
import { fixSource } from '../../src/fix/fix.js';
import { parseLitmus } from '../../src/litmus/parse.js';
import { defaultRegistry } from '../../src/kernel/primitives.js';
import { candidateChanges } from '../../src/fix/candidates.js';
import { KIND_NAMES, weakerOrSame } from '../../src/fix/kinds.js';
import type { FixReport } from '../../src/fix/fix-records.js';
import { bad, expectAllVerified, fixFile, fixture, read, rerun } from './helpers.js';

/** No suggestion keeps working with a change dropped, or weakened to a cheaper kind at the same place. */
function expectMinimal(report: FixReport): void {
  const source = read(report.file);
  const all = candidateChanges(parseLitmus(source, report.file).test!, defaultRegistry(), KIND_NAMES);
  for (const s of report.suggestions) {
    const variants = s.changes.map((_, i) => s.changes.filter((__, j) => j !== i));
    s.changes.forEach((c, i) => {
      for (const w of all.filter((x) => x.slot === c.slot && x.kind !== c.kind && weakerOrSame(x.kind, c.kind))) {
        variants.push(s.changes.map((y, j) => (j === i ? w : y)));
      }
    });
    for (const v of variants) {
      const text = applyEdits(source, v.flatMap((c) => c.edits))!.text;
      expect(bad(rerun(text, report.file)), `${s.changes.map((c) => c.summary).join(' + ')} without/weaker: ${v.map((c) => c.summary).join(' + ')}`).toBeGreaterThan(0);
    }
  }
}

describe('fix', () => {
  it('store buffering needs a full barrier in each thread', () => {
    const r = fixFile(fixture('sb-unfenced'));
    expect(r.status).toBe('fixed');
    expect(r.before.text).toBe('Sometimes 1 3');
    expect(r.suggestions.map((s) => s.changes.map((c) => c.summary))).toEqual([
      ['P0: add smp_mb() before line 18', 'P1: add smp_mb() before line 26'],
    ]);
    expect(r.suggestions[0]!.cost).toBe(10);
    expect(r.suggestions[0]!.verdict.text).toBe('Never 0 3');
    expect(r.stats.stopped).toBeUndefined();
    expectAllVerified(r);
    expectMinimal(r);
  });

  it('message passing with plain accesses: release and acquire, cheaper than any fence pair', () => {
    const r = fixFile(fixture('mp-plain'));
    expect(r.before.flags).toEqual(['data-race']);
    expect(r.suggestions[0]!.changes.map((c) => c.kind)).toEqual(['release', 'acquire']);
    expectAllVerified(r);
    expectMinimal(r);
  });

  it('lists fixes cheapest first, each minimal, the cheapest a single acquire', () => {
    const r = fixFile(fixture('unbraced-consumer'));
    const costs = r.suggestions.map((s) => s.cost);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    expect(r.suggestions[0]!.changes.map((c) => c.summary)).toEqual(['P1 line 25: READ_ONCE(*doorbell) -> smp_load_acquire(doorbell)']);
    // smp_rmb() before the if, or inside it (braced).
    expect(r.suggestions.filter((s) => s.changes[0]!.kind === 'rmb')).toHaveLength(2);
    // No smp_mb() where an smp_rmb() at the same place does it.
    expect(r.suggestions.some((s) => s.changes.some((c) => c.kind === 'mb'))).toBe(false);
    expectAllVerified(r);
    expectMinimal(r);
  });

  it('fixes void RMWs with smp_mb__after_atomic() or a fully ordered RMW', () => {
    const r = fixFile(fixture('sb-void-rmw'));
    expect(r.suggestions[0]!.changes.map((c) => c.kind)).toEqual(['after-atomic', 'after-atomic']);
    expect(r.suggestions.flatMap((s) => s.changes.map((c) => c.summary))).toContain('P0 line 17: atomic_inc(c0) -> (void)atomic_inc_return(c0)');
    expectAllVerified(r);
    expectMinimal(r);
  });

  it('keeps to --allow/--deny', () => {
    const noAfter = fixFile(fixture('sb-void-rmw'), { kinds: KIND_NAMES.filter((k) => k !== 'after-atomic') });
    expect(noAfter.suggestions.length).toBeGreaterThan(0);
    expect(noAfter.suggestions.flatMap((s) => s.changes.map((c) => c.kind))).not.toContain('after-atomic');
    const onlyRmw = fixFile(fixture('sb-void-rmw'), { kinds: ['rmw-full'] });
    expect(onlyRmw.suggestions.map((s) => s.changes.map((c) => c.kind))).toEqual([['rmw-full', 'rmw-full']]);
    expectAllVerified(onlyRmw);
  });

  it('reports no fix when the allowed kinds or the set size cannot do it', () => {
    const weak = fixFile(fixture('sb-unfenced'), { kinds: ['rmb', 'wmb', 'acquire', 'release'] });
    expect(weak.status).toBe('no-fix');
    expect(weak.suggestions).toEqual([]);
    const single = fixFile(fixture('sb-unfenced'), { maxChanges: 1 });
    expect(single.status).toBe('no-fix');
    expect(single.stats.maxChanges).toBe(1);
  });

  it('stops at --max and at the re-run budget, and says so', () => {
    const one = fixFile(fixture('unbraced-consumer'), { max: 1 });
    expect(one.suggestions).toHaveLength(1);
    expect(one.stats.stopped).toMatch(/--max 1/);
    const poor = fixFile(fixture('sb-unfenced'), { budget: 3 });
    expect(poor.stats.reruns).toBeLessThanOrEqual(3);
    expect(poor.stats.stopped).toMatch(/--budget/);
    expect(poor.status).toBe('no-fix');
  });

  it('leaves a test that is already Never alone', () => {
    const r = fixFile(fixture('sb-two-fences'));
    expect(r.status).toBe('already-never');
    expect(r.stats.reruns).toBe(0);
  });

  it('treats a forall condition: the unwanted executions are those violating it', () => {
    const source = read(fixture('sb-unfenced')).replace('exists (0:other=0 /\\ 1:other=0)', 'forall (0:other=1 \\/ 1:other=1)');
    const r = fixSource(source, 'sb-forall.litmus', { run: {}, kinds: KIND_NAMES, max: 5, maxChanges: 2, budget: 3000 });
    expect(r.before.text).toBe('Sometimes 3 1');
    expect(r.suggestions[0]!.verdict.text).toBe('Always 3 0');
    expect(r.suggestions[0]!.changes.map((c) => c.kind)).toEqual(['mb', 'mb']);
  });

  it('reports a test that does not parse as diagnostics', () => {
    const r = fixSource('C broken\n\n{}\n\nP0(int *x)\n{\n\tWRITE_ONC(*x, 1);\n}\n\nexists (x=1)\n', 'broken.litmus', { run: {}, kinds: KIND_NAMES, max: 5, maxChanges: 2, budget: 10 });
    expect(r.diagnostics.map((d) => d.code)).toContain('unknown-primitive');
  });

  it('gives the same report twice', () => {
    const a = fixFile(fixture('sb-void-rmw'));
    const b = fixFile(fixture('sb-void-rmw'));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

// Pruning with the witness (src/fix/prune.ts): it may skip re-runs, never
// change what `fix` finds.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runSource } from '../../src/engine/pipeline.js';
import { candidateChanges } from '../../src/fix/candidates.js';
import { KIND_NAMES } from '../../src/fix/kinds.js';
import { onWitnessCycle } from '../../src/fix/prune.js';
import type { FixReport } from '../../src/fix/fix-records.js';
import { defaultRegistry } from '../../src/kernel/primitives.js';
import { fixSource } from '../../src/fix/fix.js';
import { fixFile, fixture, read } from './helpers.js';

// Message passing, plus a store to z that nothing reads: ordering anything
// before that store cannot close a cycle.
const MP_Z = `C mp-z
{}
P0(int *x, int *y)
{
	WRITE_ONCE(*x, 1);
	WRITE_ONCE(*y, 1);
}

P1(int *x, int *y, int *z)
{
	int r0;
	int r1;

	r0 = READ_ONCE(*y);
	r1 = READ_ONCE(*x);
	WRITE_ONCE(*z, 1);
}

exists (1:r0=1 /\\ 1:r1=0)
`;

describe('onWitnessCycle', () => {
  it('keeps the places on the message-passing cycle and drops the store nothing reads', () => {
    const { result, test } = runSource(MP_Z, 'mp-z.litmus', { explain: true });
    const witness = result.explanation!.witness!;
    const changes = candidateChanges(test!, defaultRegistry(), KIND_NAMES);
    const on = onWitnessCycle(changes, witness, (p) => p);
    const verdicts = new Map(changes.map((c, i) => [c.summary, on[i]!]));
    // Between the two reads of P1 (lines 14 and 15), and between the two writes of P0: on the cycle.
    const between = changes.filter((c, i) => c.between && on[i]).map((c) => `P${c.thread}:${c.between!.before}-${c.between!.after}`);
    expect(between).toContain('P1:14-15');
    expect(between).toContain('P0:5-6');
    // After P1's last read, before the store to z: off every cycle.
    const offZ = changes.filter((c, i) => c.thread === 1 && c.between?.before === 15 && !on[i]);
    expect(offZ.length).toBeGreaterThan(0);
    // The release on the store to z orders earlier events before it: nothing leads back.
    const relZ = changes.findIndex((c) => c.kind === 'release' && c.line === 16);
    expect(relZ).toBeGreaterThanOrEqual(0);
    expect(on[relZ]).toBe(false);
    // The acquire on P1's first read is what fixes the test: on the cycle.
    const acqY = changes.findIndex((c) => c.kind === 'acquire' && c.line === 14);
    expect(on[acqY]).toBe(true);
    // An acquire on the last read orders only the store to z after it.
    expect(on[changes.findIndex((c) => c.kind === 'acquire' && c.line === 15)]).toBe(false);
    expect(verdicts.size).toBe(changes.length);
  });
});

const summary = (r: FixReport): string[] => r.suggestions.map((s) => `${s.cost} ${s.changes.map((c) => c.summary).join(' + ')} => ${s.verdict.text}`);

describe('fix finds the same with and without pruning', () => {
  const cases: Array<[string, number]> = [
    [fixture('sb-unfenced'), 2],
    [fixture('mp-plain'), 2],
    [fixture('sb-void-rmw'), 2],
    [fixture('unbraced-consumer'), 2],
    [join('litmus', 'page-anon-exclusive', 'pae+no-rmb.litmus'), 1],
    [join('litmus', 'page-anon-exclusive', 'pae+no-mb-after-pin.litmus'), 1],
    [join('litmus', 'atomic-t-rules', 'sb+inc.litmus'), 2],
    [join('litmus', 'atomic-t-rules', 'mp+set+read.litmus'), 2],
  ];
  it.each(cases)('%s (sets of up to %i)', (file, maxChanges) => {
    const pruned = fixFile(file, { maxChanges, max: 8 });
    const full = fixFile(file, { maxChanges, max: 8, prune: false });
    expect(summary(pruned)).toEqual(summary(full));
    expect(pruned.stats.reruns + pruned.stats.pruned).toBeGreaterThanOrEqual(full.stats.reruns);
    expect(full.stats.pruned).toBe(0);
  });

  it('does not prune under forall (the witness satisfies the proposition: it is not an unwanted execution)', () => {
    const source = read(fixture('sb-unfenced')).replace('exists (0:other=0 /\\ 1:other=0)', 'forall (0:other=1 \\/ 1:other=1)');
    expect(source).toContain('forall');
    const r = fixSource(source, 'sb-forall.litmus', { run: {}, kinds: KIND_NAMES, max: 5, maxChanges: 2, budget: 3000 });
    expect(r.stats.pruned).toBe(0);
    expect(r.suggestions[0]!.verdict.text).toBe('Always 3 0');
  });

  it('skips re-runs on a test with a place off the cycle', () => {
    const file = join('litmus', 'page-anon-exclusive', 'pae+no-rmb.litmus');
    const pruned = fixFile(file, { maxChanges: 2, max: 5 });
    const full = fixFile(file, { maxChanges: 2, max: 5, prune: false });
    expect(pruned.stats.pruned).toBeGreaterThan(0);
    expect(pruned.stats.reruns).toBeLessThan(full.stats.reruns);
    expect(summary(pruned)).toEqual(summary(full));
  });
});

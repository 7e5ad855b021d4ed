// Reason lines: the ordering a fix adds and the cycle it closes, read from
// the explanation of the changed test, on the original test's lines.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixSource } from '../../src/fix/fix.js';
import { KIND_NAMES } from '../../src/fix/kinds.js';
import { fixFile, fixture } from './helpers.js';

const reasons = (file: string, maxChanges = 2): string[] => fixFile(file, { maxChanges }).suggestions.map((s) => s.reason);

describe('reasons', () => {
  it('names the store-buffering cycle a pair of smp_mb() closes', () => {
    expect(reasons(fixture('sb-unfenced'))).toEqual([
      "orders P0's WRITE_ONCE(*here0, 1) (line 17) before its other = READ_ONCE(*here1) (line 18); " +
        "orders P1's WRITE_ONCE(*here1, 1) (line 25) before its other = READ_ONCE(*here0) (line 26), closing the store-buffering cycle between P0 and P1",
    ]);
  });

  it('names the acquire as the ordering, and the message-passing cycle with the other thread', () => {
    expect(reasons(fixture('unbraced-consumer'))[0]).toBe(
      "orders P1's ring = smp_load_acquire(doorbell) (line 25) before its got = READ_ONCE(*payload) (line 27), closing the message-passing cycle with P0",
    );
  });

  it('gives the lines of the original test, not of the changed one', () => {
    // The smp_rmb() inside the braced branch moves the load a line down in the changed test.
    const r = fixFile(fixture('unbraced-consumer'));
    const braced = r.suggestions.find((s) => s.changes[0]!.summary === 'P1: add smp_rmb() before line 27')!;
    expect(braced.source.split('\n')[27]).toBe('\t\tgot = READ_ONCE(*payload);');
    expect(braced.reason).toContain('got = READ_ONCE(*payload) (line 27)');
  });

  it('explains the GUP-fast pin barrier as the issue does', () => {
    const r = fixFile(join('litmus', 'page-anon-exclusive', 'pae+no-mb-after-pin.litmus'), { maxChanges: 1 });
    expect(r.suggestions[0]!.changes[0]!.summary).toBe('P1: add smp_mb__after_atomic() before line 63');
    expect(r.suggestions[0]!.reason).toBe(
      "orders P1's folio_pincount_add(pincount, 1) (line 61) before its r3 = ptep_get_lockless(pte) (line 63), closing the store-buffering cycle with P0",
    );
  });

  it('names load buffering', () => {
    const src = 'C lb\n\n{}\n\nP0(int *a, int *b)\n{\n\tint r0;\n\n\tr0 = READ_ONCE(*a);\n\tWRITE_ONCE(*b, 1);\n}\n\nP1(int *a, int *b)\n{\n\tint r0;\n\n\tr0 = READ_ONCE(*b);\n\tWRITE_ONCE(*a, 1);\n}\n\nexists (0:r0=1 /\\ 1:r0=1)\n';
    const r = fixSource(src, 'lb.litmus', { run: {}, kinds: KIND_NAMES, max: 1, maxChanges: 2, budget: 1000 });
    expect(r.suggestions[0]!.reason).toMatch(/closing the load-buffering cycle between P0 and P1$/);
  });
});

// Candidate changes: found from the AST and the primitive registry, placed
// in the file's own style, and each one a valid litmus test once applied.
import { describe, expect, it } from 'vitest';
import { parseLitmus } from '../../src/litmus/parse.js';
import { defaultRegistry } from '../../src/kernel/primitives.js';
import { collectLitmusFiles } from '../../src/cli/files.js';
import { candidateChanges } from '../../src/fix/candidates.js';
import { applyEdits } from '../../src/fix/edits.js';
import { KIND_NAMES } from '../../src/fix/kinds.js';
import type { Change, ChangeKind } from '../../src/fix/fix-records.js';
import { fixture, read } from './helpers.js';

function candidates(source: string, kinds: readonly ChangeKind[] = KIND_NAMES): Change[] {
  const { test, diagnostics } = parseLitmus(source, 'inline.litmus');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return candidateChanges(test!, defaultRegistry(), kinds);
}

/** A two-process test around the given process bodies. */
function litmus(p0: string, p1: string, params = 'int *x, int *y', cond = 'exists (0:r0=0 /\\ 1:r0=0)'): string {
  return `C inline\n\n{}\n\nP0(${params})\n{\n\tint r0;\n\tint r1;\n${p0}}\n\nP1(${params})\n{\n\tint r0;\n\tint r1;\n${p1}}\n\n${cond}\n`;
}

const summaries = (cs: Change[]): string[] => cs.map((c) => c.summary);

describe('access upgrades', () => {
  it('marks plain accesses and makes them acquire/release', () => {
    const cs = candidates(read(fixture('mp-plain')));
    expect(summaries(cs)).toEqual(expect.arrayContaining([
      'P0 line 15: *slot = 42 -> WRITE_ONCE(*slot, 42)',
      'P0 line 16: *ready = 1 -> smp_store_release(ready, 1)',
      'P1 line 24: *ready -> READ_ONCE(*ready)',
      'P1 line 24: *ready -> smp_load_acquire(ready)',
    ]));
    expect(cs.find((c) => c.summary.includes('WRITE_ONCE(*slot'))!.kind).toBe('once');
  });

  it('finds stronger counterparts in the registry, re-shaping arguments', () => {
    const src = litmus(
      '\tr0 = READ_ONCE(*x);\n\tr1 = xchg_relaxed(y, 1);\n\tfolio_pincount_add(x, 1);\n',
      '\tr0 = ptep_get_lockless(y);\n\tset_pte_at(x, 1);\n\t__ClearPageAnonExclusive(y);\n\tatomic_inc(x);\n',
    );
    const cs = summaries(candidates(src));
    expect(cs).toEqual(expect.arrayContaining([
      'P0 line 9: READ_ONCE(*x) -> smp_load_acquire(x)',
      'P0 line 10: xchg_relaxed(y, 1) -> xchg_acquire(y, 1)',
      'P0 line 10: xchg_relaxed(y, 1) -> xchg_release(y, 1)',
      'P0 line 10: xchg_relaxed(y, 1) -> xchg(y, 1)',
      'P0 line 11: folio_pincount_add(x, 1) -> (void)atomic_add_return(1, x)',
      'P1 line 18: ptep_get_lockless(y) -> smp_load_acquire(y)',
      'P1 line 19: set_pte_at(x, 1) -> smp_store_release(x, 1)',
      'P1 line 20: __ClearPageAnonExclusive(y) -> WRITE_ONCE(*y, 0)',
      'P1 line 21: atomic_inc(x) -> (void)atomic_inc_return(x)',
    ]));
    // A void RMW has no acquire/release form; ONCE loads have no fully ordered one.
    expect(cs.filter((c) => c.includes('atomic_inc(x) ->'))).toHaveLength(1);
  });

  it('gives nothing for fully ordered accesses', () => {
    const src = litmus('\tr0 = xchg(x, 1);\n\tr1 = smp_load_acquire(y);\n', '\tr0 = atomic_inc_return(y);\n');
    expect(candidates(src).filter((c) => c.edits.length > 0 && c.between === undefined)).toEqual([]);
  });
});

describe('fence places', () => {
  it('only between two accesses of the thread, and without plain accesses rmb/wmb only between loads/stores', () => {
    const cs = candidates(read(fixture('sb-unfenced')));
    // Each thread: WRITE_ONCE then READ_ONCE: one place, where only smp_mb() orders anything.
    expect(cs.map((c) => `${c.kind} ${c.summary}`).filter((s) => !s.startsWith('acquire') && !s.startsWith('release'))).toEqual([
      'mb P0: add smp_mb() before line 18',
      'mb P1: add smp_mb() before line 26',
    ]);
  });

  it('puts smp_mb__after_atomic() right after an unordered RMW and nowhere else', () => {
    const cs = candidates(read(fixture('sb-void-rmw')));
    expect(cs.filter((c) => c.kind === 'after-atomic').map((c) => c.summary)).toEqual([
      'P0: add smp_mb__after_atomic() before line 18',
      'P1: add smp_mb__after_atomic() before line 26',
    ]);
    // Nothing precedes the RMWs: no smp_mb__before_atomic().
    expect(cs.filter((c) => c.kind === 'before-atomic')).toEqual([]);
  });

  it('counts the places no access separates once, just before the next access', () => {
    const src = litmus('\tr0 = READ_ONCE(*x);\n\tr1 = 2;\n\tif (r1 == 3) r1 = 4;\n\tr1 = READ_ONCE(*y);\n', '\tWRITE_ONCE(*y, 1);\n');
    expect(candidates(src, ['rmb']).map((c) => c.summary)).toEqual(['P0: add smp_rmb() before line 12']);
  });

  it('copies the indentation of the file and braces an unbraced branch', () => {
    const file = fixture('unbraced-consumer');
    const source = read(file);
    const inside = candidates(source, ['rmb']).find((c) => c.summary === 'P1: add smp_rmb() before line 27')!;
    expect(inside).toBeDefined();
    const out = applyEdits(source, inside.edits)!.text;
    expect(out).toContain('\tring = READ_ONCE(*doorbell);\n\tif (ring) {\n\t\tsmp_rmb();\n\t\tgot = READ_ONCE(*payload);\n\t}\n}\n');
    const spaced = source.replace(/\t/g, '    ');
    const c2 = candidates(spaced, ['rmb']).find((c) => c.summary === 'P1: add smp_rmb() before line 26')!;
    expect(applyEdits(spaced, c2.edits)!.text).toContain('    ring = READ_ONCE(*doorbell);\n    smp_rmb();\n    if (ring)\n');
  });

  it('respects the allowed kinds', () => {
    const cs = candidates(read(fixture('mp-plain')), ['wmb', 'acquire']);
    expect(new Set(cs.map((c) => c.kind))).toEqual(new Set(['wmb', 'acquire']));
  });
});

describe('every candidate of the library and the fixtures', () => {
  const files = collectLitmusFiles(['litmus', 'test/fixtures/fix', 'test/fixtures/explain']).files;

  it.each(files)('%s: applies to a test that parses without errors', (file) => {
    const source = read(file);
    const { test } = parseLitmus(source, file);
    const cs = candidateChanges(test!, defaultRegistry(), KIND_NAMES);
    for (const c of cs) {
      const out = applyEdits(source, c.edits);
      expect(out, c.summary).not.toBeNull();
      const p = parseLitmus(out!.text, file);
      expect(p.diagnostics.filter((d) => d.severity === 'error'), c.summary).toEqual([]);
      expect(out!.text).not.toBe(source);
    }
  });
});

// Shared by the tests of src/fix: fixtures, and an independent check of a
// changed test (a fresh run of its text, not the finder's own verdict).
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { runSource } from '../../src/engine/pipeline.js';
import type { RunResult } from '../../src/explore/result.js';
import { fixSource, type FixOptions } from '../../src/fix/fix.js';
import { KIND_NAMES } from '../../src/fix/kinds.js';
import type { FixReport } from '../../src/fix/fix-records.js';

export const FIX_DIR = 'test/fixtures/fix';
export const fixture = (name: string): string => `${FIX_DIR}/${name}.litmus`;
export const read = (file: string): string => readFileSync(file, 'utf8');

/** Runs `fix` on a file with the defaults, or the given options. */
export function fixFile(file: string, opts: Partial<FixOptions> = {}): FixReport {
  return fixSource(read(file), file, { run: {}, kinds: KIND_NAMES, max: 5, maxChanges: 2, budget: 3000, ...opts });
}

/** A fresh full run of a changed text. */
export function rerun(source: string, file: string): RunResult {
  return runSource(source, file).result;
}

/** Executions reaching the unwanted outcome (satisfying exists, violating forall). */
export function bad(r: RunResult): number {
  return r.quantifier === 'forall' ? r.negative : r.positive;
}

/** Every suggestion of a report, re-run independently: it parses, completes, and its outcome is Never. */
export function expectAllVerified(report: FixReport): void {
  for (const s of report.suggestions) {
    const r = rerun(s.source, report.file);
    expect(r.status, `${report.file}: ${s.changes.map((c) => c.summary).join(' + ')}`).toBe('ok');
    expect(bad(r), `${report.file}: ${s.changes.map((c) => c.summary).join(' + ')}`).toBe(0);
    expect(s.verdict.text).toBe(`${r.verdict} ${r.positive} ${r.negative}`);
  }
}

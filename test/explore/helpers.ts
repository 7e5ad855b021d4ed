// Helpers for the explorer's semantic tests: run an inline litmus test and
// summarise the result the way herd7 prints it.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runSource, type RunOptions } from '../../src/engine/pipeline.js';
import { stateEntries, type RunResult } from '../../src/explore/result.js';

/** Runs inline litmus source; asserts it parsed, compiled and finished. */
export function run(source: string, opts: RunOptions = {}): RunResult {
  const { result } = runSource(source, 'inline.litmus', opts);
  expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  expect(result.status).toBe('ok');
  return result;
}

/** herd's `Observation` triple: verdict, positive and negative execution counts. */
export function observation(r: RunResult): string {
  return `${r.verdict} ${r.positive} ${r.negative}`;
}

/**
 * Asserts herd's observation line and the flags exactly (no flags unless
 * listed), and returns the result for further checks.
 */
export function expectObservation(source: string, expected: string, flags: string[] = [], opts: RunOptions = {}): RunResult {
  const r = run(source, opts);
  expect(observation(r)).toBe(expected);
  expect(r.flags).toEqual(flags);
  return r;
}

/** Final states as `loc=value; ...` strings (entries in the tool's order), sorted, with execution counts. */
export function stateTable(r: RunResult): string[] {
  return r.states
    .map((s) => `${stateEntries(r, s).map((e) => `${e.loc}=${e.value}`).join('; ')} (${s.executions})`)
    .sort();
}

/** Every .litmus file under dir, sorted. */
export function litmusFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...litmusFiles(p));
    else if (name.endsWith('.litmus')) out.push(p);
  }
  return out;
}

/** The library's tests and the fixtures that should run (not those meant to be rejected). */
export function runnableTests(): string[] {
  // Tests herd7 rejects (test/fixtures/herd7/error-*) are errors here too.
  return [...litmusFiles('litmus'), ...litmusFiles('test/fixtures')].filter((f) => !f.includes('/error/') && !/\/herd7\/error-/.test(f));
}

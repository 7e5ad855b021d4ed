import { basename } from 'node:path';
import type { RunResult } from '../explore/result.js';

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The test's name, or the file's base name when it did not parse far enough to have one. */
export function testName(r: RunResult): string {
  return r.name || basename(r.file).replace(/\.litmus$/, '');
}

/** The note saying which extensions keep herd7 from running the test (see src/litmus/extensions.ts), if any. */
export function herd7Extensions(r: RunResult): string | undefined {
  return r.diagnostics.find((d) => d.code === 'herd7-extension')?.message;
}

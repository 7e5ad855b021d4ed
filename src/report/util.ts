import { basename } from 'node:path';
import type { RunResult } from '../explore/result.js';

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The test's name, or the file's base name when it did not parse far enough to have one. */
export function testName(r: RunResult): string {
  return r.name || basename(r.file).replace(/\.litmus$/, '');
}


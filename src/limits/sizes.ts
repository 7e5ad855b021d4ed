// Size limits on a test, each reported as "test too large: ... (limit N)" at
// the place in the file where it is passed. Real tests are far below them
// (the corpus: at most 20 threads, 29 statements per thread, expressions of
// 8 terms and depth 5, names of 42 characters, files of 3 KB); they keep
// every later phase (recursive walks, relations of at most 1024 events)
// within what it can do.
import type { Range } from '../diagnostics/source-position.js';

export const SIZE_LIMITS = {
  /** Bytes in a test file (or standard input). */
  fileBytes: 1 << 20,
  /** Processes (P0, P1, ...). */
  threads: 64,
  /** Statements in one process, nested ones included. */
  statements: 500,
  /** Nesting of brackets and braces. */
  nesting: 64,
  /** Operators in one expression, statement or condition. */
  expressionTerms: 256,
  /** Characters in a name. */
  identifier: 256,
  /** Shared locations. */
  locations: 256,
  /** Events of one execution, initial writes included (relations hold at most 1024). */
  events: 1000,
  /** Loop unrolling bound (--unroll). */
  unroll: 1000,
  /** Primitive steps one call of a `.def` macro expands to. */
  macroSteps: 1000,
  /** Macro calls nested inside one another in a `.def` file. */
  macroDepth: 64,
} as const;

export type SizeLimit = keyof typeof SIZE_LIMITS;

/** "test too large: 600 statements in P0 (limit 500)". */
export function tooLarge(what: string, limit: number): string {
  return `test too large: ${what} (limit ${limit})`;
}

/** A size limit passed after parsing (during compilation), with its place when known. */
export class TestTooLarge extends Error {
  constructor(message: string, readonly range?: Range) {
    super(message);
  }
}

// What `lower` found for one test: whether herd7 can reproduce its verdict
// (as written, after lowering, or not at all), the rewrites, the refusals.
import type { Range } from '../diagnostics/source-position.js';

export interface LowerRefusal {
  line: number;
  col: number;
  message: string;
  /** The construct refused, for a code frame. */
  range: Range;
}

export interface LowerRewrite {
  line: number;
  /** The primitive that was rewritten. */
  helper: string;
  /** What it became (LKMM calls, `;`-separated). */
  lowered: string;
}

export interface LowerOutcome {
  /** `native`: herd7 runs the test as written; `lowered`: `text` is an equivalent test it runs; `refused`: see `refusals`. */
  status: 'native' | 'lowered' | 'refused';
  /** Primitives the test calls that herd7's LKMM lacks, sorted. */
  helpers: string[];
  /** Extensions beyond LKMM the test relies on (`irq-off`). */
  extensions: string[];
  rewrites: LowerRewrite[];
  refusals: LowerRefusal[];
  /** Why a lowering of an extension is sound (or what it assumes). */
  notes: string[];
  text?: string;
}

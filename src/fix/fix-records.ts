// Records of the barrier finder (`fix`) and the barrier checker (`weaken`).
// src/fix computes them; the formatters in src/report only print them.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Quantifier } from '../litmus/ast.js';
import type { HerdReproduction, Verdict } from '../explore/result.js';

/** The kinds of source change `fix` tries, cheapest first (names for --allow/--deny). */
export type ChangeKind =
  | 'once' | 'acquire' | 'release' | 'rmb' | 'wmb' | 'before-atomic' | 'after-atomic' | 'mb' | 'rmw-full';

/** A replacement of source[start, end) by `text` (an insertion when start === end). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
  /** Orders insertions at the same offset (lower first). */
  order: number;
}

/** One candidate change: a kind, where it applies, and the text edits that make it. */
export interface Change {
  kind: ChangeKind;
  cost: number;
  /** Process number (N of PN). */
  thread: number;
  /** 1-based line of the original source the change is at (or next to). */
  line: number;
  /**
   * Changes with the same slot are alternatives (one access, or one place
   * between two statements): a set holds at most one change per slot.
   */
  slot: string;
  /** One line, e.g. `add smp_rmb() to P1 before line 31`. */
  summary: string;
  edits: TextEdit[];
  /** For a fence insertion, the 1-based original line of the statement before / after it (0 when none). */
  between?: { before: number; after: number };
}

/** A run's verdict in brief, e.g. `Never 0 5` (herd's Observation line). */
export interface VerdictSummary {
  verdict: Verdict;
  positive: number;
  negative: number;
  flags: string[];
  /** `Never 0 5`. */
  text: string;
}

/** One verified fix: a minimal set of changes and what the re-run of the changed test gave. */
export interface Suggestion {
  changes: Change[];
  cost: number;
  /** Unified diff of the litmus file. */
  diff: string;
  /** The changed test's text (what the re-run ran). */
  source: string;
  /** The verdict of the full re-run of the changed test. */
  verdict: VerdictSummary;
  /** One line: the cycle the change closes. */
  reason: string;
}

export interface SearchStats {
  /** Candidate changes after --allow/--deny. */
  candidates: number;
  /** Largest set size looked at (--max-changes, or how deep the automatic deepening went; 0 when no search was needed). */
  maxChanges: number;
  /** Sets of changes checked by a re-run. */
  reruns: number;
  /** Sets whose re-run stopped at a limit (--timeout, --max-executions): neither counted as fixes nor as failures. */
  undecided: number;
  /** Sets skipped without a re-run: none of their changes can close a cycle through the witness (src/fix/prune.ts). */
  pruned: number;
  /** Why the search stopped before trying every set, if it did. */
  stopped?: string;
}

/** `sc-allowed`: the outcome is reachable even with every access ordered (sequential consistency): no change can forbid it. */
export type FixStatus = 'fixed' | 'already-never' | 'no-fix' | 'sc-allowed';

export interface FixReport {
  file: string;
  name: string;
  quantifier: Quantifier;
  conditionText: string;
  /** The verdict before any change. */
  before: VerdictSummary;
  status: FixStatus;
  /** At most --max suggestions, cheapest first. */
  suggestions: Suggestion[];
  kinds: ChangeKind[];
  stats: SearchStats;
  diagnostics: Diagnostic[];
  /** The original test's (see RunResult.herdReproduction). */
  herdReproduction?: HerdReproduction;
}

/** One way to weaken a barrier or annotation, and what the re-run gave. */
export interface Weakening {
  /** `removed`, or the new text, e.g. `smp_wmb()`. */
  to: string;
  diff: string;
  source: string;
  verdict: VerdictSummary;
  /** Whether the test is still Never (and raises no new flag). */
  holds: boolean;
}

/** A barrier or ordering annotation of the test and the weakenings tried on it. */
export interface WeakenItem {
  thread: number;
  line: number;
  /** The barrier's text, e.g. `smp_mb()` or `smp_load_acquire(y)`. */
  text: string;
  /** What it is, e.g. `full barrier`, `acquire load`, `fully ordered RMW`. */
  what: string;
  tried: Weakening[];
  /** The weakest weakenings that keep the test Never (empty: the barrier is needed as written). */
  allowed: Weakening[];
}

/** An ordering construct `weaken` did not try to weaken, and why. */
export interface WeakenSkip {
  thread: number;
  line: number;
  text: string;
  why: string;
}

export type WeakenStatus = 'checked' | 'not-never';

export interface WeakenReport {
  file: string;
  name: string;
  quantifier: Quantifier;
  conditionText: string;
  before: VerdictSummary;
  status: WeakenStatus;
  items: WeakenItem[];
  /** Ordering constructs not examined, with the reason. */
  skipped: WeakenSkip[];
  reruns: number;
  diagnostics: Diagnostic[];
  /** The original test's (see RunResult.herdReproduction). */
  herdReproduction?: HerdReproduction;
}

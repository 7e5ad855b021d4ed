// The explorer's options and results (src/explore/explore.ts).
import type { Rel } from '../relations/matrix.js';
import type { ExecGraph } from '../model/exec-graph.js';
import type { Verdict } from '../model/lkmm.js';
import type { Program, ThreadTrace } from '../events/program.js';
import type { Layout } from './graph-build.js';
import type { StateRecord, StateTable } from './states.js';
import type { Governor, GovernorLimits } from '../limits/governor.js';
import type { LimitHit } from './result.js';

export interface ExploreOptions {
  /** Stop after this many candidate executions. */
  maxExecutions?: number;
  /** Stop after this many milliseconds. */
  timeoutMs?: number;
  /** Deadline and memory budget (src/limits/governor.ts); with timeoutMs, the earlier deadline holds. */
  limits?: GovernorLimits;
  /** Keep the first allowed execution satisfying the condition, and the first violating one. */
  keepExamples?: boolean;
  /** Keep up to this many rejected candidates whose final state satisfies the condition. */
  keepRejected?: number;
  /**
   * Called for every candidate whose final state satisfies the condition and
   * that the model rejects, with a function building its record (for ranked
   * explanations, src/engine/reasons.ts). Turns pruning off, as keepRejected does.
   */
  onRejected?: (make: () => ExecutionRecord, axiom: string, incoherent: boolean) => void;
  /**
   * Enumerate the candidates that violate coherence or atomicity restricted
   * to one location too (default: with keepRejected). Without it, those are
   * cut as the normal search cuts them, and onRejected sees only candidates
   * rejected for other reasons (happens-before, propagation, RCU, ...).
   * 'any-order': also the coherence orders that put one thread's writes out
   * of program order (CoWW), which the enumeration otherwise never builds.
   */
  incoherent?: boolean | 'any-order';
  /**
   * Count whole subtrees whose most permissive completion passes the model
   * without evaluating the model per execution (default true; false is for
   * differential tests of that shortcut).
   */
  bulk?: boolean;
  /** Forward checking near the bottom of the tree (default true; false for differential tests). */
  forward?: boolean;
  /** Count repeated allowed subtrees once per value key (default true; false for differential tests). */
  memo?: boolean;
  /**
   * Explore only share `index` of `count` disjoint shares of the executions
   * (for several threads on one test): the candidates of each path
   * combination's location with the most events are dealt round-robin as
   * they are enumerated. The shares' Positive and Negative counts, states
   * and flags add up to the whole search's (the statistics `candidates` and
   * `evaluations` need not).
   */
  shard?: { index: number; count: number };
  /**
   * Another model than the built-in LKMM (a cat model, src/cat): judged on
   * complete candidate executions only, with no pruning, bounds or memo,
   * since its checks need not be monotone in rf and co.
   */
  model?: ModelHook;
}

/** A model the explorer can run instead of the built-in one: one evaluator per layout. */
export interface ModelHook {
  /**
   * The model's evaluator for one layout. With `keep` (explanations), the
   * verdict carries the violated check's relation and the model's named
   * relations, valid after the call.
   */
  forLayout(layout: Layout, program: Program): (g: ExecGraph, opts?: { keep?: boolean }) => Verdict;
  /** A check of the model as its file writes it, with where (`acyclic hb as happens-before (linux-kernel.cat:110)`). */
  describe?(check: string): string | undefined;
  /**
   * Which (rf, co) choices are candidates: 'coherent' (the model requires
   * per-location coherence and RMW atomicity: only those choices need be
   * enumerated), 'uniproc' (coherent ones, atomicity violations included),
   * 'all' (every choice).
   */
  candidates: 'coherent' | 'uniproc' | 'all';
}

/** One concrete execution, kept for explanations. */
export interface ExecutionRecord {
  layout: Layout;
  traces: readonly ThreadTrace[];
  rf: Rel;
  co: Rel;
  coOrders: number[][];
  /** Every event's value in this execution. */
  values: number[];
  axiom?: string;
  flags: string[];
}

export interface ExploreOutcome {
  states: StateRecord[];
  /** The same states as a table (to merge the states of two searches). */
  table: StateTable;
  positive: number;
  negative: number;
  flags: string[];
  candidates: number;
  /** Model evaluations: on complete executions, on partial ones (pruning) and on subtree bounds. */
  evaluations: number;
  loop: boolean;
  limit?: LimitHit;
  positiveExample?: ExecutionRecord;
  negativeExample?: ExecutionRecord;
  rejected: ExecutionRecord[];
}

/** What a path search reads from and adds to its run (explore.ts's Exploration). */
export interface SearchRun {
  readonly program: Program;
  readonly opts: ExploreOptions;
  readonly out: ExploreOutcome;
  readonly states: StateTable;
  readonly flags: Set<string>;
  readonly gov: Governor;
  /** The values of the observed registers and locations of the execution being counted. */
  readonly obs: Float64Array;
  /** Final memory of the execution being judged, by location. */
  readonly finalMem: number[];
  /** Rejected candidates are wanted (explanations): no pruning. */
  readonly keeping: boolean;
  /** Counts `n` candidate executions, within the limits. */
  tick(n?: number): void;
}

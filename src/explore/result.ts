// Result records: what the explorer produces and every formatter consumes.
// Printers only print these; they never re-run anything.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Quantifier, ResultComment } from '../litmus/ast.js';
import type { LimitKind } from '../limits/governor.js';

export type Verdict = 'Never' | 'Sometimes' | 'Always';

/** One observed location: a column of the final-state table. */
export interface StateColumn {
  /** `0:r1` for a register, `x` for a global. */
  loc: string;
  kind: 'reg' | 'global';
}

/** One location's final value in a final state. */
export interface StateEntry {
  /** `0:r1` for a register, `x` for a global. */
  loc: string;
  kind: 'reg' | 'global';
  /** Printed value: a decimal integer or a symbolic address such as `x`. */
  value: string;
}

/** A distinct final state over the observed locations (condition + `locations`). */
export interface FinalState {
  /** Printed values, one per column of RunResult.columns (a decimal integer or a symbolic address such as `x`). */
  values: string[];
  /** Allowed executions ending in this state. */
  executions: number;
  /** Whether the state satisfies the condition's proposition. */
  satisfies: boolean;
}

/** One event of an execution, located on the test's source. */
export interface EventRef {
  id: number;
  /** -1 for initial writes. */
  thread: number;
  /** 1-based source line of the statement that produced the event (0 for init). */
  line: number;
  /** Short text such as `W[once] x=1` or `F[mb]`. */
  label: string;
  /** The source text of the statement, trimmed. */
  source: string;
}

/** A labelled edge of a cycle or witness. */
export interface EdgeRef {
  from: number;
  to: number;
  /** Relation name, e.g. `rfe`, `fr`, `po`, `smp_mb`, `ppo`. */
  relation: string;
  /** The same in words. */
  words: string;
  /**
   * For an ordering edge, the construct of the test that provides it, on its
   * line: `smp_wmb() P0:16`, `smp_load_acquire() P1:25 acquire`,
   * `grace period synchronize_rcu() P0:12`, `spin_unlock() P0:9 + spin_lock() P1:14`.
   */
  construct?: string;
  /**
   * For a from-reads edge whose read takes its value from another thread's
   * write: that write (the edge is rf^-1 ; co through it), so that a
   * coherence cycle on one thread shows the other thread's part in it.
   */
  via?: number;
}

/** A witness execution: reads-from, coherence and final values. */
export interface Witness {
  events: EventRef[];
  /** For each read event id: the write event id it reads from. */
  rf: Array<{ read: number; write: number; value: string }>;
  /** Per location: write event ids in coherence order (initial write first). */
  co: Array<{ loc: string; writes: number[] }>;
  /** A total order of the events consistent with the execution, for replay by hand. */
  interleaving: number[];
  state: StateEntry[];
}

/** Why one candidate execution with the outcome was rejected. */
export interface Rejection {
  axiom: string;
  /** What the violated axiom says: the built-in model's words, or the check as the cat model writes it. */
  meaning?: string;
  /** The cycle (or reflexive edge) that violates the axiom, as edges over `events`. */
  cycle: EdgeRef[];
  events: EventRef[];
  /** In a ranked list (src/engine/reasons.ts): how many rejected candidates have this same reason. */
  count?: number;
  /** Whether the cycle's events are on more than one thread. */
  crossThread?: boolean;
  /** Whether the cycle passes through an event the condition reads (a register's read, a location's write). */
  throughCondition?: boolean;
}

/** How a ranked list of reasons was found (src/engine/reasons.ts). */
export interface ReasonSummary {
  /** Rejected candidate executions with the outcome that were examined. */
  candidates: number;
  /** Distinct reasons among them: those listed, plus the single-thread ones summarised. */
  distinct: number;
  /** Candidates rejected only for a coherence or atomicity violation within one thread (not listed). */
  singleThread: number;
  /** Distinct single-thread reasons among those. */
  singleThreadDistinct: number;
  /** Present when the search for reasons stopped early: why (the list may then be partial). */
  partial?: string;
}

export interface RaceReport {
  first: EventRef;
  second: EventRef;
  kind: 'ww' | 'wr' | 'rw';
  missing: string;
}

export interface Explanation {
  /** Present when the condition's outcome is reachable. */
  witness?: Witness;
  /** Present when the outcome is forbidden: candidate executions and the axiom each violates. */
  rejections?: Rejection[];
  /** With ranked rejections: counts and whether the search for them completed. */
  reasons?: ReasonSummary;
  /** Present when the explanation itself could not be completed (a limit): why. */
  incomplete?: string;
  races?: RaceReport[];
}

export interface LimitHit {
  kind: LimitKind;
  /** In words, with the option that sets the limit (filled in by the engine). */
  message: string;
  /** The limit: milliseconds, candidate executions or bytes. */
  limit?: number;
  /** What was running: the per-location (rf, co) enumeration, the search, or a later phase. */
  phase?: LimitPhase;
  /** Candidate executions examined when it stopped. */
  candidates?: number;
}

export type LimitPhase = 'reading' | 'parsing' | 'paths' | 'choices' | 'search' | 'settle' | 'explain' | 'fix';

/**
 * A verdict made exact although the full search stopped at a limit: a second
 * search, restricted to the executions that can reach the condition's target
 * outcome, completed. The target outcome's count (Positive for `exists` and
 * `~exists`, Negative for `forall`) and its final states are exact; the other
 * count, the other states and the flags stay partial (lower bounds).
 */
export interface SettledVerdict {
  /** Which count is exact. */
  exact: 'positive' | 'negative';
  /** Whether no execution of the test can raise data-race (it has no plain accesses). */
  raceFree: boolean;
  /** Candidate executions the restricted search examined, and its time in seconds. */
  candidates: number;
  seconds: number;
}

export type JudgementStatus = 'pass' | 'fail' | 'unjudged' | 'error';

/**
 * The engine's judgement of a test's `Result:` comment (src/engine/judge.ts,
 * the rules of the kernel's judgelitmus.sh). Formatters print it; they never
 * judge.
 */
export interface Judgement {
  status: JudgementStatus;
  /** The Result comment's prediction, e.g. `Never`, `Sometimes DATARACE`, `Flag foo`; null without one. */
  expected: string | null;
  /** What the run observed in the same words, e.g. `Sometimes DATARACE`; null when the test did not run. */
  actual: string | null;
  /** Why the status is not `pass`; empty on a pass. */
  reasons: string[];
  /** Mismatches forgiven on a pass (judgelitmus.sh's "--- Forgiven"). */
  notes?: string[];
  /** 1-based line of the Result comment, when there is one. */
  line?: number;
}

/** The outcome of running one test. */
export interface RunResult {
  file: string;
  /** Test name from the `C name` header (empty if the file did not parse). */
  name: string;
  status: 'ok' | 'error' | 'limit';
  quantifier: Quantifier;
  /** The condition in herd's spelling, e.g. `exists (0:r1=1 /\ [x]=2)`. */
  conditionText: string;
  /** The observed locations (the condition's and `locations`), in state order. */
  columns: StateColumn[];
  states: FinalState[];
  /** Executions that satisfy the proposition / that do not. */
  positive: number;
  negative: number;
  verdict: Verdict;
  /** herd's Ok/No: whether the quantified condition holds. */
  ok: boolean;
  /** True when loop unrolling cut executions off (herd's `Loop`). */
  loop: boolean;
  /** Flags raised by allowed executions, sorted (e.g. `data-race`). */
  flags: string[];
  /** Wall time of exploration, seconds. */
  seconds: number;
  /** Candidate executions examined. */
  candidates: number;
  /** Model evaluations the explorer needed (absent for files that did not run). */
  evaluations?: number;
  limit?: LimitHit;
  /** With `limit`: present when the verdict is nevertheless exact (see SettledVerdict). */
  settled?: SettledVerdict;
  diagnostics: Diagnostic[];
  /** The file's `Result:` comment, when present. */
  expected?: ResultComment;
  /** The Result comment judged against this result: every record the engine returns has one. */
  judgement?: Judgement;
  explanation?: Explanation;
  /**
   * For a test herd7 cannot run as written (it calls the mm vocabulary or
   * uses an operator herd7's C lacks): whether `litmus-check lower` makes it
   * plain LKMM, and the extensions beyond LKMM its verdict relies on.
   * Absent for a plain LKMM test (src/lower/).
   */
  herdReproduction?: HerdReproduction;
}

export interface HerdReproduction {
  /** `lowered`: herd7 runs the test after `litmus-check lower FILE`; `refused`: herd7 cannot reproduce the verdict. */
  status: 'lowered' | 'refused';
  /** Primitives beyond herd7's LKMM the test calls, sorted. */
  helpers: string[];
  /** Some of them come from a --macros file (which `lower` then needs too). */
  usesMacros: boolean;
  /** Extensions beyond LKMM the verdict relies on (`irq-off`). */
  extensions: string[];
  /** Why herd7 cannot reproduce it (`refused`), each `line:col: message`. */
  reasons: string[];
  /** What the lowering of an extension assumes, and why that holds here. */
  notes: string[];
  /** The lowered test (`lowered`). */
  lowered?: string;
}

/** A state's values paired with their columns. */
export function stateEntries(r: Pick<RunResult, 'columns'>, s: FinalState): StateEntry[] {
  return r.columns.map((c, i) => ({ loc: c.loc, kind: c.kind, value: s.values[i]! }));
}

// text -> AST -> events -> executions -> RunResult. The only module that
// connects the parser to the explorer.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import type { LitmusTest } from '../litmus/ast.js';
import { parseLitmus } from '../litmus/parse.js';
import type { PrimitiveRegistry } from '../kernel/primitives.js';
import { buildProgram, BuildError, observedName } from '../events/build.js';
import { TooManyPaths } from '../events/interp.js';
import type { Program } from '../events/types.js';
import { explore, type ExploreOptions, type ExploreOutcome } from '../explore/explore.js';
import type { RunResult, Verdict } from '../explore/result.js';
import { explainOutcome } from './explain.js';
import { settle } from './settle.js';
import { exploreShared, shouldShare } from './parallel.js';
import { Governor, LimitStop, type GovernorLimits } from '../limits/governor.js';
import { limitMessage, type LimitPhase } from './limit-words.js';
import { readTestFile } from '../limits/read-text.js';
import { checkProgramSize } from './program-size.js';
import { TestTooLarge } from '../limits/sizes.js';

export interface RunOptions {
  timeoutMs?: number;
  maxExecutions?: number;
  unroll?: number;
  registry?: PrimitiveRegistry;
  explain?: boolean;
  /** See ExploreOptions.bulk and ExploreOptions.forward. */
  bulk?: boolean;
  forward?: boolean;
  /**
   * When the search stops at a limit, try to settle the verdict exactly with a
   * search restricted to the condition's target outcome (src/engine/settle.ts;
   * default true). With --timeout, the full search then gets 80% of the time.
   */
  settle?: boolean;
  /**
   * Explore only the executions that can reach the condition's target outcome
   * (its top-level atoms as path constraints, see src/engine/settle.ts): the
   * target count (Positive for exists/~exists, Negative for forall) is exact,
   * the other count and the states are not. For `fix`'s screening.
   */
  targetOnly?: boolean;
  /**
   * Threads one large test may use (default 1): the executions are dealt
   * into disjoint shares explored side by side (src/engine/parallel.ts).
   * Results do not depend on it.
   */
  threads?: number;
  /** Memory budget in bytes (default DEFAULT_MAX_MEMORY, src/limits/governor.ts). */
  maxMemory?: number;
  /**
   * Limits over more than this test (e.g. the whole of `fix`): an earlier
   * deadline there holds. The test's own deadline is timeoutMs from its start.
   */
  limits?: GovernorLimits;
}

/** Share of --timeout the full search gets when a settling search may follow. */
const FULL_SHARE = 0.8;

const zeroRange = { start: { line: 1, col: 1, offset: 0 }, end: { line: 1, col: 1, offset: 0 } };

function failed(file: string, name: string, diagnostics: Diagnostic[], test?: LitmusTest): RunResult {
  return {
    file, name, status: 'error', quantifier: test?.condition.quantifier ?? 'exists', conditionText: '',
    columns: [], states: [], positive: 0, negative: 0, verdict: 'Never', ok: false, loop: false, flags: [],
    seconds: 0, candidates: 0, diagnostics, ...(test?.result ? { expected: test.result } : {}),
  };
}

export function verdictOf(positive: number, negative: number): Verdict {
  if (positive === 0) return 'Never';
  return negative === 0 ? 'Always' : 'Sometimes';
}

/** herd's Ok/No for the quantified condition. */
export function conditionHolds(q: string, positive: number, negative: number): boolean {
  if (q === 'exists') return positive > 0;
  if (q === '~exists') return positive === 0;
  return negative === 0;
}

export function compileTest(test: LitmusTest, opts: RunOptions = {}, governor?: Governor): Program {
  return buildProgram(test, {
    ...(opts.registry ? { registry: opts.registry } : {}),
    ...(opts.unroll !== undefined ? { unroll: opts.unroll } : {}),
    ...(opts.targetOnly ? { settle: true } : {}),
    ...(governor ? { governor } : {}),
  });
}

/** The governor of one test: its own deadline (opts.timeoutMs from now) or an outer one, whichever is earlier. */
export function testGovernor(opts: RunOptions): Governor {
  const limits: GovernorLimits = { ...opts.limits };
  if (opts.timeoutMs !== undefined) {
    const own = Date.now() + opts.timeoutMs;
    if (limits.deadline === undefined || own < limits.deadline) {
      limits.deadline = own;
      limits.timeoutMs = opts.timeoutMs;
    }
  }
  if (opts.maxMemory !== undefined) limits.maxMemory = opts.maxMemory;
  return new Governor(limits);
}

export function resultFrom(test: LitmusTest, program: Program, file: string, outcome: ExploreOutcome, seconds: number, diagnostics: Diagnostic[]): RunResult {
  const q = test.condition.quantifier;
  const conditionText = program.conditionText;
  return {
    // The name as written after `C` (herd drops a trailing `.litmus`; the
    // conformance tooling and users' greps match the written name).
    file, name: test.source.slice(test.nameRange.start.offset, test.nameRange.end.offset) || test.name,
    status: outcome.limit ? 'limit' : 'ok', quantifier: q, conditionText,
    columns: program.observed.map((o) => ({ loc: observedName(o), kind: o.kind })),
    states: outcome.states,
    positive: outcome.positive, negative: outcome.negative,
    verdict: verdictOf(outcome.positive, outcome.negative),
    ok: conditionHolds(q, outcome.positive, outcome.negative),
    loop: outcome.loop, flags: outcome.flags, seconds, candidates: outcome.candidates, evaluations: outcome.evaluations,
    ...(outcome.limit ? { limit: outcome.limit } : {}),
    diagnostics, ...(test.result ? { expected: test.result } : {}),
  };
}

/** Parses, compiles and explores one test from source text. Never throws. */
export function runSource(source: string, file: string, opts: RunOptions = {}, governor?: Governor): { result: RunResult; test?: LitmusTest; program?: Program; outcome?: ExploreOutcome } {
  let test: LitmusTest | undefined;
  const gov = governor ?? testGovernor(opts);
  let phase: LimitPhase = 'parsing';
  try {
    gov.check();
    const parsed = parseLitmus(source, file, opts.registry);
    test = parsed.test;
    if (!test || hasErrors(parsed.diagnostics)) return { result: failed(file, test?.name ?? '', parsed.diagnostics, test) };
    const started = performance.now();
    phase = 'paths';
    gov.check();
    const program = compileTest(test, opts, gov);
    checkProgramSize(test, program);
    phase = 'search';
    const exploreOpts: ExploreOptions = {
      limits: gov.limits(),
      ...(opts.timeoutMs !== undefined ? { timeoutMs: Math.min(opts.timeoutMs, gov.remainingMs()) } : {}),
      ...(opts.maxExecutions !== undefined ? { maxExecutions: opts.maxExecutions } : {}),
      ...(opts.explain ? { keepExamples: true, keepRejected: 8 } : {}),
      ...(opts.bulk === false ? { bulk: false } : {}),
      ...(opts.forward === false ? { forward: false } : {}),
    };
    const settling = opts.settle !== false && !opts.explain && !opts.targetOnly;
    if (settling && exploreOpts.timeoutMs !== undefined) exploreOpts.timeoutMs = Math.max(1, Math.floor(exploreOpts.timeoutMs * FULL_SHARE));
    const outcome = shouldShare(program, opts, exploreOpts)
      ? exploreShared(program, source, file, opts, exploreOpts)
      : explore(program, exploreOpts);
    if (outcome.limit) outcome.limit.message = limitMessage(outcome.limit);
    // A memory stop is not retried (the restricted search would start near the budget).
    const settled = settling && outcome.limit && outcome.limit.kind !== 'memory' ? settleWithin(test, program, outcome, exploreOpts, opts, gov) : undefined;
    const seconds = (performance.now() - started) / 1000;
    const result = resultFrom(test, program, file, outcome, seconds, parsed.diagnostics);
    if (settled) {
      Object.assign(result, {
        positive: settled.positive, negative: settled.negative, verdict: settled.verdict,
        ok: conditionHolds(result.quantifier, settled.positive, settled.negative),
        states: settled.states, flags: settled.flags, loop: settled.loop, settled: settled.info,
      });
    }
    if (opts.explain) {
      phase = 'explain';
      gov.check();
      result.explanation = explainOutcome(test, program, outcome);
    }
    return { result, test, program, outcome };
  } catch (e) {
    return { result: failed(file, test?.name ?? '', [errorDiagnostic(e, file, test, phase)], test) };
  }
}

/** The settling search (src/engine/settle.ts) in the time left; undefined when a limit stops it. */
function settleWithin(test: LitmusTest, program: Program, outcome: ExploreOutcome, exploreOpts: ExploreOptions, opts: RunOptions, gov: Governor): ReturnType<typeof settle> {
  try {
    const restricted = compileTest(test, { ...opts, targetOnly: true }, gov);
    return settle(restricted, program, outcome, {
      ...exploreOpts,
      ...(opts.timeoutMs !== undefined ? { timeoutMs: Math.max(1, gov.remainingMs()) } : {}),
    });
  } catch (e) {
    if (e instanceof LimitStop) return undefined;
    throw e;
  }
}

/** A failure as a diagnostic: limits and sizes are the user's, anything else an internal error. */
function errorDiagnostic(e: unknown, file: string, test: LitmusTest | undefined, phase: LimitPhase): Diagnostic {
  const range = test?.nameRange ?? zeroRange;
  if (e instanceof TestTooLarge) return { severity: 'error', code: 'too-large', message: e.message, file, range: e.range ?? range };
  if (e instanceof LimitStop) {
    return { severity: 'error', code: 'limit', message: `limit: ${limitMessage({ kind: e.kind, limit: e.limit, phase })}`, file, range };
  }
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return { severity: 'error', code: 'too-large', message: 'test too large: nested or repeated too deeply to process (limit: the stack)', file, range };
  }
  const msg = e instanceof BuildError || e instanceof TooManyPaths ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`;
  return { severity: 'error', code: e instanceof TooManyPaths ? 'limit' : 'internal', message: msg, file, range };
}

/** Reads and runs one test file (`-`: standard input). Never throws. */
export function runFile(file: string, opts: RunOptions = {}): RunResult {
  const gov = testGovernor(opts);
  let read;
  try {
    read = readTestFile(file, gov);
  } catch (e) {
    return failed(file, '', [errorDiagnostic(e, file, undefined, 'reading')]);
  }
  if (!read.ok) return failed(file, '', [read.diagnostic]);
  return runSource(read.text, file, opts, gov).result;
}

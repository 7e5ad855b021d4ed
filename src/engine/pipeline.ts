// text -> AST -> events -> executions -> RunResult. The only module that
// connects the parser to the explorer.
import { readFileSync } from 'node:fs';
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
import { explainSearch } from './explain-search.js';
import { settle } from './settle.js';
import { exploreShared, shouldShare } from './parallel.js';

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

export function compileTest(test: LitmusTest, opts: RunOptions = {}): Program {
  return buildProgram(test, {
    ...(opts.registry ? { registry: opts.registry } : {}),
    ...(opts.unroll !== undefined ? { unroll: opts.unroll } : {}),
    ...(opts.targetOnly ? { settle: true } : {}),
  });
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
export function runSource(source: string, file: string, opts: RunOptions = {}): { result: RunResult; test?: LitmusTest; program?: Program; outcome?: ExploreOutcome } {
  let test: LitmusTest | undefined;
  try {
    const parsed = parseLitmus(source, file, opts.registry);
    test = parsed.test;
    if (!test || hasErrors(parsed.diagnostics)) return { result: failed(file, test?.name ?? '', parsed.diagnostics, test) };
    const started = performance.now();
    const program = compileTest(test, opts);
    const exploreOpts: ExploreOptions = {
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
      ...(opts.maxExecutions !== undefined ? { maxExecutions: opts.maxExecutions } : {}),
      ...(opts.bulk === false ? { bulk: false } : {}),
      ...(opts.forward === false ? { forward: false } : {}),
    };
    const settling = opts.settle !== false && !opts.targetOnly;
    if (settling && opts.timeoutMs !== undefined) exploreOpts.timeoutMs = Math.max(1, Math.floor(opts.timeoutMs * FULL_SHARE));
    const outcome = shouldShare(program, opts, exploreOpts)
      ? exploreShared(program, source, file, opts, exploreOpts)
      : explore(program, exploreOpts);
    if (outcome.limit?.kind === 'timeout') outcome.limit.message = `stopped after ${opts.timeoutMs} ms (--timeout)`;
    const settled = settling && outcome.limit ? settle(compileTest(test, { ...opts, targetOnly: true }), program, outcome, {
      ...exploreOpts,
      ...(opts.timeoutMs !== undefined ? { timeoutMs: Math.max(1, opts.timeoutMs - Math.round(performance.now() - started)) } : {}),
    }) : undefined;
    const seconds = (performance.now() - started) / 1000;
    const result = resultFrom(test, program, file, outcome, seconds, parsed.diagnostics);
    if (settled) {
      Object.assign(result, {
        positive: settled.positive, negative: settled.negative, verdict: settled.verdict,
        ok: conditionHolds(result.quantifier, settled.positive, settled.negative),
        states: settled.states, flags: settled.flags, loop: settled.loop, settled: settled.info,
      });
    }
    // The explanation is searched for apart from the run: it never changes the result.
    if (opts.explain) {
      const restricted = test.condition.quantifier === 'forall' ? undefined : compileTest(test, { ...opts, targetOnly: true });
      result.explanation = explainSearch({ test, program, ...(restricted ? { restricted } : {}), result,
        ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
        ...(opts.maxExecutions !== undefined ? { maxExecutions: opts.maxExecutions } : {}),
      });
    }
    return { result, test, program, outcome };
  } catch (e) {
    const msg = e instanceof BuildError || e instanceof TooManyPaths ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`;
    const d: Diagnostic = { severity: 'error', code: e instanceof TooManyPaths ? 'limit' : 'internal', message: msg, file, range: test?.nameRange ?? zeroRange };
    return { result: failed(file, test?.name ?? '', [d], test) };
  }
}

export function runFile(file: string, opts: RunOptions = {}): RunResult {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    const d: Diagnostic = { severity: 'error', code: 'io', message: `cannot read file: ${(e as Error).message}`, file, range: zeroRange };
    return failed(file, '', [d]);
  }
  return runSource(source, file, opts).result;
}

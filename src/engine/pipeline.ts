// text -> AST -> events -> executions -> RunResult. The only module that
// connects the parser to the explorer.
import { CodeError } from '../events/interp-common.js';
import { strictDiagnostics } from '../litmus/extensions.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import type { LitmusTest } from '../litmus/ast.js';
import { parseLitmus } from '../litmus/parse.js';
import { PrimitiveRegistry } from '../kernel/primitives.js';
import type { RunOptions } from './run-options.js';
import { buildProgram, BuildError, observedName } from '../events/build.js';
import { TooManyPaths } from '../events/interp.js';
import type { Program } from '../events/program.js';
import { explore, type ExploreOptions, type ExploreOutcome } from '../explore/explore.js';
import type { RunResult, Verdict } from '../explore/result.js';
import { explainSearch } from './explain-search.js';
import { settle } from './settle.js';
import { exploreShared, shouldShare } from './parallel.js';
import { herdReproductionOf } from './herd-reproduction.js';
import { judge } from './judge.js';
import { loadModel, ModelLoadError, type LoadedModel } from '../cat/model-load.js';
import { lkmmv1Program } from '../cat/lkmmv1-events.js';
import { CatRunError } from '../cat/cat-run.js';
import { Governor, LimitStop, type GovernorLimits } from '../limits/governor.js';
import { limitMessage, type LimitPhase } from './limit-words.js';
import { readTestFile } from '../limits/read-text.js';
import { checkProgramSize } from './program-size.js';
import { TestTooLarge } from '../limits/sizes.js';

export type { RunOptions } from './run-options.js';

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

const merged = new WeakMap<PrimitiveRegistry, WeakMap<PrimitiveRegistry, PrimitiveRegistry>>();

/** The primitives of a run: the model's def (if any) over --macros' registry (if any). */
function registryFor(model: LoadedModel | undefined, opts: RunOptions): PrimitiveRegistry | undefined {
  const m = model?.registry, u = opts.registry;
  if (!m || !u) return m ?? u;
  let inner = merged.get(m);
  if (!inner) merged.set(m, (inner = new WeakMap()));
  let r = inner.get(u);
  if (!r) inner.set(u, (r = new PrimitiveRegistry([...u.all(), ...m.all()])));
  return r;
}

export function compileTest(test: LitmusTest, opts: RunOptions = {}, governor?: Governor): Program {
  const model = opts.model ? loadModel(opts.model) : undefined;
  const program = buildProgram(test, {
    ...(registryFor(model, opts) ? { registry: registryFor(model, opts)! } : {}),
    ...(opts.unroll !== undefined ? { unroll: opts.unroll } : {}),
    ...(opts.targetOnly ? { settle: true } : {}),
    ...(governor ? { governor } : {}),
  });
  return model?.lkmmv1 ? lkmmv1Program(program) : program;
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

/** What runSource returns: the result record, and what it was computed from when the test compiled. */
export interface SourceRun {
  result: RunResult;
  test?: LitmusTest;
  program?: Program;
  outcome?: ExploreOutcome;
}

/** The record with its `Result:` comment judged: the engine's last step for every record it returns. */
function judged(result: RunResult, opts: RunOptions): RunResult {
  result.judgement = judge(result, { requireResult: Boolean(opts.requireResult) });
  return result;
}

/** Parses, compiles and explores one test from source text, and judges its Result comment. Never throws. */
export function runSource(source: string, file: string, opts: RunOptions = {}, governor?: Governor): SourceRun {
  const run = runUnjudged(source, file, opts, governor);
  judged(run.result, opts);
  return run;
}

function runUnjudged(source: string, file: string, opts: RunOptions, governor?: Governor): SourceRun {
  let test: LitmusTest | undefined;
  const gov = governor ?? testGovernor(opts);
  let phase: LimitPhase = 'parsing';
  try {
    gov.check();
    let model: LoadedModel | undefined;
    try {
      model = opts.model ? loadModel(opts.model) : undefined;
    } catch (e) {
      if (!(e instanceof ModelLoadError)) throw e;
      const d: Diagnostic = e.diagnostics[0] ?? { severity: 'error', code: 'model', message: e.message, file, range: zeroRange };
      return { result: failed(file, '', [d]) };
    }
    const parsed = parseLitmus(source, file, registryFor(model, opts));
    if (opts.strict) parsed.diagnostics = strictDiagnostics(parsed.diagnostics);
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
      ...(opts.bulk === false ? { bulk: false } : {}),
      ...(opts.forward === false ? { forward: false } : {}),
      ...(model?.hook ? { model: model.hook } : {}),
      ...(opts.keepRejected ? { keepRejected: opts.keepRejected } : {}),
    };
    const settling = opts.settle !== false && !opts.targetOnly;
    if (settling && exploreOpts.timeoutMs !== undefined) exploreOpts.timeoutMs = Math.max(1, Math.floor(exploreOpts.timeoutMs * FULL_SHARE));
    const outcome = !model?.hook && shouldShare(program, opts, exploreOpts)
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
    // The explanation is searched for apart from the run: it never changes the result.
    // Under a cat model, its own checks and relations (src/engine/explaining-model.ts).
    if (opts.explain) {
      phase = 'explain';
      gov.check();
      const restricted = test.condition.quantifier === 'forall' ? undefined : compileTest(test, { ...opts, targetOnly: true });
      result.explanation = explainSearch({ test, program, ...(restricted ? { restricted } : {}), result,
        ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
        ...(opts.maxExecutions !== undefined ? { maxExecutions: opts.maxExecutions } : {}),
        ...(model?.hook ? { model: model.hook } : {}),
      });
    }
    if (!opts.targetOnly) {
      const repro = herdReproductionOf(test, opts.registry, file);
      if (repro) result.herdReproduction = repro;
    }
    return { result, test, program, outcome };
  } catch (e) {
    if (e instanceof CodeError) {
      const at = { line: e.line, col: e.col, offset: 0 };
      return { result: failed(file, test?.name ?? '', [{ severity: 'error', code: e.code, message: e.message, file, range: { start: at, end: at } }], test) };
    }
    if (e instanceof CatRunError) {
      const at = { line: e.line, col: e.col, offset: 0 };
      return { result: failed(file, test?.name ?? '', [{ severity: 'error', code: 'cat', message: `in the model: ${e.message}`, file: e.file, range: { start: at, end: at } }], test) };
    }
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

/** Reads, runs and judges one test file (`-`: standard input). Never throws. */
export function runFile(file: string, opts: RunOptions = {}): RunResult {
  const gov = testGovernor(opts);
  let read;
  try {
    read = readTestFile(file, gov);
  } catch (e) {
    return judged(failed(file, '', [errorDiagnostic(e, file, undefined, 'reading')]), opts);
  }
  if (!read.ok) return judged(failed(file, '', [read.diagnostic]), opts);
  return runSource(read.text, file, opts, gov).result;
}

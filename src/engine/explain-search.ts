// The explanation of a run, searched for after the run and apart from it, so
// that explaining never changes a verdict or a judgement: the run's result
// is final, and the explanation gets its own time budget and says when it
// is partial.
//
//  - A reachable outcome: a witness, from the search restricted to the
//    executions that can reach the outcome (src/engine/settle.ts).
//  - A forbidden outcome: ranked reasons (src/engine/reasons.ts) from the
//    same restricted search, in two passes: first the candidates coherent at
//    every location (their reasons are happens-before, propagation, RCU,
//    ...; pruning is off so each is seen), then, with the time left, the
//    incoherent ones (for coherence and atomicity cycles).
//  - A verdict that is not known (a limit) or a test without executions:
//    nothing is explained, and `incomplete` says why.
import type { LitmusTest } from '../litmus/ast.js';
import type { Program } from '../events/program.js';
import { explore } from '../explore/explore.js';
import type { ExploreOptions, ExploreOutcome } from '../explore/explore-api.js';
import type { Explanation, RunResult } from '../explore/result.js';
import { races, witnessOf } from './explain.js';
import { explainingModel } from './explaining-model.js';
import type { ModelHook } from '../explore/explore-api.js';
import { conditionReads, ReasonCollector } from './reasons.js';

/** Time an explanation may take when no --timeout is given. */
export const DEFAULT_EXPLAIN_MS = 20_000;
/** Share of the budget for the first (coherent) pass of the reasons search. */
const COHERENT_SHARE = 0.7;

export interface ExplainSearchInput {
  test: LitmusTest;
  /** The test compiled as run. */
  program: Program;
  /** The test compiled with the condition's target atoms as path constraints; undefined for forall. */
  restricted?: Program;
  result: RunResult;
  timeoutMs?: number;
  /** The run's --max-executions, which each search of the explanation keeps to as well. */
  maxExecutions?: number;
  /** The cat model the run used (src/cat); none: the built-in LKMM. */
  model?: ModelHook;
}

/** Each search's options: the run's model and caps. */
function caps(input: ExplainSearchInput, timeoutMs: number): ExploreOptions {
  return {
    timeoutMs,
    ...(input.maxExecutions !== undefined ? { maxExecutions: input.maxExecutions } : {}),
    ...(input.model ? { model: input.model } : {}),
  };
}

function limitText(o: ExploreOutcome, ms: number): string {
  if (o.limit?.kind === 'timeout') return `the search for explanations stopped after ${ms} ms`;
  return `the search for explanations stopped (${(o.limit?.message ?? 'a limit').replace(/^stopped:?\s*/, '')})`;
}

function witness(input: ExplainSearchInput, budget: number): Explanation {
  const { test, program } = input;
  const names = program.locations.map((l) => l.name);
  const o = explore(input.restricted ?? program, { keepExamples: true, ...caps(input, budget) });
  const pos = o.positiveExample;
  if (!pos) return { incomplete: o.limit ? `${limitText(o, budget)} before it found a witness` : 'no witness found' };
  const model = explainingModel(input.model, program);
  const out: Explanation = { witness: witnessOf(pos, pos.values, test, program, model) };
  const v = model.verdict(pos, pos.values);
  const r = races(v.rels, pos.layout, test, names);
  if (r.length) out.races = r;
  return out;
}

function raceExample(input: ExplainSearchInput, budget: number): Explanation['races'] {
  const { test, program } = input;
  const o = explore(program, { keepExamples: true, ...caps(input, budget) });
  const neg = o.negativeExample;
  if (!neg) return undefined;
  const v = explainingModel(input.model, program).verdict(neg, neg.values);
  const r = races(v.rels, neg.layout, test, program.locations.map((l) => l.name));
  return r.length ? r : undefined;
}

function reasons(input: ExplainSearchInput, budget: number): Explanation {
  const { test, program } = input;
  const started = Date.now();
  const target = input.restricted ?? program;
  const collector = new ReasonCollector(test, program.locations.map((l) => l.name), conditionReads(test, program), explainingModel(input.model, program));
  const pass = (opts: ExploreOptions): ExploreOutcome => explore(target, opts);
  const first = Math.max(1, Math.floor(budget * COHERENT_SHARE));
  const one = pass({ onRejected: (make) => collector.add(make()), incoherent: false, ...caps(input, first) });
  let partial = one.limit ? limitText(one, first) : undefined;
  const left = budget - (Date.now() - started);
  if (!one.limit && left > 0) {
    // Only the incoherent candidates are new: the others were seen in the first pass.
    const two = pass({
      onRejected: (make, _axiom, incoherent) => {
        if (incoherent) collector.add(make(), { incoherent: true });
      },
      incoherent: true, ...caps(input, left),
    });
    if (two.limit) partial = `${limitText(two, Math.round(left))} while looking at coherence and atomicity violations`;
    const rest = budget - (Date.now() - started);
    if (!two.limit && collector.size === 0 && rest > 0) {
      // Nothing yet: the outcome may need a thread's own writes out of
      // program order (CoWW), which the passes above never build.
      const three = pass({
        onRejected: (make, _axiom, incoherent) => {
          if (incoherent) collector.add(make(), { incoherent: true });
        },
        incoherent: 'any-order', ...caps(input, rest),
      });
      if (three.limit) partial = `${limitText(three, Math.round(rest))} while looking at writes out of program order`;
    }
  } else if (!one.limit) {
    partial = 'no time was left to look at coherence and atomicity violations';
  }
  const { rejections, summary } = collector.result(partial);
  const out: Explanation = { reasons: summary };
  if (rejections.length) out.rejections = rejections;
  if (input.result.flags.includes('data-race')) {
    const r = raceExample(input, Math.max(1, budget - (Date.now() - started)));
    if (r) out.races = r;
  }
  return out;
}

export function explainSearch(input: ExplainSearchInput): Explanation {
  const r = input.result;
  const budget = input.timeoutMs ?? DEFAULT_EXPLAIN_MS;
  if (r.status === 'error') return {};
  if (r.positive > 0) return witness(input, budget);
  if (r.status === 'limit' && !r.settled) {
    return { incomplete: 'the verdict is not known (the search stopped early), so there is no argument to explain' };
  }
  if (r.positive + r.negative === 0) {
    return { incomplete: 'the test has no executions at all (herd\'s "Never 0 0", a deadlock): no candidate execution completes, so there is nothing to explain' };
  }
  return reasons(input, budget);
}

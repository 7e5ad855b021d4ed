// The model an explanation reasons with: the built-in LKMM, or a cat model
// (src/cat). Either gives, for one kept execution, its verdict with the
// violated check's relation and the named relations the cycle's edges are
// labelled from (src/engine/cycle-edges.ts). A cat model's relations keep the
// model's own names; the LKMM's files use the names the labels know (hb, pb,
// rb, ppo, mb, ...), and other names fall back to the smallest named relation
// holding the edge.
import type { Program } from '../events/program.js';
import { execGraph, type Layout } from '../explore/graph-build.js';
import type { ExecutionRecord, ModelHook } from '../explore/explore-api.js';
import type { ExecGraph } from '../model/exec-graph.js';
import { evaluate, type Verdict } from '../model/lkmm.js';
import { lkmmAxiom } from '../model/axioms.js';

export interface ExplainingModel {
  /** The verdict on a kept execution with the given values (the model's flags too unless `flags` is false). */
  verdict(rec: ExecutionRecord, values: readonly number[], opts?: { flags?: boolean }): Verdict;
  /** What the axiom of that name says (Rejection.meaning). */
  meaning(axiom: string): string | undefined;
}

/** The execution graph of a kept record, with the given values (the layout's values are set to them). */
export function graphOf(rec: ExecutionRecord, values: readonly number[]): ExecGraph {
  const L = rec.layout;
  L.values.splice(0, L.values.length, ...values);
  return execGraph(L, rec.rf, rec.co);
}

export const BUILTIN_MODEL: ExplainingModel = {
  verdict: (rec, values, opts = {}) => evaluate(graphOf(rec, values), { flags: opts.flags !== false, keep: true }),
  meaning: (axiom) => {
    const a = lkmmAxiom(axiom);
    return a && `${a.kind} ${a.relation}: ${a.words}`;
  },
};

/** The built-in model, or a cat model's hook with one evaluator per layout (its layout-constant values are computed once). */
export function explainingModel(hook: ModelHook | undefined, program: Program): ExplainingModel {
  if (!hook) return BUILTIN_MODEL;
  const byLayout = new WeakMap<Layout, ReturnType<ModelHook['forLayout']>>();
  return {
    verdict(rec, values) {
      let judge = byLayout.get(rec.layout);
      if (!judge) byLayout.set(rec.layout, (judge = hook.forLayout(rec.layout, program)));
      return judge(graphOf(rec, values), { keep: true });
    },
    meaning: (axiom) => hook.describe?.(axiom),
  };
}

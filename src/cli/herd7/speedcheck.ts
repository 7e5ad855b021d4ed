// herd7's -speedcheck: decide the condition only. The search is restricted to
// the executions that can reach the condition's target outcome (those that
// satisfy the proposition for exists and ~exists, those that violate it for
// forall: see src/engine/settle.ts), and herd's output then shows only those:
// their final states, their count on the target side and 0 on the other, and
// a verdict that cannot be Always (exists, ~exists) or Never (forall). With
// `fast`, herd stops at the first such execution.
import type { RunResult, Verdict } from '../../explore/result.js';
import type { Speedcheck } from './options.js';

export function speedcheckResult(r: RunResult, mode: Exclude<Speedcheck, 'false'>): RunResult {
  if (r.status === 'error' || r.limit) return r;
  const forall = r.quantifier === 'forall';
  let states = r.states.filter((s) => (forall ? !s.satisfies : s.satisfies));
  let count = forall ? r.negative : r.positive;
  if (mode === 'fast' && count > 0) {
    count = 1;
    states = states.slice(0, 1).map((s) => ({ ...s, executions: 1 }));
  }
  const positive = forall ? 0 : count;
  const negative = forall ? count : 0;
  let verdict: Verdict;
  if (forall) verdict = negative === 0 ? 'Always' : 'Sometimes';
  else verdict = positive === 0 ? 'Never' : 'Sometimes';
  const ok = r.quantifier === 'exists' ? positive > 0 : r.quantifier === '~exists' ? positive === 0 : negative === 0;
  return { ...r, states, positive, negative, verdict, ok };
}

// Comparing two models on the same tests: which tests' verdict, final
// states, counts, flags or status differ, and, under the model that forbids
// the outcome the other allows, which checks rejected its candidate
// executions. Judging only: printing is in src/cli/commands/model-diff.ts.
import type { Rejection, RunResult } from '../explore/result.js';

export type DiffField = 'status' | 'verdict' | 'states' | 'counts' | 'flags';

export interface ModelRun {
  status: RunResult['status'];
  verdict: string | null;
  positive: number;
  negative: number;
  states: string[];
  flags: string[];
  error?: string;
}

export interface TestDiff {
  file: string;
  test: string;
  fields: DiffField[];
  /** One entry per model, in the order given. */
  runs: ModelRun[];
  /**
   * For the model whose verdict is Never where the other's is not: the checks
   * that rejected the outcome's candidates, and the ranked explanation under
   * that model (its best reasons first, each a cycle on source lines).
   */
  reason?: { model: number; rejectedBy: Array<{ check: string; executions: number }>; reasons: Rejection[]; partial?: string };
}

export function modelRun(r: RunResult): ModelRun {
  const states = r.states.map((s) => r.columns.map((c, k) => `${c.loc}=${s.values[k]!};`).join(' ')).sort();
  const errors = r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
  return {
    status: r.status, verdict: r.status === 'error' ? null : r.verdict, positive: r.positive, negative: r.negative,
    states: r.status === 'error' ? [] : states, flags: [...r.flags].sort(),
    ...(errors.length ? { error: errors[0]! } : {}),
  };
}

const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The fields in which two runs of one test differ (empty: they agree). */
export function diffFields(a: ModelRun, b: ModelRun): DiffField[] {
  const out: DiffField[] = [];
  if ((a.status === 'error') !== (b.status === 'error')) return ['status'];
  if (a.status === 'error') return [];
  if (a.verdict !== b.verdict) out.push('verdict');
  if (!same(a.states, b.states)) out.push('states');
  if (a.positive !== b.positive || a.negative !== b.negative) out.push('counts');
  if (!same(a.flags, b.flags)) out.push('flags');
  return out;
}

/** Counts of rejecting checks, most frequent first (ties by name). */
export function rankChecks(axioms: readonly string[]): Array<{ check: string; executions: number }> {
  const m = new Map<string, number>();
  for (const a of axioms) m.set(a, (m.get(a) ?? 0) + 1);
  return [...m].map(([check, executions]) => ({ check, executions })).sort((x, y) => y.executions - x.executions || (x.check < y.check ? -1 : 1));
}

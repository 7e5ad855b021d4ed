// One wording, shared by the formatters, of what a settled verdict means.
import type { RunResult } from '../explore/result.js';

/** Which numbers of a run stopped at a limit are exact, when its verdict was settled. */
export function settledNote(r: RunResult): string {
  const s = r.settled;
  if (!s) return 'the results are partial';
  const pos = s.exact === 'positive';
  return `the verdict is exact: a search restricted to the executions that can reach the outcome completed ` +
    `(${s.candidates} candidate execution${s.candidates === 1 ? '' : 's'}), so the ${pos ? 'Positive' : 'Negative'} count and the states that ` +
    `${pos ? 'satisfy' : 'violate'} the condition are exact; the ${pos ? 'Negative' : 'Positive'} count, ` +
    `the other states and the flags are partial`;
}

/**
 * The verdict when it is known: always for a completed run, and for a run
 * stopped at a limit only when it was settled. Null otherwise (and for a run
 * that failed): a limit's partial counts are never printed as a verdict.
 */
export function knownVerdict(r: RunResult): RunResult['verdict'] | null {
  if (r.status === 'error') return null;
  if (r.status === 'limit' && !r.settled) return null;
  return r.verdict;
}

// The judgements the engine attached to the result records (src/engine/judge.ts
// judges), as the formatters read and count them. Nothing here judges.
import type { Judgement, JudgementStatus, RunResult } from '../explore/result.js';

export type { Judgement, JudgementStatus } from '../explore/result.js';

/**
 * A record's judgement. A record without one did not come from the engine
 * (the engine judges every record it returns), and is printed as an error,
 * never as a pass.
 */
export function judgementOf(r: RunResult): Judgement {
  return r.judgement ?? { status: 'error', expected: null, actual: null, reasons: ['this result was not judged'] };
}

export interface JudgeSummary {
  tests: number;
  passed: number;
  failed: number;
  errors: number;
  unjudged: number;
}

const field: Record<JudgementStatus, Exclude<keyof JudgeSummary, 'tests'>> = { pass: 'passed', fail: 'failed', error: 'errors', unjudged: 'unjudged' };

export function summarize(judgements: readonly Judgement[]): JudgeSummary {
  const s: JudgeSummary = { tests: judgements.length, passed: 0, failed: 0, errors: 0, unjudged: 0 };
  for (const j of judgements) s[field[j.status]]++;
  return s;
}

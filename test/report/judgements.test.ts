import { describe, expect, it } from 'vitest';
import { judgementOf, summarize } from '../../src/report/judgements.js';
import { parseError, sbMbs } from './records.js';

describe('judgements as the formatters read them', () => {
  it('reads the judgement the engine attached', () => {
    const r = sbMbs({ positive: 1, negative: 2, verdict: 'Sometimes' });
    expect(judgementOf(r)).toBe(r.judgement);
    expect(judgementOf(r).status).toBe('fail');
  });

  it('takes a record without a judgement for an error, never a pass', () => {
    const { judgement: _, ...bare } = sbMbs();
    expect(judgementOf(bare)).toEqual({ status: 'error', expected: null, actual: null, reasons: ['this result was not judged'] });
  });

  it('counts the statuses', () => {
    const rs = [sbMbs(), sbMbs({ positive: 1, negative: 2, verdict: 'Sometimes' }), parseError(), sbMbs({ expected: undefined })];
    expect(summarize(rs.map(judgementOf))).toEqual({ tests: 4, passed: 1, failed: 1, errors: 1, unjudged: 1 });
    expect(summarize([])).toEqual({ tests: 0, passed: 0, failed: 0, errors: 0, unjudged: 0 });
  });
});

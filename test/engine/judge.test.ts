import { describe, expect, it } from 'vitest';
import { judge } from '../../src/engine/judge.js';
import { mpRace, parseError, resultComment, sbMbs } from '../report/records.js';

const counts = (positive: number, negative: number) => ({
  positive, negative, verdict: (positive === 0 ? 'Never' : negative === 0 ? 'Always' : 'Sometimes') as 'Never' | 'Sometimes' | 'Always',
});

describe('judge: the rules of judgelitmus.sh', () => {
  it('Never / Sometimes / Always must equal the Observation verdict', () => {
    for (const [p, n] of [[0, 3], [1, 3], [3, 0]] as const) {
      const c = counts(p, n);
      for (const exp of ['Never', 'Sometimes', 'Always'] as const) {
        const j = judge(sbMbs({ ...c, expected: resultComment(exp) }));
        expect(j.status, `${exp} vs ${c.verdict}`).toBe(exp === c.verdict ? 'pass' : 'fail');
        if (j.status === 'fail') expect(j.reasons[0]).toContain(`Result: ${exp}, but the observation is ${c.verdict}`);
      }
    }
  });

  it('Maybe passes whatever the verdict, when there are executions', () => {
    for (const [p, n] of [[0, 3], [1, 3], [3, 0]] as const) {
      expect(judge(sbMbs({ ...counts(p, n), expected: resultComment('Maybe') })).status).toBe('pass');
    }
  });

  it('DEADLOCK means no executions at all', () => {
    expect(judge(sbMbs({ ...counts(0, 0), states: [], expected: resultComment('DEADLOCK') })).status).toBe('pass');
    const j = judge(sbMbs({ ...counts(0, 3), expected: resultComment('DEADLOCK') }));
    expect(j.status).toBe('fail');
    expect(j.reasons[0]).toMatch(/DEADLOCK.*3 executions were found/);
  });

  it('a predicted data race (DATARACE) must be found', () => {
    expect(judge(mpRace()).status).toBe('pass');
    const j = judge(mpRace({ flags: [] }));
    expect(j.status).toBe('fail');
    expect(j.reasons).toEqual(['the Result comment predicts a data race (DATARACE), but none was found']);
  });

  it('a data race found but not predicted is a mismatch too', () => {
    const j = judge(mpRace({ expected: resultComment('Sometimes') }));
    expect(j.status).toBe('fail');
    expect(j.actual).toBe('Sometimes DATARACE');
    expect(j.reasons[0]).toMatch(/data race was found.*does not predict/);
  });

  it('Result: Flag NAME must match flag NAME being raised', () => {
    expect(judge(sbMbs({ flags: ['lock-misuse'], expected: resultComment('Maybe', { flag: 'lock-misuse' }) })).status).toBe('pass');
    const j = judge(sbMbs({ flags: [], expected: resultComment('Maybe', { flag: 'lock-misuse' }) }));
    expect(j.status).toBe('fail');
    expect(j.expected).toBe('Flag lock-misuse');
    expect(j.reasons).toEqual(['Result: Flag lock-misuse, but flag lock-misuse was not raised']);
  });

  it('Result: Flag data-race counts as predicting the race (no double report)', () => {
    expect(judge(mpRace({ expected: resultComment('Maybe', { flag: 'data-race' }) })).status).toBe('pass');
    expect(judge(mpRace({ flags: [], expected: resultComment('Maybe', { flag: 'data-race' }) })).reasons).toHaveLength(1);
  });

  it('no Result comment: unjudged, or an error with requireResult', () => {
    const r = sbMbs({ expected: undefined });
    expect(judge(r)).toMatchObject({ status: 'unjudged', expected: null, actual: 'Never' });
    expect(judge(r, { requireResult: true }).status).toBe('error');
    expect(judge(sbMbs(), { requireResult: true }).status).toBe('pass');
  });

  it('a test that could not be run is an error naming its diagnostics', () => {
    const j = judge(parseError());
    expect(j).toMatchObject({ status: 'error', actual: null });
    expect(j.reasons).toEqual(["tests/bad.litmus:11:19: expected ';' after statement"]);
  });

  it('a limit fails only on mismatches more executions cannot undo, and is an error otherwise', () => {
    const limit = { kind: 'timeout' as const, message: 'stopped after 100 ms (--timeout)' };
    const seen = judge(sbMbs({ status: 'limit', limit, ...counts(1, 2) }));
    expect(seen.status).toBe('fail');
    expect(seen.reasons.at(-1)).toContain('stopped early');
    const partial = judge(sbMbs({ status: 'limit', limit, ...counts(0, 2) }));
    expect(partial.status).toBe('error');
    expect(partial.reasons[0]).toContain('cannot be judged');
    // Nothing final was observed: not "DEADLOCK" for a search that found no execution yet.
    expect(judge(sbMbs({ status: 'limit', limit, expected: undefined, ...counts(0, 0) })).actual).toBe('unknown (stopped early)');
  });

  it('a limit with a settled verdict is judged on it', () => {
    const limit = { kind: 'timeout' as const, message: 'stopped after 100 ms (--timeout)' };
    const settled = { exact: 'positive' as const, raceFree: true, candidates: 3, seconds: 0 };
    expect(judge(sbMbs({ status: 'limit', limit, settled, ...counts(0, 2) }))).toMatchObject({ status: 'pass', actual: 'Never' });
    const wrong = judge(sbMbs({ status: 'limit', limit, settled, ...counts(2, 2), verdict: 'Sometimes' }));
    expect(wrong.status).toBe('fail');
    // With plain accesses a data race may still turn up: not judged.
    const racy = judge(sbMbs({ status: 'limit', limit, settled: { ...settled, raceFree: false }, ...counts(0, 2) }));
    expect(racy.status).toBe('error');
  });

  it('records the Result line', () => {
    expect(judge(sbMbs()).line).toBe(4);
    expect(judge(sbMbs({ expected: undefined })).line).toBeUndefined();
  });
});

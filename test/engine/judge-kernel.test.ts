// The rules of the current judgelitmus.sh that issue 13 added: the deadlock
// rule, data-race forgiveness, and an unrecognised Result word.
import { describe, expect, it } from 'vitest';
import { judge } from '../../src/engine/judge.js';
import { mpRace, range, resultComment, sbMbs } from '../report/records.js';

describe('judge: zero executions ("Never 0 0")', () => {
  it('fails every prediction but DEADLOCK, Maybe included', () => {
    for (const exp of ['Never', 'Sometimes', 'Always', 'Maybe'] as const) {
      const j = judge(sbMbs({ positive: 0, negative: 0, verdict: 'Never', states: [], expected: resultComment(exp) }));
      expect(j.status, exp).toBe('fail');
      expect(j.actual).toBe('DEADLOCK');
    }
    expect(judge(sbMbs({ positive: 0, negative: 0, states: [], expected: resultComment('DEADLOCK') })).status).toBe('pass');
  });

  it('a search stopped at a limit before any execution is not a deadlock', () => {
    const j = judge(sbMbs({ status: 'limit', positive: 0, negative: 0, states: [], limit: { kind: 'timeout', message: 'stopped after 1 ms' } }));
    expect(j.status).toBe('error');
    expect(j.reasons.join(' ')).not.toContain('deadlock');
  });
});

describe('judge: a data race forgives a wrong verdict (judgelitmus.sh "--- Forgiven")', () => {
  it('passes, with the mismatch as a note', () => {
    const j = judge(mpRace({ expected: resultComment('Never', { datarace: true }) }));
    expect(j.status).toBe('pass');
    expect(j.reasons).toEqual([]);
    expect(j.notes?.[0]).toMatch(/^Result: Never, but the observation is Sometimes .*forgiven/);
  });

  it('does not forgive without the race', () => {
    expect(judge(sbMbs({ positive: 1, negative: 2, verdict: 'Sometimes' })).status).toBe('fail');
  });

  it('does not forgive an unpredicted race', () => {
    expect(judge(mpRace({ expected: resultComment('Never') })).status).toBe('fail');
  });
});

describe('judge: an unrecognised Result word', () => {
  it('is an error naming the word and the place', () => {
    const d = { severity: 'warning' as const, code: 'bad-result', message: "unknown outcome 'Nevr' in the Result: comment (did you mean Never? ...)", file: 't.litmus', range: range(4, 4) };
    const { expected: _drop, ...noComment } = sbMbs();
    const j = judge({ ...noComment, diagnostics: [d] });
    expect(j.status).toBe('error');
    expect(j.expected).toBe('Nevr (unrecognised)');
    expect(j.reasons[0]).toBe("t.litmus:4:4: unknown outcome 'Nevr' in the Result: comment (did you mean Never? ...)");
  });
});

// Hand-built RunResult records for formatter and judge tests, judged as the
// engine judges every record it returns.
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { judge } from '../../src/engine/judge.js';
import type { Explanation, RunResult } from '../../src/explore/result.js';
import type { Expected, Range, ResultComment } from '../../src/litmus/ast.js';
import type { FormatContext } from '../../src/report/format-context.js';

export function range(line: number, col = 1, endCol = col + 1): Range {
  return { start: { line, col, offset: 0 }, end: { line, col: endCol, offset: 0 } };
}

export function resultComment(expected: Expected, opts: { datarace?: boolean; flag?: string; line?: number } = {}): ResultComment {
  const text = opts.flag ? `Flag ${opts.flag}` : `${expected}${opts.datarace ? ' DATARACE' : ''}`;
  return {
    expected, datarace: opts.datarace ?? false, text, range: range(opts.line ?? 4, 4, 12 + text.length),
    ...(opts.flag ? { flag: opts.flag } : {}),
  };
}

/** The record with its judgement attached, as the engine returns it (after `over`, so a changed record is judged anew). */
export function judged(r: RunResult): RunResult {
  return { ...r, judgement: judge(r) };
}

/** SB+mbs as the explorer reports it: Never, 0 of 3. */
export function sbMbs(over: Partial<RunResult> = {}): RunResult {
  return judged({
    file: 'tests/SB+mbs.litmus', name: 'SB+mbs', status: 'ok', quantifier: 'exists',
    conditionText: 'exists (0:r0=0 /\\ 1:r0=0)',
    columns: [{ loc: '0:r0', kind: 'reg' }, { loc: '1:r0', kind: 'reg' }],
    states: [
      { values: ['0', '1'], executions: 1, satisfies: false },
      { values: ['1', '0'], executions: 1, satisfies: false },
      { values: ['1', '1'], executions: 1, satisfies: false },
    ],
    positive: 0, negative: 3, verdict: 'Never', ok: false, loop: false, flags: [], seconds: 0.0123, candidates: 4,
    diagnostics: [], expected: resultComment('Never'),
    ...over,
  });
}

/** A racy message-passing test: Sometimes, flag data-race, with a global in its states. */
export function mpRace(over: Partial<RunResult> = {}): RunResult {
  return judged({
    file: 'tests/race/MP+race.litmus', name: 'MP+race', status: 'ok', quantifier: 'exists',
    conditionText: 'exists (1:r0=1 /\\ 1:r1=0)',
    columns: [{ loc: '1:r0', kind: 'reg' }, { loc: '1:r1', kind: 'reg' }, { loc: 'x', kind: 'global' }],
    states: [
      { values: ['0', '0', '1'], executions: 1, satisfies: false },
      { values: ['1', '0', '1'], executions: 2, satisfies: true },
    ],
    positive: 2, negative: 1, verdict: 'Sometimes', ok: true, loop: false, flags: ['data-race'], seconds: 1.5, candidates: 6,
    diagnostics: [], expected: resultComment('Sometimes', { datarace: true }),
    ...over,
  });
}

export function parseError(over: Partial<RunResult> = {}): RunResult {
  const d: Diagnostic = { severity: 'error', code: 'syntax', message: "expected ';' after statement", file: 'tests/bad.litmus', range: range(11, 19, 20) };
  return judged({
    file: 'tests/bad.litmus', name: '', status: 'error', quantifier: 'exists', conditionText: '', columns: [], states: [],
    positive: 0, negative: 0, verdict: 'Never', ok: false, loop: false, flags: [], seconds: 0, candidates: 0,
    diagnostics: [d], ...over,
  });
}

export const explanationWitness: Explanation = {
  witness: {
    events: [
      { id: 0, thread: -1, line: 0, label: 'W x=0', source: '' },
      { id: 1, thread: 0, line: 14, label: 'W[plain] x=1', source: '*x = 1;' },
      { id: 2, thread: 0, line: 15, label: 'W[release] y=1', source: 'smp_store_release(y, 1);' },
      { id: 3, thread: 1, line: 23, label: 'R[once] y=1', source: 'r0 = READ_ONCE(*y);' },
      { id: 4, thread: 1, line: 24, label: 'R[plain] x=0', source: 'r1 = *x;' },
    ],
    rf: [{ read: 3, write: 2, value: '1' }, { read: 4, write: 0, value: '0' }],
    co: [{ loc: 'x', writes: [0, 1] }],
    interleaving: [0, 4, 1, 2, 3],
    state: [{ loc: '1:r0', kind: 'reg', value: '1' }, { loc: '1:r1', kind: 'reg', value: '0' }],
  },
  races: [
    {
      first: { id: 1, thread: 0, line: 14, label: 'W[plain] x=1', source: '*x = 1;' },
      second: { id: 4, thread: 1, line: 24, label: 'R[plain] x=0', source: 'r1 = *x;' },
      kind: 'wr', missing: 'no happens-before between a plain write and a plain read',
    },
  ],
};

export const explanationRejection: Explanation = {
  rejections: [
    {
      axiom: 'happens-before',
      cycle: [
        { from: 1, to: 2, relation: 'po', words: 'program order' },
        { from: 2, to: 3, relation: 'fre', words: 'from-reads' },
        { from: 3, to: 1, relation: 'fre', words: 'from-reads' },
      ],
      events: [
        { id: 1, thread: 0, line: 16, label: 'W[once] x=1', source: 'WRITE_ONCE(*x, 1);' },
        { id: 2, thread: 0, line: 18, label: 'R[once] y=0', source: 'r0 = READ_ONCE(*y);' },
        { id: 3, thread: 1, line: 25, label: 'W[once] y=1', source: 'WRITE_ONCE(*y, 1);' },
      ],
    },
  ],
};

export function ctx(over: Partial<FormatContext> = {}): FormatContext {
  return { color: false, commandLine: 'litmus-check check tests', version: '9.9.9', ...over };
}

// The project's own small cat models on small tests, with hand-checked
// expectations: SC, a TSO-like model, and SC with its own coherence orders
// written with `match` and `with`.
import { describe, expect, it } from 'vitest';
import { runFile } from '../../src/engine/pipeline.js';

const DIR = 'test/fixtures/cat';
const run = (model: string, test: string): { verdict: string; positive: number; negative: number; states: number; flags: string[]; status: string } => {
  const r = runFile(`${DIR}/${test}.litmus`, { model: { model: `${DIR}/${model}` } });
  return { verdict: r.verdict, positive: r.positive, negative: r.negative, states: r.states.length, flags: r.flags, status: r.status };
};

describe('SC model (acyclic po | rf | co | fr)', () => {
  // Each test has 4 candidate executions with one value per read; SC forbids exactly the one in the condition.
  it.each(['SB', 'SB+mbs', 'MP', 'LB', '2+2W'])('%s: the relaxed outcome is Never, 3 executions remain', (t) => {
    const r = run('sc', t);
    expect(r).toMatchObject({ status: 'ok', verdict: 'Never', positive: 0, negative: 3, states: 3 });
  });
  it('raises its flag where some read reads from another thread', () => {
    expect(run('sc', 'SB').flags).toEqual(['communicates']);
    expect(run('sc', '2+2W').flags).toEqual([]);
  });
});

describe('TSO-like model (po minus write-to-read, fences restore it)', () => {
  it('SB: a read may pass an earlier write: Sometimes, 1 of 4', () => {
    expect(run('tso', 'SB')).toMatchObject({ verdict: 'Sometimes', positive: 1, negative: 3, states: 4 });
  });
  it('SB with smp_mb() on both sides: Never', () => {
    expect(run('tso', 'SB+mbs')).toMatchObject({ verdict: 'Never', positive: 0, negative: 3 });
  });
  it.each(['MP', 'LB', '2+2W'])('%s: Never (W->W, R->R and R->W stay ordered)', (t) => {
    expect(run('tso', t)).toMatchObject({ verdict: 'Never', positive: 0, negative: 3 });
  });
});

describe('SC with its own coherence orders (match, linearisations, cross, with)', () => {
  it.each(['SB', 'MP', 'LB', '2+2W'])('%s gives the same as the SC model', (t) => {
    expect(run('own-co', t)).toEqual({ ...run('sc', t), flags: [] });
  });
});

describe('model errors', () => {
  it('a syntax error in the model is a located error for each test', () => {
    const r = runFile(`${DIR}/SB.litmus`, { model: { model: `${DIR}/bad` } });
    expect(r.status).toBe('error');
    expect(r.diagnostics[0]).toMatchObject({ file: `${DIR}/bad/bad.cat`, message: "expected an expression, found 'acyclic'" });
    expect(r.diagnostics[0]!.range.start).toMatchObject({ line: 3, col: 1 });
  });
});

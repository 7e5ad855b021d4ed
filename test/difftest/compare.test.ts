import { describe, expect, it } from 'vitest';
import { parseHerdOutput, parseHerdWarnings } from '../../src/difftest/herd-output.js';
import { compareOutcomes, type Outcome } from '../../src/difftest/compare.js';
import { renderProp, renderTest } from '../../src/difftest/render.js';
import type { IrProp } from '../../src/difftest/litmus-ir.js';

const block = (o: { states?: string[]; pos?: number; neg?: number; flags?: string[]; loop?: boolean; verdict?: string; ok?: string } = {}) => [
  'Test T Allowed',
  `States ${(o.states ?? ['0:r0=0; [x]=1;', '0:r0=1;  [x]=1;']).length}`,
  ...(o.states ?? ['0:r0=0; [x]=1;', '0:r0=1;  [x]=1;']),
  `${o.loop ? 'Loop ' : ''}${o.ok ?? 'Ok'}`,
  'Witnesses',
  `Positive: ${o.pos ?? 1} Negative: ${o.neg ?? 1}`,
  ...(o.flags ?? []).map((f) => `Flag ${f}`),
  'Condition exists (0:r0=1)',
  `Observation T ${o.verdict ?? 'Sometimes'} ${o.pos ?? 1} ${o.neg ?? 1}`,
  'Time T 0.01',
  'Hash=abc',
  '',
].join('\n');

const ok = (text: string): Outcome => ({ kind: 'ok', block: parseHerdOutput(text)[0]!, text, warnings: [] });

describe('herd output reader', () => {
  it('reads a block: states as a normalised set, counts, flags, loop', () => {
    const [b] = parseHerdOutput(block({ states: ['[x]=1; 0:r0=1;', '0:r0=0; [x]=1;'], flags: ['data-race'], loop: true }));
    expect(b).toMatchObject({ name: 'T', kind: 'Allowed', ok: true, loop: true, positive: 1, negative: 1, verdict: 'Sometimes', flags: ['data-race'] });
    expect(b!.states).toEqual(['0:r0=0; [x]=1', '0:r0=1; [x]=1']);
    expect(b!.condition).toBe('exists (0:r0=1)');
  });

  it('reads several blocks and the per-file warnings', () => {
    expect(parseHerdOutput(block() + block()).length).toBe(2);
    const w = parseHerdWarnings('Warning: File "/t/a.litmus": Bad __store argument: x (User error)\nWarning: File "/t/b.litmus", line 3, characters 4-5: unexpected \'&\' (in init) (User error)\nnoise\n');
    expect(w.get('/t/a.litmus')).toEqual(['Bad __store argument: x (User error)']);
    expect(w.get('/t/b.litmus')).toEqual(["line 3, characters 4-5: unexpected '&' (in init) (User error)"]);
  });
});

describe('comparison', () => {
  const base = ok(block());
  it('agrees on the same answer, whatever the order of states and cells', () => {
    expect(compareOutcomes(base, ok(block({ states: ['0:r0=1; [x]=1;', '[x]=1; 0:r0=0;'] })))).toEqual({ status: 'agree' });
  });

  it('names each kind of disagreement, most important first', () => {
    expect(compareOutcomes(base, ok(block({ verdict: 'Never', pos: 0, neg: 2, ok: 'No' })))).toEqual({ status: 'diverge', kinds: ['verdict', 'counts'] });
    expect(compareOutcomes(base, ok(block({ states: ['0:r0=0; [x]=1;'] })))).toEqual({ status: 'diverge', kinds: ['states'] });
    expect(compareOutcomes(base, ok(block({ pos: 2 })))).toEqual({ status: 'diverge', kinds: ['counts'] });
    expect(compareOutcomes(base, ok(block({ flags: ['lock-final'] })))).toEqual({ status: 'diverge', kinds: ['flags'] });
    expect(compareOutcomes(base, ok(block({ loop: true })))).toEqual({ status: 'diverge', kinds: ['loop'] });
  });

  it('treats errors on one side as divergences, on both as agreement, and timeouts as skips', () => {
    const err: Outcome = { kind: 'error', message: 'bad', text: 'bad' };
    expect(compareOutcomes(err, base)).toEqual({ status: 'diverge', kinds: ['error-herd-only'] });
    expect(compareOutcomes(base, err)).toEqual({ status: 'diverge', kinds: ['error-lc-only'] });
    expect(compareOutcomes(err, err)).toEqual({ status: 'agree' });
    expect(compareOutcomes({ kind: 'timeout', text: '' }, base)).toEqual({ status: 'skip', reason: 'herd-timeout' });
    expect(compareOutcomes(base, { kind: 'timeout', text: '' })).toEqual({ status: 'skip', reason: 'lc-timeout' });
  });
});

describe('renderer', () => {
  const a = (loc: string): IrProp => ({ k: 'atom', loc, op: '=', v: '1' });
  it("prints conditions with herd7's precedences: \\/ < /\\ < => < ~", () => {
    expect(renderProp({ k: 'and', a: { k: 'implies', a: a('x'), b: a('y') }, b: a('z') })).toBe('x=1 => y=1 /\\ z=1');
    expect(renderProp({ k: 'implies', a: a('x'), b: { k: 'and', a: a('y'), b: a('z') } })).toBe('x=1 => (y=1 /\\ z=1)');
    expect(renderProp({ k: 'and', a: a('x'), b: { k: 'or', a: a('y'), b: a('z') } })).toBe('x=1 /\\ (y=1 \\/ z=1)');
    expect(renderProp({ k: 'not', p: { k: 'and', a: a('x'), b: a('y') } })).toBe('~(x=1 /\\ y=1)');
    expect(renderProp({ k: 'implies', a: { k: 'implies', a: a('x'), b: a('y') }, b: a('z') })).toBe('(x=1 => y=1) => z=1');
  });

  it('brackets => and its operands when asked', () => {
    expect(renderProp({ k: 'and', a: { k: 'implies', a: a('x'), b: a('y') }, b: a('z') }, true)).toBe('(x=1 => y=1) /\\ z=1');
  });

  it('prints a whole test', () => {
    expect(renderTest({
      name: 'T', init: [{ loc: 'x', type: 'int', value: '1' }, { loc: 'a', type: 'atomic_t', value: '2', atomicInit: true }, { loc: 'p', type: 'int *', value: 'x', amp: true }],
      threads: [{ params: [{ type: 'int *', name: 'x' }, { type: 'int **', name: 'p' }], body: [
        { k: 'decl', name: 'r0' },
        { k: 'assign', reg: 'r0', e: { k: 'bin', op: '+', a: { k: 'call', fn: 'READ_ONCE', args: [{ k: 'deref', e: { k: 'name', name: 'x' } }] }, b: { k: 'bin', op: '*', a: { k: 'num', v: 2 }, b: { k: 'num', v: -1 } } } },
        { k: 'while', c: { k: 'name', name: 'r0' }, body: [{ k: 'store', target: { k: 'name', name: 'x' }, e: { k: 'num', v: 0 } }] },
      ] }],
      locations: ['x', '0:r0'], filter: a('0:r0'), quantifier: '~exists', prop: a('x'),
    })).toBe([
      'C T', '', '{', '\tint x = 1;', '\tatomic_t a = ATOMIC_INIT(2);', '\tint *p = &x;', '}', '',
      'P0(int *x, int **p)', '{', '\tint r0;', '\tr0 = READ_ONCE(*x) + (2 * -1);', '\twhile (r0) {', '\t\t*x = 0;', '\t}', '}', '',
      'locations [x; 0:r0]', 'filter (0:r0=1)', '~exists (x=1)', '',
    ].join('\n'));
  });
});

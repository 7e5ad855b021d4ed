import { describe, expect, it } from 'vitest';
import { shrink } from '../../src/difftest/shrink.js';
import { pruneProp, testVariants } from '../../src/difftest/shrink-variants.js';
import { generate } from '../../src/difftest/generate.js';
import { renderTest } from '../../src/difftest/render.js';
import type { IrTest } from '../../src/difftest/litmus-ir.js';
import { parseLitmus } from '../../src/litmus/parse.js';

const big: IrTest = {
  name: 'big',
  init: [{ loc: 'x', type: 'int', value: '2' }, { loc: 'p', type: 'int *', value: 'y' }],
  threads: [
    { params: [{ type: 'int *', name: 'x' }, { type: 'int *', name: 'y' }], body: [
      { k: 'decl', name: 'r0' },
      { k: 'assign', reg: 'r0', e: { k: 'call', fn: 'READ_ONCE', args: [{ k: 'deref', e: { k: 'name', name: 'x' } }] } },
      { k: 'if', c: { k: 'bin', op: '==', a: { k: 'name', name: 'r0' }, b: { k: 'num', v: 2 } }, then: [
        { k: 'call', fn: 'smp_mb', args: [] },
        { k: 'call', fn: 'WRITE_ONCE', args: [{ k: 'deref', e: { k: 'name', name: 'y' } }, { k: 'num', v: 3 }] },
      ] },
    ] },
    { params: [{ type: 'int *', name: 'x' }, { type: 'int *', name: 'y' }], body: [
      { k: 'call', fn: 'WRITE_ONCE', args: [{ k: 'deref', e: { k: 'name', name: 'x' } }, { k: 'num', v: 1 }] },
      { k: 'call', fn: 'smp_wmb', args: [] },
    ] },
    { params: [{ type: 'int *', name: 'y' }], body: [{ k: 'assign', reg: 'r0', e: { k: 'call', fn: 'smp_load_acquire', args: [{ k: 'name', name: 'y' }] } }] },
  ],
  locations: ['x', '2:r0'],
  filter: { k: 'atom', loc: '2:r0', op: '=', v: '0' },
  quantifier: 'exists',
  prop: { k: 'and', a: { k: 'atom', loc: '0:r0', op: '=', v: '2' }, b: { k: 'or', a: { k: 'atom', loc: '2:r0', op: '=', v: '3' }, b: { k: 'atom', loc: 'y', op: '=', v: '3' } } },
};

/** A synthetic "divergence": some thread writes 3 to y. */
const writesY3 = (t: IrTest): boolean => /WRITE_ONCE\(\*y, 3\)/.test(renderTest(t));
const firstHolding = (p: (t: IrTest) => boolean) => async (cands: IrTest[]) => cands.findIndex(p);

describe('difftest shrinker', () => {
  it('shrinks to a minimal test that keeps the property', async () => {
    const r = await shrink(big, firstHolding(writesY3));
    expect(writesY3(r.test)).toBe(true);
    expect(r.test.threads).toHaveLength(1);
    expect(r.test.threads[0]!.body).toEqual([{ k: 'call', fn: 'WRITE_ONCE', args: [{ k: 'deref', e: { k: 'name', name: 'y' } }, { k: 'num', v: 3 }] }]);
    expect(r.test.init).toEqual([]);
    expect(r.test.filter).toBeUndefined();
    expect(r.test.locations).toBeUndefined();
    expect(r.test.prop.k).toBe('atom');
    // Only unused parameters go: y stays (without it, y would be a register).
    expect(r.test.threads[0]!.params).toEqual([{ type: 'int *', name: 'y' }]);
    // Minimal: no one-step reduction keeps the property.
    expect(testVariants(r.test).some(writesY3)).toBe(false);
  });

  it('renumbers threads in the condition, the filter and locations when it drops one', async () => {
    const keepsP2 = (t: IrTest) => renderTest(t).includes('smp_load_acquire(y)') && renderTest(t).includes(':r0=3');
    const r = await shrink(big, firstHolding(keepsP2));
    expect(r.test.threads).toHaveLength(1);
    expect(r.test.prop).toEqual({ k: 'atom', loc: '0:r0', op: '=', v: '3' });
  });

  it('judges candidates in batches and stops at maxTries', async () => {
    const sizes: number[] = [];
    const r = await shrink(big, async (c) => { sizes.push(c.length); return -1; }, { batch: 5, maxTries: 12 });
    expect(r.steps).toBe(0);
    expect(r.test).toBe(big);
    expect(sizes).toEqual([5, 5, 5]);
  });

  it('keeps every variant of generated tests printable and parseable', () => {
    for (let s = 1; s <= 6; s++) {
      const t = generate(s, { avoid: new Set(['errors', 'cond-spellings']) }).test;
      for (const v of testVariants(t)) {
        const r = parseLitmus(renderTest(v), 'v.litmus');
        expect(r.diagnostics.filter((d) => d.severity === 'error' && d.code === 'syntax')).toEqual([]);
      }
    }
  });

  it('prunes atoms out of a condition', () => {
    expect(pruneProp(big.prop, (l) => l.startsWith('2:'))).toEqual({ k: 'and', a: { k: 'atom', loc: '0:r0', op: '=', v: '2' }, b: { k: 'atom', loc: 'y', op: '=', v: '3' } });
    expect(pruneProp({ k: 'atom', loc: '1:r0', op: '=', v: '1' }, () => true)).toBeUndefined();
  });
});

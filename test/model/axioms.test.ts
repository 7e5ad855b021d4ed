// The built-in model's axioms as a table (src/model/axioms.ts): the rows the
// evaluation fails with, and the words explanations print beside them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LKMM_AXIOMS, lkmmAxiom } from '../../src/model/axioms.js';
import { runSource } from '../../src/engine/pipeline.js';
import { cli } from '../cli/helpers.js';

const explain = (file: string) => runSource(readFileSync(file, 'utf8'), file, { explain: true }).result;

describe('the LKMM axioms table', () => {
  it('has one row per check, in the order lock.cat and linux-kernel.cat apply them', () => {
    expect(LKMM_AXIOMS.map((a) => a.name)).toEqual([
      'lock-nest', 'nested-is-locked', 'unmatched-locks', 'coherence', 'atomic', 'happens-before', 'propagation', 'rcu', 'plain-coherence',
    ]);
    expect(lkmmAxiom('rcu')).toMatchObject({ kind: 'irreflexive', relation: 'rb' });
    expect(lkmmAxiom('nothing')).toBeUndefined();
  });

  it('a violated axiom is the row the evaluation failed with, and the explanation carries its words', () => {
    const mp = explain('test/fixtures/explain/MP+wmb+rmb.litmus').explanation?.rejections?.[0];
    const hb = lkmmAxiom('happens-before')!;
    expect(mp?.axiom).toBe('happens-before');
    expect(mp?.meaning).toBe(`acyclic hb: ${hb.words}`);
    const corr = explain('test/fixtures/explain/CoRR.litmus').explanation?.rejections?.[0];
    expect(corr?.axiom).toBe('coherence');
    expect(corr?.meaning).toBe(`acyclic po-loc | com: ${lkmmAxiom('coherence')!.words}`);
  });

  it('text output says once what each listed axiom means', async () => {
    const r = await cli(['explain', '--no-color', 'test/fixtures/explain/MP+wmb+rmb.litmus']);
    expect(r.code).toBe(0);
    const where = r.out.split('\n').filter((l) => l.includes('where happens-before is acyclic hb: no event happens before itself'));
    expect(where).toHaveLength(1);
  });
});

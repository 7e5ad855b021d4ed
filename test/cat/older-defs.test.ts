// A model in the style of older LKMM versions (test/fixtures/cat/older): its
// bell declares underscore fence tags, its def reads rcu_dereference() with
// herd's {deref} load and lacks most of LKMM's macros. Expectations checked
// by hand and against herd7 7.58 (cd DIR && herd7 -I . -conf linux-kernel.cfg).
import { describe, expect, it } from 'vitest';
import { runFile } from '../../src/engine/pipeline.js';

const MODEL = { model: 'test/fixtures/cat/older' };
const run = (test: string) => runFile(`test/fixtures/cat/older-tests/${test}.litmus`, { model: MODEL });

describe('a model with older tags and macros', () => {
  it("a fence tag only the model's bell declares is a fence of that class (SB with smp_mb__after_spinlock: Never 0 3)", () => {
    const r = run('SB+after-spinlock');
    expect([r.status, r.verdict, r.positive, r.negative]).toEqual(['ok', 'Never', 0, 3]);
  });

  it('a {deref} load carries no dependency: LB through rcu_dereference() is Sometimes 1 3, through READ_ONCE() Never 0 3', () => {
    const deref = run('LB+deref');
    expect([deref.verdict, deref.positive, deref.negative]).toEqual(['Sometimes', 1, 3]);
    const once = run('LB+once');
    expect([once.verdict, once.positive, once.negative]).toEqual(['Never', 0, 3]);
  });

  it("a primitive the model's def lacks is unknown, as herd's 'Unknown macro'", () => {
    const r = run('unknown-macro');
    expect(r.status).toBe('error');
    expect(r.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.col} ${d.code}: ${d.message}`)).toContain(
      "6:2 unknown-primitive: unknown primitive 'smp_wmb' (did you mean smp_mb?)",
    );
  });

  it("__srcu{srcu-lock} returns herd's cookie: (thread + 1) * 307 + 599 * the statement's number (blocks, braced macros, if, while)", () => {
    const r = run('srcu-cookies');
    expect(r.status).toBe('ok');
    expect(r.columns.map((c) => c.loc)).toEqual(['0:r1', '0:r2', '0:r3', '0:r4', '1:q']);
    expect(r.states.map((st) => st.values)).toEqual([['4500', '8693', '3', '14084', '1213']]);
    expect([r.verdict, r.flags]).toEqual(['Always', []]);
  });
});

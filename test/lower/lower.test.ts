// `lower` rule by rule: each rewrite, the comment that names it, the
// refusals and their reasons, and the CLI command.
import { describe, expect, it } from 'vitest';
import { parseLitmus } from '../../src/litmus/parse.js';
import { defaultRegistry } from '../../src/kernel/primitives.js';
import { lowerTest } from '../../src/lower/lower.js';
import { parseDefFile, registryWith } from '../../src/kernel/def-file.js';
import { runSource } from '../../src/engine/pipeline.js';
import { cli } from '../cli/helpers.js';

function lower(body0: string, body1 = 'WRITE_ONCE(*x, 1);', cond = '0:r0=0') {
  const src = `C t\n\n(*\n * Result: Sometimes\n *)\n\n{}\n\nP0(int *x, int *y, int *s, int *w)\n{\n\tint r0;\n\tint r1;\n\t${body0}\n}\n\nP1(int *x, int *y, int *s, int *w)\n{\n\tint r0;\n\t${body1}\n}\n\nexists (${cond})\n`;
  const { test, diagnostics } = parseLitmus(src, 't.litmus');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { src, out: lowerTest(test!, defaultRegistry()) };
}
const line = (text: string | undefined, has: string): string => (text ?? '').split('\n').find((l) => l.includes(has)) ?? '';

describe('lower: rewrites', () => {
  it('leaves a plain LKMM test alone (native)', () => {
    const { out } = lower('r0 = READ_ONCE(*x);');
    expect(out.status).toBe('native');
    expect(out.text).toBeUndefined();
  });
  it('writes a helper as its LKMM call, its test written out, with a comment naming it on the same line', () => {
    const { out } = lower('r0 = folio_put_testzero(x);');
    expect(out.status).toBe('lowered');
    expect(line(out.text, 'r0 =')).toBe('\tr0 = (atomic_dec_return(x) == 0); /* lowered: folio_put_testzero() */');
    expect(out.helpers).toEqual(['folio_put_testzero']);
  });
  it('keeps line numbers: the body lines stay where they were (the header grows inside the comment)', () => {
    const { src, out } = lower('r0 = folio_try_get(x);');
    const a = src.split('\n');
    const b = out.text!.split('\n');
    const shift = b.length - a.length;
    expect(b.indexOf('P0(int *x, int *y, int *s, int *w)') - a.indexOf('P0(int *x, int *y, int *s, int *w)')).toBe(shift);
    expect(out.text).toMatch(/Lowered by litmus-check lower/);
  });
  it('a helper of several steps becomes statements around the assignment', () => {
    const { out } = lower('r0 = raw_read_seqcount(s); r1 = read_seqcount_retry(s, r0);');
    expect(line(out.text, 'r0 =')).toContain('r0 = READ_ONCE(*s); smp_rmb(); smp_rmb(); r1 = (READ_ONCE(*s) != r0);');
  });
  it('a dropped result herd7 wants assigned goes to a scratch register', () => {
    const { out } = lower('ptep_clear_flush(x);');
    expect(line(out.text, 'xchg_relaxed')).toContain('lowered = xchg_relaxed(x, 0); smp_mb();');
  });
  it('folds shifts with constant operands: bit numbers become masks', () => {
    const { out } = lower('r0 = test_and_set_bit(3, w); r1 = 1 << 2;');
    expect(line(out.text, 'r0 =')).toContain('r0 = ((atomic_fetch_or(8, w) & 8) != 0); r1 = 4;');
    expect(line(out.text, 'r0 =')).toMatch(/lowered: test_and_set_bit\(\), 1 << 2 folded to 4/);
  });
  it('rewrites ! and ~, which herd7\'s C lacks', () => {
    const { out } = lower('r1 = READ_ONCE(*x); if (!r1) r0 = ~r1;');
    expect(line(out.text, 'if')).toContain('if ((r1 == 0)) r0 = (0 - r1 - 1);');
  });
  it('lowered tests keep their verdicts (checked for the whole library in differential.test.ts)', () => {
    const { src, out } = lower('r0 = test_and_set_bit(0, w); r1 = READ_ONCE(*y);', 'WRITE_ONCE(*y, 1); r0 = test_and_set_bit(1, w); r0 = READ_ONCE(*x);', '0:r1=0 /\\ 1:r0=0');
    expect(runSource(out.text!, 'l.litmus').result.verdict).toBe(runSource(src, 't.litmus').result.verdict);
  });
});

describe('lower: refusals', () => {
  it("refuses a macro in herd's older SRCU form: no LKMM primitive is an SRCU event", () => {
    const defs = parseDefFile('old_lock(S) __srcu{srcu-lock}(S)\nold_unlock(S,I) { __srcu{srcu-unlock}(S,I); }\n', 'old.def');
    const registry = registryWith(defs.defs);
    const src = 'C t\n{}\nP0(struct srcu_struct *s) { int i; i = old_lock(s); old_unlock(s, i); }\nexists (0:i=0)\n';
    const { test } = parseLitmus(src, 't.litmus', registry);
    const out = lowerTest(test!, registry);
    expect(out.status).toBe('refused');
    expect(out.refusals.map((r) => r.message)).toEqual([
      expect.stringMatching(/^old_lock\(\): herd's older SRCU events .* are no LKMM primitive/),
      expect.stringMatching(/^old_unlock\(\): herd's older SRCU events/),
    ]);
  });
  it("refuses a macro reading with herd's {deref} load: no LKMM read leaves out the dependency", () => {
    const registry = registryWith(parseDefFile('old_deref(X) __load{deref}(X)\n', 'old.def').defs);
    const { test } = parseLitmus('C t\n{}\nP0(int *x) { int r0; r0 = old_deref(*x); }\nexists (0:r0=0)\n', 't.litmus', registry);
    const out = lowerTest(test!, registry);
    expect(out.status).toBe('refused');
    expect(out.refusals[0]!.message).toMatch(/^old_deref\(\): herd's __load\{deref\} read carries no dependency/);
  });
  it('refuses a shift by a register', () => {
    const { out } = lower('r1 = READ_ONCE(*x); r0 = test_and_set_bit(r1, w);');
    expect(out.status).toBe('refused');
    expect(out.refusals[0]!.message).toMatch(/bit number that is not a constant: herd7's C has no shift/);
  });
  it('refuses a multi-step helper inside an expression', () => {
    const { out } = lower('if (read_seqcount_retry(s, 0)) r0 = 1;');
    expect(out.refusals[0]!.message).toMatch(/several steps/);
  });
  it('refuses && (herd7 has no such operator)', () => {
    const { out } = lower('r1 = READ_ONCE(*x); if (r1 && r1) r0 = 1;');
    expect(out.refusals.map((r) => r.message)).toEqual(["'&&': herd7's C has no such operator"]);
  });
});

describe('lower: the IRQ-off flavour', () => {
  const reader = 'local_irq_disable(); r0 = READ_ONCE(*x); r1 = READ_ONCE(*y); local_irq_enable();';
  it('becomes RCU (sections and synchronize_rcu()) when the test has no RCU reader of its own, and says it relies on the extension', () => {
    const { out } = lower(reader, 'WRITE_ONCE(*y, 1); tlb_remove_table_sync_one(); WRITE_ONCE(*x, 1);', '0:r0=1 /\\ 0:r1=0');
    expect(out.status).toBe('lowered');
    expect(out.extensions).toEqual(['irq-off']);
    expect(line(out.text, 'local_irq')).toContain('rcu_read_lock(); r0 = READ_ONCE(*x); r1 = READ_ONCE(*y); rcu_read_unlock();');
    expect(line(out.text, 'WRITE_ONCE(*y, 1)')).toContain('synchronize_rcu();');
    expect(out.text).toMatch(/relies on the IRQ-off extension beyond LKMM/);
    expect(out.notes.join()).toMatch(/no RCU reader of its own/);
  });
  it('is refused when an RCU reader of the test\'s own would be waited for by the synchronize_rcu()', () => {
    const { out } = lower('rcu_read_lock(); r0 = READ_ONCE(*x); r1 = READ_ONCE(*y); rcu_read_unlock();', 'WRITE_ONCE(*y, 1); tlb_remove_table_sync_one(); WRITE_ONCE(*x, 1);', '0:r0=1 /\\ 0:r1=0');
    expect(out.status).toBe('refused');
    expect(out.refusals[0]!.message).toMatch(/P0's rcu_read_lock\(\) begins a preemptible RCU read-side section: tlb_remove_table_sync_one\(\) \(an IPI, line \d+\) does not wait for it/);
  });
  it('an RCU reader without any IPI sync does not stop the lowering', () => {
    const { out } = lower('rcu_read_lock(); r0 = READ_ONCE(*x); rcu_read_unlock();', 'local_irq_disable(); r0 = READ_ONCE(*y); local_irq_enable();');
    expect(out.status).toBe('lowered');
  });
});

describe('litmus-check lower', () => {
  it('writes test/fixtures/lower/misc.litmus as misc.lowered.expected (PROMOTE=1 rewrites it)', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const r = await cli(['lower', '-q', 'test/fixtures/lower/misc.litmus']);
    expect(r.code).toBe(0);
    const expected = 'test/fixtures/lower/misc.lowered.expected';
    if (process.env.PROMOTE === '1') writeFileSync(expected, r.out);
    expect(r.out).toBe(readFileSync(expected, 'utf8'));
  });
  it('prints the lowered test and exits 0', async () => {
    const r = await cli(['lower', 'litmus/gup-fast-vs-zap/gup-zap+fully-ordered.litmus']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('r0 = (atomic_dec_return(ref) == 0);');
    expect(r.err).toMatch(/calls rewritten/);
  });
  it('refuses with file:line:col and exit 1', async () => {
    const r = await cli(['lower', 'litmus/pt-free-vs-irqoff-gup/pt-free+ipi-vs-rcu-reader.litmus']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/pt-free\+ipi-vs-rcu-reader\.litmus:47:2: error: herd7 cannot run this after lowering: P1's rcu_read_lock\(\)/);
  });
  it('prints a plain LKMM test unchanged', async () => {
    const r = await cli(['lower', 'test/fixtures/explain/SB.litmus']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/plain LKMM already/);
  });
});

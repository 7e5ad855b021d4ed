// Every format says, for a test beyond plain LKMM, whether herd7 can
// reproduce it after `lower` (mail includes the lowered test) or why not,
// and that it relies on the IRQ-off extension when it does; a plain LKMM
// test gets none of it.
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/helpers.js';

const LOWERED = 'litmus/pt-free-vs-irqoff-gup/pt-free+tlb-remove-table-sync-one.litmus';
const REFUSED = 'litmus/pt-free-vs-irqoff-gup/pt-free+ipi-vs-rcu-reader.litmus';
const NOIRQ = 'litmus/gup-fast-vs-zap/gup-zap+fully-ordered.litmus';
const PLAIN = 'test/fixtures/explain/SB.litmus';
const FORMATS = ['text', 'herd', 'json', 'junit', 'sarif', 'mail'];

async function out(format: string, file: string): Promise<string> {
  const r = await cli(['run', '--no-color', '--format', format, file]);
  expect(r.code).toBe(0);
  return r.out;
}

describe('herdReproduction in every format', () => {
  it.each(FORMATS)('%s: a lowered test says how herd7 runs it and that it relies on the IRQ-off extension', async (f) => {
    const o = await out(f, LOWERED);
    expect(o).toMatch(/litmus-check lower/);
    expect(o).toMatch(/IRQ-off extension beyond LKMM/);
  });
  it.each(FORMATS)('%s: a refused test says why herd7 cannot reproduce it', async (f) => {
    const o = await out(f, REFUSED);
    expect(o).toMatch(/herd7 cannot reproduce this because P1(&apos;|')s rcu_read_lock\(\) begins a preemptible RCU read-side section|"status": "refused"/);
    expect(o).toMatch(/IRQ-off extension beyond LKMM|"irq-off"/);
  });
  it.each(FORMATS)('%s: a vocabulary test without IRQ-off sections does not mention the extension', async (f) => {
    const o = await out(f, NOIRQ);
    expect(o).toMatch(/litmus-check lower/);
    expect(o).not.toMatch(/IRQ-off extension/);
  });
  it.each(FORMATS)('%s: a plain LKMM test has no such note', async (f) => {
    const o = await out(f, PLAIN);
    // (SARIF lists every rule, this one's description included, in every log.)
    expect(f === 'sarif' ? o.includes('"ruleId": "herd7-reproduction"') : /litmus-check lower|herd7 cannot reproduce/.test(o)).toBe(false);
  });
  it('mail includes the lowered test herd7 runs', async () => {
    const o = await out('mail', NOIRQ);
    expect(o).toMatch(/Reproduce with herd7/);
    expect(o).toContain('r0 = (atomic_dec_return(ref) == 0);');
  });
  it('json carries the record, null for a plain test', async () => {
    const doc = JSON.parse(await out('json', LOWERED)) as { results: Array<{ herdReproduction: { status: string; extensions: string[]; lowered: string } | null }> };
    expect(doc.results[0]!.herdReproduction).toMatchObject({ status: 'lowered', extensions: ['irq-off'] });
    expect(doc.results[0]!.herdReproduction!.lowered).toContain('synchronize_rcu();');
    const plain = JSON.parse(await out('json', PLAIN)) as { results: Array<{ herdReproduction: unknown }> };
    expect(plain.results[0]!.herdReproduction).toBeNull();
  });
});

describe('herdReproduction in fix and weaken reports', () => {
  it.each(['text', 'json', 'mail'])('weaken --format %s says the test relies on the IRQ-off extension', async (f) => {
    const r = await cli(['weaken', '--no-color', '--format', f, LOWERED]);
    expect(r.out).toMatch(/IRQ-off extension beyond LKMM|"irq-off"/);
    expect(r.out).toMatch(/litmus-check lower/);
  });
  it('fix --format text says how herd7 runs a vocabulary test', async () => {
    const r = await cli(['fix', '--no-color', 'litmus/gup-fast-vs-zap/gup-zap+relaxed-put.litmus']);
    expect(r.out).toMatch(/herd7: runs it after `litmus-check lower/);
  });
});

describe('herdReproduction in check\'s status list', () => {
  it('a passing vocabulary test gets one line: how herd7 runs it, and the extension it relies on', async () => {
    const r = await cli(['check', '--no-color', LOWERED, PLAIN]);
    const lines = r.out.split('\n');
    const at = lines.findIndex((l) => l.startsWith('PASS') && l.includes('pt-free+tlb-remove-table-sync-one'));
    expect(lines[at + 1]).toMatch(/^ {9}herd7: after `litmus-check lower .*`; relies on the IRQ-off extension beyond LKMM$/);
    const plain = lines.findIndex((l) => l.startsWith('PASS') && l.includes('SB.litmus'));
    expect(lines[plain + 1]).not.toMatch(/herd7/);
  });
});

// Ranked, deduplicated reasons for a forbidden outcome (issue 13): each
// distinct reason once with its count, the cross-thread argument through the
// condition's events first, single-thread and internal noise in one summary
// line, every ordering edge named by its construct on its line, and the
// top-ranked reason drawn by --dot.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSource } from '../../src/engine/pipeline.js';
import type { Rejection, RunResult } from '../../src/explore/result.js';
import { shapeKey } from '../../src/engine/reasons.js';
import { cli } from '../cli/helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'reasons-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function explain(file: string, opts: { maxExecutions?: number; timeoutMs?: number } = {}): RunResult {
  return runSource(readFileSync(file, 'utf8'), file, { explain: true, ...opts }).result;
}

const GUP = 'litmus/gup-fast-vs-zap/gup-zap+fully-ordered.litmus';
const COMM = new Set(['rfe', 'rfi', 'coe', 'coi', 'fre', 'fri', 'po', 'rmw', 'rmw^-1']);

describe('reasons: ranked and deduplicated', () => {
  it('GUP-fast vs zap: the message-passing cycle through the condition comes first, not single-thread noise', () => {
    const r = explain(GUP);
    const top = r.explanation!.rejections![0]!;
    expect(top.axiom).toBe('happens-before');
    expect(top.crossThread).toBe(true);
    expect(top.throughCondition).toBe(true);
    const constructs = top.cycle.map((e) => e.construct).filter(Boolean);
    expect(constructs).toEqual(expect.arrayContaining(['folio_try_get() P1:90', 'folio_put_testzero() P0:77']));
  });

  it('no listed reason is a coherence or atomicity violation within one thread; those are counted', () => {
    const x = explain(GUP).explanation!;
    for (const rej of x.rejections!) expect(rej.crossThread, shapeKey(rej)).toBe(true);
    expect(x.reasons!.singleThread).toBeGreaterThan(0);
    const listed = x.rejections!.reduce((n, rej) => n + rej.count!, 0);
    expect(listed + x.reasons!.singleThread).toBe(x.reasons!.candidates);
  });

  it('each distinct reason is listed once, with its count', () => {
    const x = explain('test/fixtures/gate/explain-heavy.litmus').explanation!;
    const keys = x.rejections!.map(shapeKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(x.rejections![0]!.count).toBeGreaterThan(100);
  });

  it('the text says "k of N distinct reasons", counts each, and sums the noise up in one line', async () => {
    const r = await cli(['explain', GUP]);
    expect(r.out).toMatch(/Forbidden: 4 of 6 distinct reasons \(24 rejected candidate executions with the outcome\), best first:/);
    expect(r.out).toContain('1. axiom happens-before, cycle (1 candidate):');
    expect(r.out).toMatch(/\+ 18 candidates \(2 distinct\) rejected for coherence or atomicity within one thread alone, or through internal events \(not listed\)/);
    expect(r.out).not.toContain('folio_try_get(ref) --po-loc--> P1:');
  });

  it('shapeKey does not depend on where the cycle starts', () => {
    const rej: Rejection = {
      axiom: 'happens-before',
      events: [
        { id: 1, thread: 0, line: 5, label: 'W x=1', source: '' }, { id: 2, thread: 1, line: 9, label: 'R x=1', source: '' },
      ],
      cycle: [{ from: 1, to: 2, relation: 'rfe', words: '' }, { from: 2, to: 1, relation: 'fre', words: '' }],
    };
    const rotated = { ...rej, cycle: [rej.cycle[1]!, rej.cycle[0]!] };
    expect(shapeKey(rotated)).toBe(shapeKey(rej));
  });
});

describe('reasons: every ordering edge names its construct on its line', () => {
  it('barriers: smp_wmb() and smp_rmb() with their lines', () => {
    const top = explain('test/fixtures/explain/MP+wmb+rmb.litmus').explanation!.rejections![0]!;
    expect(top.cycle.map((e) => e.construct).filter(Boolean).sort()).toEqual(['smp_rmb() P1:26', 'smp_wmb() P0:16']);
  });

  it('acquire and release', () => {
    const top = explain('test/fixtures/explain/MP+rel+acq.litmus').explanation!.rejections![0]!;
    const cs = top.cycle.map((e) => e.construct).filter(Boolean).join(' | ');
    expect(cs).toMatch(/smp_store_release\(\) P0:\d+ release/);
    expect(cs).toMatch(/smp_load_acquire\(\) P1:\d+ acquire/);
  });

  it('RCU: the synchronize_rcu() line and the read-side section', () => {
    const top = explain('test/fixtures/explain/RCU+gp.litmus').explanation!.rejections![0]!;
    expect(top.axiom).toBe('rcu');
    expect(top.cycle.map((e) => e.construct).join(' ')).toContain('grace period synchronize_rcu() P1:27 vs read-side section rcu_read_lock() P0:18');
  });

  it('every non-communication edge of every listed reason of the library\'s GUP tests has a construct', () => {
    for (const f of [GUP, 'litmus/pt-free-vs-irqoff-gup/pt-free+rcu-vs-irqoff.litmus']) {
      for (const rej of explain(f).explanation!.rejections!) {
        for (const e of rej.cycle) if (!COMM.has(e.relation)) expect(e.construct, `${f}: ${e.relation}`).toBeDefined();
      }
    }
  });
});

describe('reasons: internal events never appear', () => {
  it('local_irq_save(flags)/local_irq_restore(flags) are not a listed coherence cycle', async () => {
    const r = await cli(['explain', 'litmus/pt-free-vs-irqoff-gup/pt-free+rcu-vs-irqoff.litmus']);
    expect(r.out).not.toMatch(/local_irq_save\(flags\) --po-loc/);
    expect(r.out).not.toContain('__irq');
    expect(r.out).toContain('grace period synchronize_rcu() P0:32 vs read-side section local_irq_save() P1:42');
  });
});

describe('reasons: many threads, within the limits', () => {
  it('an 8-thread ring stopped at --max-executions is settled and explained from the restricted search', () => {
    const r = explain('test/fixtures/limit/ring8-mb.litmus', { maxExecutions: 20 });
    expect(r.settled).toBeDefined();
    const x = r.explanation!;
    expect(x.reasons!.partial).toBeUndefined();
    expect(x.rejections![0]!.axiom).toBe('propagation');
    expect(new Set(x.rejections![0]!.events.map((e) => e.thread)).size).toBe(8);
  });

  it('says when the list is partial', () => {
    const x = explain('test/fixtures/gate/explain-heavy.litmus').explanation!;
    expect(x.reasons!.partial).toMatch(/stopped/);
  });
});

describe('reasons: --dot draws the top-ranked reason', () => {
  it('with the constructs as edge labels', async () => {
    const dot = join(tmp, 'gup.dot');
    const r = await cli(['explain', '--dot', dot, GUP]);
    expect(r.code).toBe(0);
    const text = readFileSync(dot, 'utf8');
    expect(text).toContain('happens-before violated');
    expect(text).toContain('label="folio_try_get() P1:90"');
    expect(text).not.toContain('po-loc');
  });
});

describe('reasons: coherence through another thread, and writes out of program order', () => {
  const run = (src: string): RunResult => runSource(src, 'coh.litmus', { explain: true }).result;

  it('a read of another thread\'s write that coherence puts first: the from-reads edge names that write, and the reason crosses threads', () => {
    const r = run(`C cowr-other
{}
P0(int *y)
{
	int r0;
	WRITE_ONCE(*y, 1);
	r0 = READ_ONCE(*y);
}
P1(int *y)
{
	WRITE_ONCE(*y, 2);
}
exists (y=1 /\\ 0:r0=2)
`);
    expect(r.verdict).toBe('Never');
    const top = r.explanation!.rejections![0]!;
    expect(top.axiom).toBe('coherence');
    const fr = top.cycle.find((e) => e.relation === 'fri')!;
    expect(fr.via).toBeDefined();
    const via = top.events.find((e) => e.id === fr.via)!;
    expect(via.thread).toBe(1);
    expect(via.line).toBe(11);
    expect(top.crossThread).toBe(true);
    expect(r.explanation!.reasons!.singleThread).toBe(0);
  });

  it('a read of its own thread\'s po-later write names no other write: a one-thread reason', () => {
    const r = run(`C corw-own
{}
P0(int *y)
{
	int r0;
	r0 = READ_ONCE(*y);
	WRITE_ONCE(*y, 1);
}
P1(int *y)
{
	int r1;
	r1 = READ_ONCE(*y);
}
exists (0:r0=1)
`);
    expect(r.verdict).toBe('Never');
    const top = r.explanation!.rejections![0]!;
    expect(top.cycle.map((e) => e.relation)).toEqual(['po-loc', 'rfi']);
    expect(top.cycle.some((e) => e.via !== undefined)).toBe(false);
    expect(top.crossThread).toBe(false);
  });

  it('two writes of one thread whose outcome needs them out of program order: the coherence cycle, not "forbidden by the program itself"', () => {
    const r = run(`C coww-one
{}
P0(int *y)
{
	WRITE_ONCE(*y, 1);
	WRITE_ONCE(*y, 2);
}
exists (y=1)
`);
    expect(r.verdict).toBe('Never');
    const top = r.explanation!.rejections?.[0];
    expect(top?.axiom).toBe('coherence');
    expect(top!.cycle.map((e) => e.relation).sort()).toEqual(['coi', 'po-loc']);
  });
});

// weaken (issue 13): tries smp_mb__{before,after}_atomic() -> smp_wmb()/smp_rmb(),
// removing a grace period, a read-side section (RCU or IRQ-off) or a lock
// pair, and lists what it examined and what it skipped, and why.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { weakenSource } from '../../src/fix/weaken.js';
import { cli } from '../cli/helpers.js';

const weaken = (file: string) => weakenSource(readFileSync(file, 'utf8'), file, {});

describe('weaken: more constructs', () => {
  it('smp_mb__after_atomic() in the fixed PageAnonExclusive test can become smp_wmb() ("conceptually a smp_wmb()")', () => {
    const r = weaken('litmus/page-anon-exclusive/pae+fixed.litmus');
    const item = r.items.find((it) => it.line === 68)!;
    expect(item.text).toBe('smp_mb__after_atomic()');
    expect(item.allowed.map((w) => w.to)).toContain('smp_wmb()');
    expect(item.allowed[0]!.verdict.verdict).toBe('Never');
  });

  it('a lock pair is examined (removed as a pair), not "no barrier to weaken"', async () => {
    const r = weaken('test/fixtures/weaken/mp-locked.litmus');
    expect(r.items.map((it) => [it.thread, it.line, it.what])).toEqual([[0, 14, 'lock and unlock'], [1, 25, 'lock and unlock']]);
    expect(r.items.every((it) => it.tried[0]!.to === 'removed' && !it.tried[0]!.holds)).toBe(true);
    const text = await cli(['weaken', 'test/fixtures/weaken/mp-locked.litmus']);
    expect(text.out).not.toContain('no barrier or ordering annotation to weaken');
    expect(text.out).toContain('each of the 2 constructs examined is needed');
  });

  it('a grace period and an RCU read-side section are examined', () => {
    const r = weaken('test/fixtures/explain/RCU+gp.litmus');
    expect(r.items.map((it) => it.what).sort()).toEqual(['RCU read-side section', 'grace period']);
  });

  it('an IRQ-off section (local_irq_save ... local_irq_restore) is examined as one', () => {
    const r = weaken('litmus/pt-free-vs-irqoff-gup/pt-free+rcu-vs-irqoff.litmus');
    expect(r.items.map((it) => it.what)).toContain('IRQ-off section (an RCU read-side section)');
    expect(r.skipped).toEqual([]);
  });

  it('a cmpxchg that returns success (folio_ref_freeze) is tried as the cmpxchg family, tested against the expected value', () => {
    const r = weaken('test/fixtures/weaken/freeze-vs-get.litmus');
    const item = r.items.find((it) => it.text === 'folio_ref_freeze(ref, 1)')!;
    expect(item.what).toBe('fully ordered RMW');
    expect(item.tried.map((w) => w.to)).toEqual([
      '(atomic_cmpxchg_relaxed(ref, 1, 0) == 1)', '(atomic_cmpxchg_acquire(ref, 1, 0) == 1)', '(atomic_cmpxchg_release(ref, 1, 0) == 1)',
    ]);
    expect(r.skipped).toEqual([]);
  });

  it('what it cannot weaken (multi-step primitives, an RMW with no weaker variant) is listed as skipped, with the reason', async () => {
    const file = 'litmus/fork-cow-seqcount/fork-gup+write-protect-seq+mb.litmus';
    const r = weaken(file);
    expect(r.skipped.map((k) => [k.thread, k.line, k.text])).toEqual([
      [0, 34, 'raw_write_seqcount_begin(seq)'], [0, 39, 'raw_write_seqcount_end(seq)'], [1, 51, 'raw_read_seqcount(seq)'],
      [1, 56, 'folio_ref_try_add_rcu(ref, 1024)'], [1, 62, 'read_seqcount_retry(seq, r0)'],
    ]);
    expect(r.skipped[0]!.why).toBe('raw_write_seqcount_begin() is 2 steps (rmw, fence): weaken its parts by hand');
    expect(r.skipped[3]!.why).toContain('no weaker variant of folio_ref_try_add_rcu()');
    const text = await cli(['weaken', file]);
    expect(text.out).toContain('P1 line 56: folio_ref_try_add_rcu(ref, 1024) skipped: no weaker variant');
    expect(text.out).toContain('1 of 2 barriers and annotations examined can be weakened, each on its own (5 skipped as shown;');
    const json = JSON.parse((await cli(['weaken', '--format', 'json', file])).out);
    expect(JSON.stringify(json)).toContain('"skipped":[{"thread":0,"line":34');
  });
});

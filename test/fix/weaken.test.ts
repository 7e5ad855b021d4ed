// weaken: which barriers and annotations a Never test can do without, each
// claim checked by an independent re-run.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { weakenSource } from '../../src/fix/weaken.js';
import type { WeakenReport } from '../../src/fix/fix-records.js';
import { bad, fixture, read, rerun } from './helpers.js';

function weaken(file: string): WeakenReport {
  return weakenSource(read(file), file, {});
}

/** Every weakening said to keep the test Never does, on a fresh run; every other one does not. */
function expectVerified(r: WeakenReport): void {
  for (const it of r.items) {
    for (const w of it.tried) {
      const fresh = rerun(w.source, r.file);
      expect(fresh.status).toBe('ok');
      expect(w.verdict.text).toBe(`${fresh.verdict} ${fresh.positive} ${fresh.negative}`);
      expect(w.holds, `${it.text} -> ${w.to}`).toBe(bad(fresh) === 0 && fresh.flags.every((f) => r.before.flags.includes(f)));
    }
    expect(it.allowed.every((w) => w.holds)).toBe(true);
  }
}

const needed = (r: WeakenReport): string[] => r.items.filter((i) => i.allowed.length === 0).map((i) => `P${i.thread}:${i.line} ${i.text}`);

describe('weaken on tests whose every barrier is needed', () => {
  it('store buffering with smp_mb() in both threads: neither can go or become smp_wmb()/smp_rmb()', () => {
    const r = weaken(fixture('sb-two-fences'));
    expect(r.status).toBe('checked');
    expect(needed(r)).toEqual(['P0:19 smp_mb()', 'P1:28 smp_mb()']);
    expect(r.items[0]!.tried.map((w) => w.to)).toEqual(['removed', 'smp_wmb()', 'smp_rmb()']);
    expect(r.items.every((i) => i.tried.every((w) => w.verdict.text === 'Sometimes 1 3'))).toBe(true);
    expectVerified(r);
  });

  it('message passing with smp_wmb()/smp_rmb(): both needed', () => {
    const r = weaken(fixture('mp-write-read-fences'));
    expect(needed(r)).toEqual(['P0:16 smp_wmb()', 'P1:26 smp_rmb()']);
    expectVerified(r);
  });

  it('load buffering with acquire/release: neither can be ONCE', () => {
    const r = weaken(fixture('lb-acquire-release'));
    expect(needed(r)).toEqual(['P0:18 smp_store_release(pong, 1)', 'P1:25 smp_load_acquire(pong)']);
    expect(r.items.map((i) => i.tried.map((w) => w.to))).toEqual([['WRITE_ONCE(*pong, 1)'], ['READ_ONCE(*pong)']]);
    expectVerified(r);
  });
});

describe('weaken on a test with a redundant barrier', () => {
  it('reports the redundant smp_mb(), and the release the barrier makes unnecessary', () => {
    const r = weaken(fixture('mp-redundant-mb'));
    const mb = r.items.find((i) => i.text === 'smp_mb()')!;
    expect(mb.line).toBe(18);
    expect(mb.allowed.map((w) => w.to)).toEqual(['removed']);
    // Removal works, so the partial weakenings are not even tried.
    expect(mb.tried.map((w) => w.to)).toEqual(['removed']);
    const rel = r.items.find((i) => i.text === 'smp_store_release(flag, 1)')!;
    expect(rel.allowed.map((w) => w.to)).toEqual(['WRITE_ONCE(*flag, 1)']);
    expect(needed(r)).toEqual(['P1:27 smp_load_acquire(flag)']);
    expect(mb.allowed[0]!.diff).toContain('-\tsmp_mb();\n');
    expectVerified(r);
  });

  it('weakens a fully ordered RMW when a relaxed one does (and tests the value in the text)', () => {
    const src = 'C rmw\n\n{}\n\nP0(int *x, atomic_t *c)\n{\n\tint r0;\n\tWRITE_ONCE(*x, 1);\n\tsmp_mb();\n\tr0 = atomic_dec_and_test(c);\n}\n\nP1(int *x, atomic_t *c)\n{\n\tint r1;\n\tint r2;\n\tr1 = atomic_read(c);\n\tsmp_rmb();\n\tr2 = READ_ONCE(*x);\n}\n\nexists (1:r1=-1 /\\ 1:r2=0)\n';
    const r = weakenSource(src, 'rmw.litmus', {});
    const rmw = r.items.find((i) => i.text === 'atomic_dec_and_test(c)')!;
    expect(rmw.what).toBe('fully ordered RMW');
    expect(rmw.allowed.map((w) => w.to)).toEqual(['(atomic_dec_return_relaxed(c) == 0)']);
    expectVerified(r);
  });
});

describe('weaken on other tests', () => {
  it('says a test that is not Never has nothing to weaken', () => {
    const r = weaken(fixture('sb-unfenced'));
    expect(r.status).toBe('not-never');
    expect(r.items).toEqual([]);
  });
});

// The kernel's own tests, when ../shared (beside the repository) is there.
const KERNEL = join('..', 'shared', 'corpus', 'kernel', 'tools', 'memory-model', 'litmus-tests');

describe.skipIf(!existsSync(KERNEL))('weaken on the kernel tests (../shared/corpus)', () => {
  it.each([
    ['SB+fencembonceonces', 2],
    ['MP+fencewmbonceonce+fencermbonceonce', 2],
    ['LB+poacquireonce+pooncerelease', 2],
  ])('%s: no barrier can be removed', (name, n) => {
    const r = weaken(join(KERNEL, `${name}.litmus`));
    expect(r.status).toBe('checked');
    expect(r.items).toHaveLength(n);
    expect(r.items.every((i) => i.allowed.length === 0)).toBe(true);
    expectVerified(r);
  });
});

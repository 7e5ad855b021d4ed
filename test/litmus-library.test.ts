// The litmus library in litmus/: every test passes `check` (its Result:
// comment is what the tool observes), every file documents itself, and the
// fixed/buggy variants of each argument give Never/Sometimes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { collectLitmusFiles } from '../src/cli/files.js';
import type { Io } from '../src/cli/spec.js';
import { runFile } from '../src/engine/pipeline.js';
import { judge } from '../src/engine/judge.js';

const LIB = 'litmus';
const files = collectLitmusFiles([LIB]).files;

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), isTTY: false, errIsTTY: false };
  const code = await main(args, io);
  return { code, out, err };
}

/** The first `(* ... *)` block of a file. */
function headerOf(source: string): string {
  const start = source.indexOf('(*');
  const end = source.indexOf('*)', start);
  return start < 0 || end < 0 ? '' : source.slice(start, end + 2);
}

describe('the litmus library', () => {
  it('has the argument folders, each with several tests', () => {
    const folders = new Set(files.map((f) => f.split('/')[1]));
    expect([...folders].sort()).toEqual([
      'atomic-t-rules', 'fork-cow-seqcount', 'gup-fast-vs-zap', 'mmu-notifier-upgrade', 'page-anon-exclusive', 'pt-free-vs-irqoff-gup', 's390-pxd-offset-lockless',
    ]);
    for (const folder of folders) expect(files.filter((f) => f.split('/')[1] === folder).length).toBeGreaterThanOrEqual(3);
  });

  it('passes `litmus-check check --require-result litmus`', async () => {
    const r = await cli(['check', '--require-result', '--no-color', LIB]);
    const n = files.length;
    expect(r.err).toBe('');
    expect(r.out).toContain(`${n} tests checked: ${n} passed, 0 failed, 0 errors, 0 unjudged`);
    expect(r.code).toBe(0);
  });

  it.each(files)('%s documents itself: Result, provenance, limits, at most 4 threads', (file) => {
    const source = readFileSync(file, 'utf8');
    const header = headerOf(source);
    expect(header).toMatch(/^\(\*\n \* Result: (Never|Sometimes)\n/);
    expect(header).toMatch(/What a litmus test cannot show/);
    // The commit, thread or document it reproduces.
    expect(header).toMatch(/commit\s+(\*\s+)?[0-9a-f]{12}|<[^>\s]+@[^>\s]+>|Documentation\/|(mm|include)\/[\w/-]+\.[ch]\b/);
    expect(header).toMatch(/Line by line/);
    // Every process line that does something carries a comment naming what it models.
    const body = source.slice(source.indexOf(header) + header.length);
    const threads = body.match(/^P\d+\(/gm) ?? [];
    const code = body.slice(body.search(/^P0\(/m));
    expect(threads.length).toBeGreaterThanOrEqual(2);
    expect(threads.length).toBeLessThanOrEqual(4);
    const calls = code.split('\n').filter((l) => /^\t+.*\b[A-Za-z_]+\(.*\);/.test(l) && !/^\t+int /.test(l));
    const bare = calls.filter((l) => !l.includes('/*'));
    expect(bare).toEqual([]);
  });
});

// Each pair: the fixed (or correct) form, then a broken one. The fixed one
// must be Never and the broken one Sometimes.
const pairs: Array<[string, string]> = [
  ['gup-fast-vs-zap/gup-zap+fully-ordered', 'gup-fast-vs-zap/gup-zap+relaxed-put'],
  ['gup-fast-vs-zap/gup-zap+fully-ordered', 'gup-fast-vs-zap/gup-zap+relaxed-get'],
  ['gup-fast-vs-zap/gup-zap+fully-ordered', 'gup-fast-vs-zap/gup-zap+no-recheck'],
  ['gup-fast-vs-zap/gup-zap+fully-ordered', 'gup-fast-vs-zap/gup-zap+release-acquire'],
  ['page-anon-exclusive/pae+fixed', 'page-anon-exclusive/pae+no-mb-after-clear'],
  ['page-anon-exclusive/pae+fixed', 'page-anon-exclusive/pae+no-wmb-before-restore'],
  ['page-anon-exclusive/pae+fixed', 'page-anon-exclusive/pae+no-mb-after-pin'],
  ['page-anon-exclusive/pae+fixed', 'page-anon-exclusive/pae+no-rmb'],
  ['page-anon-exclusive/pae+fixed', 'page-anon-exclusive/pae+before-fix'],
  ['page-anon-exclusive/pae+fixed', 'page-anon-exclusive/pae+before-fix+flush-and-gup-mb'],
  ['pt-free-vs-irqoff-gup/pt-free+tlb-remove-table-sync-one', 'pt-free-vs-irqoff-gup/pt-free+no-sync'],
  ['pt-free-vs-irqoff-gup/pt-free+tlb-remove-table-sync-one', 'pt-free-vs-irqoff-gup/pt-free+flush-only'],
  ['pt-free-vs-irqoff-gup/pt-free+rcu-vs-irqoff', 'pt-free-vs-irqoff-gup/pt-free+ipi-vs-rcu-reader'],
  ['pt-free-vs-irqoff-gup/khugepaged-collapse+pmd-recheck', 'pt-free-vs-irqoff-gup/khugepaged-collapse+no-pmd-recheck'],
  ['pt-free-vs-irqoff-gup/khugepaged-pt-reuse+ipi', 'pt-free-vs-irqoff-gup/khugepaged-pt-reuse+no-ipi'],
  ['fork-cow-seqcount/fork-gup+write-protect-seq+mb', 'fork-cow-seqcount/fork-gup+write-protect-seq'],
  ['fork-cow-seqcount/fork-gup+write-protect-seq+mb', 'fork-cow-seqcount/fork-gup+no-seqcount'],
  ['s390-pxd-offset-lockless/pxd-offset+lockless', 's390-pxd-offset-lockless/pxd-offset+reread'],
  ['gup-fast-vs-zap/gup-zap+release-acquire+no-reuse', 'gup-fast-vs-zap/gup-zap+relaxed+no-reuse'],
  ['fork-cow-seqcount/fork-gup+foll-pin-bias', 'fork-cow-seqcount/fork-gup+foll-get'],
  ['mmu-notifier-upgrade/notifier+cow-upgrade', 'mmu-notifier-upgrade/notifier+no-notifier'],
  ['mmu-notifier-upgrade/notifier+cow-upgrade', 'mmu-notifier-upgrade/notifier+unlocked-install'],
  ['atomic-t-rules/sb+inc-return', 'atomic-t-rules/sb+inc'],
  ['atomic-t-rules/sb+inc+mb-after-atomic', 'atomic-t-rules/sb+mb-after-atomic+no-rmw'],
  ['atomic-t-rules/sb+cmpxchg-success', 'atomic-t-rules/sb+cmpxchg-failure'],
  ['atomic-t-rules/sb+add-unless-success', 'atomic-t-rules/sb+add-unless-failure'],
  ['atomic-t-rules/sb+dec-and-test', 'atomic-t-rules/sb+xchg-acquire'],
  ['atomic-t-rules/mp+xchg-release+read-acquire', 'atomic-t-rules/mp+xchg-relaxed+read-acquire'],
  ['atomic-t-rules/mp+set-release+fetch-add-acquire', 'atomic-t-rules/mp+set-release+fetch-add-relaxed'],
  ['atomic-t-rules/mp+set-release+read-acquire', 'atomic-t-rules/mp+set+read'],
];

// Jason Gunthorpe's release/acquire claim: it holds without page reuse and
// fails with it (gup-zap+release-acquire, Sometimes, beside the Never above).
it('the release/acquire claim holds without page reuse and not with it', () => {
  expect(runFile(join(LIB, 'gup-fast-vs-zap/gup-zap+release-acquire+no-reuse.litmus')).verdict).toBe('Never');
  expect(runFile(join(LIB, 'gup-fast-vs-zap/gup-zap+release-acquire.litmus')).verdict).toBe('Sometimes');
});

describe('fixed/buggy pairs', () => {
  const verdicts = new Map<string, ReturnType<typeof runFile>>();
  const run = (name: string) => {
    let r = verdicts.get(name);
    if (!r) {
      r = runFile(join(LIB, `${name}.litmus`));
      verdicts.set(name, r);
    }
    return r;
  };

  it.each(pairs)('%s is Never, %s is Sometimes', (fixed, buggy) => {
    const good = run(fixed);
    const bad = run(buggy);
    expect(good.status).toBe('ok');
    expect(bad.status).toBe('ok');
    expect(good.verdict).toBe('Never');
    expect(good.positive).toBe(0);
    expect(bad.verdict).toBe('Sometimes');
    expect(bad.positive).toBeGreaterThan(0);
    expect(judge(good).status).toBe('pass');
    expect(judge(bad).status).toBe('pass');
  });

  it('covers at least ten distinct pairs', () => {
    expect(new Set(pairs.map((p) => p.join(' '))).size).toBeGreaterThanOrEqual(10);
  });
});

// The kernel mm vocabulary (src/kernel/mm-table.ts), one family at a time: for
// every entry a small litmus test that shows the ordering it provides (or does
// not provide), run through the whole pipeline. Each expectation is a verdict
// (and, where it says something, the counts or final values), so that a wrong
// entry in the table makes some test here fail.
import { describe, expect, it } from 'vitest';
import { runSource } from '../../src/engine/pipeline.js';
import { stateEntries, type RunResult } from '../../src/explore/result.js';
import { mmPrimitives } from '../../src/kernel/mm-table.js';

function run(source: string): RunResult {
  const { result } = runSource(source, 'vocabulary.litmus');
  if (result.status !== 'ok') {
    const why = result.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.col}: ${d.message}`).join('\n');
    throw new Error(`the test did not run (${result.status}):\n${why}\n${source}`);
  }
  return result;
}

/** The final states as `loc=value` strings joined by spaces, each with its execution count. */
function states(r: RunResult): string[] {
  return r.states.map((s) => `${stateEntries(r, s).map((e) => `${e.loc}=${e.value}`).join(' ')} (${s.executions})`);
}

const names = new Set<string>();
/** Records that `name` is exercised, and returns it (so a template reads naturally). */
function cover(name: string): string {
  names.add(name);
  return name;
}

// --- templates ----------------------------------------------------------------------
// SB: each thread stores to its own location, runs `mid`, then loads the other's.
// `Never` means `mid` orders an earlier store before a later load (a full barrier).
function sb(mid0: string, mid1: string, init = '', extra0 = '', extra1 = '', post0 = '', post1 = ''): string {
  return `C SB
{ ${init} }
P0(int *x, int *y, int *a, int *s, int *t)
{
	int r0;
	int r9;
	int flags = 0;
	${extra0}
	WRITE_ONCE(*x, 1);
	${mid0}
	r0 = READ_ONCE(*y);
	${post0}
}
P1(int *x, int *y, int *b, int *s, int *t)
{
	int r0;
	int r9;
	int flags = 0;
	${extra1}
	WRITE_ONCE(*y, 1);
	${mid1}
	r0 = READ_ONCE(*x);
	${post1}
}
exists (0:r0=0 /\\ 1:r0=0)
`;
}

// MP: P0 writes data then `flag` (with `wstmt` as the flag store), P1 reads the
// flag with `rexpr` then the data. `Never` means the pair is ordered.
function mp(opts: { wbefore?: string; wstmt?: string; rexpr?: string; rbetween?: string; init?: string; flagValue?: number }): string {
  const v = opts.flagValue ?? 1;
  return `C MP
{ ${opts.init ?? ''} }
P0(int *data, int *flag)
{
	WRITE_ONCE(*data, 1);
	${opts.wbefore ?? ''}
	${opts.wstmt ?? `WRITE_ONCE(*flag, ${v});`}
}
P1(int *data, int *flag)
{
	int r0;
	int r1;

	r0 = ${opts.rexpr ?? 'READ_ONCE(*flag)'};
	${opts.rbetween ?? ''}
	r1 = READ_ONCE(*data);
}
exists (1:r0=${v} /\\ 1:r1=0)
`;
}

/** One thread, for values: `body` then the condition `cond` (which should be Always). */
function single(params: string, body: string, cond: string, init = ''): string {
  return `C single
{ ${init} }
P0(${params})
{
	int r0;
	int r1;
	${body}
}
exists (${cond})
`;
}

// RCU-style: the updater writes y, runs `gp`, writes x; the reader, inside
// `lock`/`unlock`, reads x then y. `Never` means the grace period waits for the reader.
function rcuMp(lock: string, unlock: string, gp: string): string {
  return `C RCU-MP
{}
P0(int *x, int *y)
{
	int r0;
	int r1;
	int flags = 0;

	${lock}
	r0 = READ_ONCE(*x);
	r1 = READ_ONCE(*y);
	${unlock}
}
P1(int *x, int *y)
{
	WRITE_ONCE(*y, 1);
	${gp}
	WRITE_ONCE(*x, 1);
}
exists (0:r0=1 /\\ 0:r1=0)
`;
}

// --- page-table entries --------------------------------------------------------------
describe('page-table entry loads: ONCE loads, no ordering of their own', () => {
  const loads = ['ptep_get', 'ptep_get_lockless', 'pmdp_get_lockless', 'pmdp_get'].map(cover);
  it.each(loads)('%s orders nothing: message passing without smp_rmb() is Sometimes', (name) => {
    const r = run(mp({ wbefore: 'smp_wmb();', rexpr: `${name}(flag)` }));
    expect(r.verdict).toBe('Sometimes');
    expect(r.flags).not.toContain('data-race');
  });
  it.each(loads)('%s is a marked load: with smp_wmb()/smp_rmb() message passing is Never, and no data race', (name) => {
    const r = run(mp({ wbefore: 'smp_wmb();', rexpr: `${name}(flag)`, rbetween: 'smp_rmb();' }));
    expect(r.verdict).toBe('Never');
    expect(r.flags).toEqual([]);
    expect(r.positive + r.negative).toBe(3);
  });
});

describe('page-table entry stores: ONCE stores of the given value', () => {
  const stores = ['set_pte_at', 'set_pmd_at', 'set_pte'].map(cover);
  ['pte_clear', 'pmd_clear'].forEach(cover);
  it.each(stores)('%s stores its second argument', (name) => {
    const r = run(single('int *pte', `${name}(pte, 5);`, 'pte=5'));
    expect(r.verdict).toBe('Always');
  });
  it.each(stores)('%s is unordered: message passing through it without smp_wmb() is Sometimes', (name) => {
    expect(run(mp({ wstmt: `${name}(flag, 1);`, rbetween: 'smp_rmb();' })).verdict).toBe('Sometimes');
  });
  it.each(stores)('%s is a marked store that smp_wmb() orders: Never', (name) => {
    const r = run(mp({ wbefore: 'smp_wmb();', wstmt: `${name}(flag, 1);`, rbetween: 'smp_rmb();' }));
    expect(r.verdict).toBe('Never');
    expect(r.flags).toEqual([]);
  });
  it.each(['pte_clear', 'pmd_clear'])('%s stores 0, unordered unless smp_wmb() precedes it', (name) => {
    expect(run(single('int *pte', `${name}(pte);`, 'pte=0', 'pte=7;')).verdict).toBe('Always');
    const init = 'flag=1;';
    expect(run(mp({ init, flagValue: 0, wstmt: `${name}(flag);`, rbetween: 'smp_rmb();' })).verdict).toBe('Sometimes');
    expect(run(mp({ init, flagValue: 0, wbefore: 'smp_wmb();', wstmt: `${name}(flag);`, rbetween: 'smp_rmb();' })).verdict).toBe('Never');
  });
});

describe('clearing an entry: ptep_get_and_clear is unordered, the *_clear_flush family is a full barrier', () => {
  ['ptep_get_and_clear', 'ptep_clear_flush', 'pmdp_collapse_flush', 'pmdp_huge_clear_flush'].forEach(cover);
  it('ptep_get_and_clear returns the old entry and leaves 0', () => {
    const r = run(single('int *pte', `r0 = ptep_get_and_clear(pte);`, '0:r0=7 /\\ pte=0', 'pte=7;'));
    expect(r.verdict).toBe('Always');
  });
  it('ptep_get_and_clear orders nothing: store buffering around it is Sometimes', () => {
    const r = run(sb('r9 = ptep_get_and_clear(a);', 'r9 = ptep_get_and_clear(b);', 'a=1; b=1;'));
    expect(r.verdict).toBe('Sometimes');
    expect(r.positive).toBe(1);
  });
  it('ptep_get_and_clear is an RMW, so smp_mb__after_atomic() upgrades it: Never', () => {
    const r = run(sb('r9 = ptep_get_and_clear(a); smp_mb__after_atomic();', 'r9 = ptep_get_and_clear(b); smp_mb__after_atomic();', 'a=1; b=1;'));
    expect(r.verdict).toBe('Never');
  });
  it.each(['ptep_clear_flush', 'pmdp_collapse_flush', 'pmdp_huge_clear_flush'])('%s is a full barrier (SB Never) and returns the old entry', (name) => {
    const r = run(sb(`r9 = ${name}(a);`, `r9 = ${name}(b);`, 'a=1; b=1;'));
    expect(r.verdict).toBe('Never');
    expect(r.positive + r.negative).toBe(3);
    expect(run(single('int *pte', `r0 = ${name}(pte);`, '0:r0=7 /\\ pte=0', 'pte=7;')).verdict).toBe('Always');
  });
});

// --- reference counts -----------------------------------------------------------------
describe('speculative references: fully ordered on success, unordered on failure', () => {
  const gets = ['folio_try_get', 'get_page_unless_zero', 'try_get_page'].map(cover);
  ['folio_ref_try_add_rcu', 'page_ref_add_unless'].forEach(cover);
  it.each(gets)('%s succeeds on a live page, adds 1, and is then a full barrier (SB Never)', (name) => {
    expect(run(single('int *ref', `r0 = ${name}(ref);`, '0:r0=1 /\\ ref=3', 'ref=2;')).verdict).toBe('Always');
    const r = run(sb(`r9 = ${name}(a);`, `r9 = ${name}(b);`, 'a=1; b=1;'));
    expect(r.verdict).toBe('Never');
  });
  it.each(gets)('%s fails on a zero count (returns 0, count stays 0) and then orders nothing (SB Sometimes)', (name) => {
    expect(run(single('int *ref', `r0 = ${name}(ref);`, '0:r0=0 /\\ ref=0')).verdict).toBe('Always');
    const r = run(sb(`r9 = ${name}(a);`, `r9 = ${name}(b);`));
    expect(r.verdict).toBe('Sometimes');
  });
  it('folio_ref_try_add_rcu adds count unless zero: ordered on success, not on failure', () => {
    expect(run(single('int *ref', `r0 = folio_ref_try_add_rcu(ref, 4);`, '0:r0=1 /\\ ref=5', 'ref=1;')).verdict).toBe('Always');
    expect(run(sb('r9 = folio_ref_try_add_rcu(a, 2);', 'r9 = folio_ref_try_add_rcu(b, 2);', 'a=1; b=1;')).verdict).toBe('Never');
    expect(run(sb('r9 = folio_ref_try_add_rcu(a, 2);', 'r9 = folio_ref_try_add_rcu(b, 2);')).verdict).toBe('Sometimes');
  });
  it('page_ref_add_unless(ref, nr, u) adds unless the count is u: ordered on success, not on failure', () => {
    expect(run(single('int *ref', `r0 = page_ref_add_unless(ref, 2, 5);`, '0:r0=1 /\\ ref=3', 'ref=1;')).verdict).toBe('Always');
    expect(run(single('int *ref', 'r0 = page_ref_add_unless(ref, 2, 5);', '0:r0=0 /\\ ref=5', 'ref=5;')).verdict).toBe('Always');
    expect(run(sb('r9 = page_ref_add_unless(a, 1, 5);', 'r9 = page_ref_add_unless(b, 1, 5);', 'a=1; b=1;')).verdict).toBe('Never');
    expect(run(sb('r9 = page_ref_add_unless(a, 1, 5);', 'r9 = page_ref_add_unless(b, 1, 5);', 'a=5; b=5;')).verdict).toBe('Sometimes');
  });
});

describe('dropping references: fully ordered decrements', () => {
  const puts = ['folio_put_testzero', 'page_ref_dec_and_test', 'put_page_testzero'].map(cover);
  const voidPuts = ['folio_put', 'put_page'].map(cover);
  it.each(voidPuts)('%s is void, as in the kernel, a full barrier (SB Never) that decrements the count', (name) => {
    expect(run(sb(`${name}(a);`, `${name}(b);`, 'a=2; b=2;')).verdict).toBe('Never');
    expect(run(single('int *ref', `${name}(ref);`, 'ref=1', 'ref=2;')).verdict).toBe('Always');
    const { result } = runSource(single('int *ref', `r0 = ${name}(ref);`, 'ref=1', 'ref=2;'), 'void.litmus');
    expect(result.status).not.toBe('ok');
  });
  cover('page_ref_dec_return');
  it.each(puts)('%s is a full barrier (SB Never) and returns whether the count reached zero', (name) => {
    const r = run(sb(`r9 = ${name}(a);`, `r9 = ${name}(b);`, 'a=2; b=2;'));
    expect(r.verdict).toBe('Never');
    expect(run(single('int *ref', `r0 = ${name}(ref);`, '0:r0=1 /\\ ref=0', 'ref=1;')).verdict).toBe('Always');
    expect(run(single('int *ref', `r0 = ${name}(ref);`, '0:r0=0 /\\ ref=1', 'ref=2;')).verdict).toBe('Always');
  });
  it('page_ref_dec_return is a full barrier and returns the new count', () => {
    expect(run(sb(`r9 = page_ref_dec_return(a);`, 'r9 = page_ref_dec_return(b);', 'a=2; b=2;')).verdict).toBe('Never');
    expect(run(single('int *ref', 'r0 = page_ref_dec_return(ref);', '0:r0=2 /\\ ref=2', 'ref=3;')).verdict).toBe('Always');
  });
  it('a fully ordered put keeps its B-cumulativity: the zapped PTE is visible to whoever sees the count drop', () => {
    const r = run(`C put-cumulative
{ pte=1; ref=2; }
P0(int *pte, int *ref)
{
	int r9;
	WRITE_ONCE(*pte, 0);
	folio_put(ref);
}
P1(int *pte, int *ref)
{
	int r0;
	int r1;
	r0 = page_ref_count(ref);
	smp_rmb();
	r1 = ptep_get(pte);
}
exists (1:r0=1 /\\ 1:r1=1)
`);
    expect(r.verdict).toBe('Never');
  });
});

describe('reading and setting counts: ONCE accesses, no ordering', () => {
  const reads = ['folio_ref_count', 'page_count', 'page_ref_count', 'folio_pincount'].map(cover);
  ['set_page_refcounted', 'folio_set_count'].forEach(cover);
  it.each(reads)('%s is an unordered marked load (MP without smp_rmb() Sometimes, with it Never)', (name) => {
    expect(run(mp({ wbefore: 'smp_wmb();', rexpr: `${name}(flag)` })).verdict).toBe('Sometimes');
    const r = run(mp({ wbefore: 'smp_wmb();', rexpr: `${name}(flag)`, rbetween: 'smp_rmb();' }));
    expect(r.verdict).toBe('Never');
    expect(r.flags).toEqual([]);
  });
  it('set_page_refcounted stores 1, unordered unless smp_wmb() precedes it', () => {
    expect(run(single('int *ref', `set_page_refcounted(ref);`, 'ref=1')).verdict).toBe('Always');
    expect(run(mp({ wstmt: 'set_page_refcounted(flag);', rbetween: 'smp_rmb();' })).verdict).toBe('Sometimes');
    expect(run(mp({ wbefore: 'smp_wmb();', wstmt: 'set_page_refcounted(flag);', rbetween: 'smp_rmb();' })).verdict).toBe('Never');
  });
  it('folio_set_count stores its value, unordered unless smp_wmb() precedes it', () => {
    expect(run(single('int *ref', `folio_set_count(ref, 3);`, 'ref=3')).verdict).toBe('Always');
    expect(run(mp({ flagValue: 2, wstmt: 'folio_set_count(flag, 2);', rbetween: 'smp_rmb();' })).verdict).toBe('Sometimes');
    expect(run(mp({ flagValue: 2, wbefore: 'smp_wmb();', wstmt: 'folio_set_count(flag, 2);', rbetween: 'smp_rmb();' })).verdict).toBe('Never');
  });
});

describe('folio_maybe_dma_pinned: a small folio is pinned when its refcount reaches GUP_PIN_COUNTING_BIAS', () => {
  cover('folio_maybe_dma_pinned');
  it('returns 1 from 1024 references on, 0 below', () => {
    expect(run(single('int *ref', 'r0 = folio_maybe_dma_pinned(ref);', '0:r0=0', 'ref=1023;')).verdict).toBe('Always');
    expect(run(single('int *ref', 'r0 = folio_maybe_dma_pinned(ref);', '0:r0=1', 'ref=1024;')).verdict).toBe('Always');
    expect(run(single('int *ref', 'r0 = folio_maybe_dma_pinned(ref);', '0:r0=1', 'ref=1025;')).verdict).toBe('Always');
  });
  it('is an unordered marked load (MP without smp_rmb() Sometimes, with it Never)', () => {
    const flagInit = 'flag=0;';
    expect(run(mp({ init: flagInit, wbefore: 'smp_wmb();', wstmt: 'WRITE_ONCE(*flag, 1024);', rexpr: 'folio_maybe_dma_pinned(flag)', flagValue: 1 }).replace('WRITE_ONCE(*flag, 1);', '')).verdict).toBe('Sometimes');
    const r = run(mp({ wbefore: 'smp_wmb();', wstmt: 'WRITE_ONCE(*flag, 1024);', rexpr: 'folio_maybe_dma_pinned(flag)', rbetween: 'smp_rmb();' }));
    expect(r.verdict).toBe('Never');
    expect(r.flags).toEqual([]);
  });
});

describe('void reference additions: unordered, upgraded by smp_mb__{before,after}_atomic()', () => {
  const adds = ['folio_ref_add', 'page_ref_add', 'folio_pincount_add'].map(cover);
  it.each(adds)('%s adds nr', (name) => {
    expect(run(single('int *ref', `${name}(ref, 3);`, 'ref=4', 'ref=1;')).verdict).toBe('Always');
  });
  it.each(adds)('%s orders nothing: SB around it is Sometimes', (name) => {
    const r = run(sb(`${name}(a, 1);`, `${name}(b, 1);`));
    expect(r.verdict).toBe('Sometimes');
    expect(r.positive).toBe(1);
    expect(r.negative).toBe(3);
  });
  it.each(adds)('%s followed by smp_mb__after_atomic() is a full barrier: SB Never', (name) => {
    const r = run(sb(`${name}(a, 1); smp_mb__after_atomic();`, `${name}(b, 1); smp_mb__after_atomic();`));
    expect(r.verdict).toBe('Never');
    expect(r.negative).toBe(3);
  });
  it.each(adds)('smp_mb__before_atomic() before %s is a full barrier too: SB Never', (name) => {
    expect(run(sb(`smp_mb__before_atomic(); ${name}(a, 1);`, `smp_mb__before_atomic(); ${name}(b, 1);`)).verdict).toBe('Never');
  });
  it('smp_mb__after_atomic() after a plain store (no RMW) orders nothing', () => {
    expect(run(sb('WRITE_ONCE(*a, 1); smp_mb__after_atomic();', 'WRITE_ONCE(*b, 1); smp_mb__after_atomic();')).verdict).toBe('Sometimes');
  });
});

describe('freezing: folio_ref_freeze is a conditional full barrier, folio_ref_unfreeze a release', () => {
  ['folio_ref_freeze', 'folio_ref_unfreeze'].forEach(cover);
  it('folio_ref_freeze succeeds only on the expected count, leaving 0', () => {
    expect(run(single('int *ref', `r0 = folio_ref_freeze(ref, 2);`, '0:r0=1 /\\ ref=0', 'ref=2;')).verdict).toBe('Always');
    expect(run(single('int *ref', 'r0 = folio_ref_freeze(ref, 2);', '0:r0=0 /\\ ref=3', 'ref=3;')).verdict).toBe('Always');
  });
  it('a successful freeze is a full barrier (SB Never); a failed one orders nothing (SB Sometimes)', () => {
    expect(run(sb('r9 = folio_ref_freeze(a, 1);', 'r9 = folio_ref_freeze(b, 1);', 'a=1; b=1;')).verdict).toBe('Never');
    expect(run(sb('r9 = folio_ref_freeze(a, 1);', 'r9 = folio_ref_freeze(b, 1);', 'a=2; b=2;')).verdict).toBe('Sometimes');
  });
  it('folio_ref_unfreeze is a release: it publishes earlier stores (MP Never) but does not order a later load (SB Sometimes)', () => {
    expect(run(single('int *ref', `folio_ref_unfreeze(ref, 2);`, 'ref=2')).verdict).toBe('Always');
    expect(run(mp({ wstmt: 'folio_ref_unfreeze(flag, 1);', rbetween: 'smp_rmb();' })).verdict).toBe('Never');
    expect(run(mp({ wstmt: 'WRITE_ONCE(*flag, 1);', rbetween: 'smp_rmb();' })).verdict).toBe('Sometimes');
    expect(run(sb('folio_ref_unfreeze(a, 1);', 'folio_ref_unfreeze(b, 1);')).verdict).toBe('Sometimes');
  });
});

// --- page flags -------------------------------------------------------------------------
describe('page flags: bit operations are void atomics; tests are ONCE loads', () => {
  ['PageAnonExclusive', 'SetPageAnonExclusive', 'ClearPageAnonExclusive', '__ClearPageAnonExclusive', 'test_bit', 'set_bit', 'clear_bit'].forEach(cover);
  it('PageAnonExclusive is an unordered marked load', () => {
    expect(run(mp({ wbefore: 'smp_wmb();', rexpr: `PageAnonExclusive(flag)` })).verdict).toBe('Sometimes');
    expect(run(mp({ wbefore: 'smp_wmb();', rexpr: 'PageAnonExclusive(flag)', rbetween: 'smp_rmb();' })).verdict).toBe('Never');
  });
  it.each([['SetPageAnonExclusive', 0, 1], ['ClearPageAnonExclusive', 1, 0]] as const)('%s sets the flag word from %i to %i', (name, from, to) => {
    expect(run(single('int *flag', `${name}(flag);`, `flag=${to}`, `flag=${from};`)).verdict).toBe('Always');
  });
  it.each(['SetPageAnonExclusive', 'ClearPageAnonExclusive'])('%s orders nothing (SB Sometimes) until smp_mb__after_atomic() (Never)', (name) => {
    expect(run(sb(`${name}(a);`, `${name}(b);`)).verdict).toBe('Sometimes');
    expect(run(sb(`${name}(a); smp_mb__after_atomic();`, `${name}(b); smp_mb__after_atomic();`)).verdict).toBe('Never');
  });
  it('ClearPageAnonExclusive racing with PageAnonExclusive is not a data race, __ClearPageAnonExclusive is', () => {
    const src = (clear: string): string => `C clear-race
{ flag=1; }
P0(int *flag)
{
	${clear}(flag);
}
P1(int *flag)
{
	int r0;
	r0 = PageAnonExclusive(flag);
}
exists (1:r0=0)
`;
    const atomic = run(src('ClearPageAnonExclusive'));
    expect(atomic.verdict).toBe('Sometimes');
    expect(atomic.flags).not.toContain('data-race');
    const plain = run(src('__ClearPageAnonExclusive'));
    expect(plain.verdict).toBe('Sometimes');
    expect(plain.flags).toContain('data-race');
    expect(run(single('int *flag', '__ClearPageAnonExclusive(flag);', 'flag=0', 'flag=1;')).verdict).toBe('Always');
  });
  it('test_bit extracts bit nr of the word', () => {
    const r = run(single('int *w', `r0 = test_bit(2, w); r1 = test_bit(1, w);`, '0:r0=1 /\\ 0:r1=0', 'w=5;'));
    expect(r.verdict).toBe('Always');
    expect(run(mp({ wbefore: 'smp_wmb();', rexpr: 'test_bit(0, flag)' })).verdict).toBe('Sometimes');
    expect(run(mp({ wbefore: 'smp_wmb();', rexpr: 'test_bit(0, flag)', rbetween: 'smp_rmb();' })).verdict).toBe('Never');
  });
  it('set_bit and clear_bit change only bit nr, atomically', () => {
    // 5 = 0b101: setting bit 2 (already set) keeps 5, setting bit 1 gives 7, clearing bit 0 gives 6.
    expect(run(single('int *w', `set_bit(2, w); set_bit(1, w); clear_bit(0, w);`, 'w=6', 'w=5;')).verdict).toBe('Always');
    expect(run(single('int *w', `clear_bit(1, w);`, 'w=5', 'w=5;')).verdict).toBe('Always');
    // Two CPUs setting different bits never lose one another's update.
    const r = run(`C set-bits
{}
P0(int *w) { set_bit(0, w); }
P1(int *w) { set_bit(1, w); }
exists (w=3)
`);
    expect(r.verdict).toBe('Always');
  });
  it('set_bit and clear_bit order nothing until smp_mb__after_atomic()', () => {
    expect(run(sb('set_bit(0, a);', 'set_bit(0, b);')).verdict).toBe('Sometimes');
    expect(run(sb('clear_bit(0, a);', 'clear_bit(0, b);')).verdict).toBe('Sometimes');
    expect(run(sb('set_bit(0, a); smp_mb__after_atomic();', 'clear_bit(0, b); smp_mb__after_atomic();')).verdict).toBe('Never');
  });
});

// --- IRQ-off sections, IPIs, TLB flushes ---------------------------------------------------
describe('IRQ-off sections: read-side sections of the irq-off flavour and of RCU', () => {
  ['local_irq_disable', 'local_irq_enable', 'local_irq_save', 'local_irq_restore'].forEach(cover);
  const pairs: Array<[string, string]> = [['local_irq_disable();', 'local_irq_enable();'], ['local_irq_save(flags);', 'local_irq_restore(flags);']];
  it.each(pairs)('%s ... %s: tlb_remove_table_sync_one() waits for the section (Never)', (lock, unlock) => {
    const r = run(rcuMp(lock, unlock, 'tlb_remove_table_sync_one();'));
    expect(r.verdict).toBe('Never');
    expect(r.flags).toEqual([]);
  });
  it.each(pairs)('%s ... %s without a grace period: the reuse outcome is Sometimes', (lock, unlock) => {
    expect(run(rcuMp(lock, unlock, '')).verdict).toBe('Sometimes');
  });
  it.each(pairs)('%s ... %s: synchronize_rcu() waits for an IRQ-off section too (consolidated RCU): Never', (lock, unlock) => {
    expect(run(rcuMp(lock, unlock, 'synchronize_rcu();')).verdict).toBe('Never');
  });
  it.each(pairs)('%s ... %s have no ordering of their own: SB with either one between the store and the load is Sometimes', (lock, unlock) => {
    // The section's end between the store and the load ...
    expect(run(sb(unlock, unlock, '', lock, lock)).verdict).toBe('Sometimes');
    // ... or its beginning.
    expect(run(sb(lock, lock, '', '', '', unlock, unlock)).verdict).toBe('Sometimes');
  });
});

describe('IPI syncs: a grace period for IRQ-off sections only', () => {
  const syncs = ['tlb_remove_table_sync_one', 'flush_tlb_ipi_sync'].map(cover);
  it.each(syncs)('%s waits for an IRQ-off reader (Never)', (name) => {
    expect(run(rcuMp('local_irq_disable();', 'local_irq_enable();', `${name}();`)).verdict).toBe('Never');
  });
  it.each(syncs)('%s does NOT wait for a plain rcu_read_lock() reader (Sometimes)', (name) => {
    const r = run(rcuMp('rcu_read_lock();', 'rcu_read_unlock();', `${name}();`));
    expect(r.verdict).toBe('Sometimes');
    expect(r.positive).toBe(1);
  });
  it.each(syncs)('%s implies a full barrier (SB Never)', (name) => {
    expect(run(sb(`${name}();`, `${name}();`)).verdict).toBe('Never');
  });
  it('synchronize_rcu() is what a plain rcu_read_lock() reader needs (Never)', () => {
    expect(run(rcuMp('rcu_read_lock();', 'rcu_read_unlock();', 'synchronize_rcu();')).verdict).toBe('Never');
  });
});

describe('TLB flushes: full barriers that do not wait for IRQ-off sections', () => {
  const flushes: Array<[string, string]> = [
    ['flush_tlb_range', 'flush_tlb_range(0, 0, 0);'], ['flush_tlb_page', 'flush_tlb_page(0, 0);'],
    ['flush_tlb_mm', 'flush_tlb_mm(0);'], ['flush_tlb_all', 'flush_tlb_all();'],
  ];
  flushes.forEach(([name]) => cover(name));
  it.each(flushes)('%s is a full barrier: SB Never', (_name, call) => {
    const r = run(sb(call, call));
    expect(r.verdict).toBe('Never');
    expect(r.negative).toBe(3);
  });
  it.each(flushes)('%s alone does not wait for an IRQ-off reader: the reuse outcome is Sometimes', (_name, call) => {
    expect(run(rcuMp('local_irq_disable();', 'local_irq_enable();', call)).verdict).toBe('Sometimes');
  });
});

// --- sequence counts ------------------------------------------------------------------------
function seqTest(begin: string, end: string, readBegin: string, opts: { retry?: boolean } = {}): string {
  const retry = opts.retry ?? true;
  return `C seqcount
{}
P0(int *s, int *x)
{
	${begin}(s);
	WRITE_ONCE(*x, 1);
	${end}(s);
}
P1(int *s, int *x)
{
	int s0;
	int r1;
	int retry;

	s0 = ${readBegin}(s);
	r1 = READ_ONCE(*x);
	${retry ? 'retry = read_seqcount_retry(s, s0);' : 'retry = 0;'}
}
exists (1:retry=0 /\\ ((1:s0=0 /\\ 1:r1=1) \\/ (1:s0=2 /\\ 1:r1=0)))
`;
}

describe('seqcounts: begin/end with smp_wmb(), read begin/retry with smp_rmb()', () => {
  const combos: Array<[string, string, string]> = [
    ['raw_write_seqcount_begin', 'raw_write_seqcount_end', 'raw_read_seqcount'],
    ['write_seqcount_begin', 'write_seqcount_end', 'read_seqcount_begin'],
    ['raw_write_seqcount_begin', 'write_seqcount_end', 'raw_read_seqcount_begin'],
  ];
  combos.flat().forEach(cover);
  cover('read_seqcount_retry');
  it.each(combos)('%s / %s with %s + read_seqcount_retry: an inconsistent read that is not retried is Never', (b, e, rb) => {
    const r = run(seqTest(b, e, rb));
    expect(r.verdict).toBe('Never');
  });
  it('the writer bumps the sequence twice and the retry reports a change', () => {
    expect(run(single('int *s', 'raw_write_seqcount_begin(s); r0 = READ_ONCE(*s); raw_write_seqcount_end(s);', '0:r0=1 /\\ s=2')).verdict).toBe('Always');
    expect(run(single('int *s', 'r0 = raw_read_seqcount(s); WRITE_ONCE(*s, 2); r1 = read_seqcount_retry(s, r0);', '0:r0=0 /\\ 0:r1=1')).verdict).toBe('Always');
    expect(run(single('int *s', 'r0 = raw_read_seqcount(s); r1 = read_seqcount_retry(s, r0);', '0:r1=0', 's=4;')).verdict).toBe('Always');
  });
  it('without the retry the reader can see a torn snapshot (Sometimes)', () => {
    expect(run(seqTest('raw_write_seqcount_begin', 'raw_write_seqcount_end', 'raw_read_seqcount', { retry: false })).verdict).toBe('Sometimes');
  });
  it('the smp_wmb() in write begin matters: a bare increment instead lets the data store pass it (Sometimes)', () => {
    const src = seqTest('raw_write_seqcount_begin', 'raw_write_seqcount_end', 'raw_read_seqcount')
      .replace('raw_write_seqcount_begin(s);', 'atomic_inc(s);');
    expect(run(src).verdict).toBe('Sometimes');
  });
  it('the smp_rmb() in the read side matters: plain READ_ONCE()s of the sequence are not enough (Sometimes)', () => {
    const src = seqTest('raw_write_seqcount_begin', 'raw_write_seqcount_end', 'READ_ONCE')
      .replace('s0 = READ_ONCE(s);', 's0 = READ_ONCE(*s);')
      .replace('retry = read_seqcount_retry(s, s0);', 'retry = READ_ONCE(*s) != s0;');
    expect(run(src).verdict).toBe('Sometimes');
  });
});

// --- completeness -------------------------------------------------------------------------
describe('coverage', () => {
  it('every entry of mm-table.ts is exercised above', () => {
    const missing = mmPrimitives.map((d) => d.name).filter((n) => !names.has(n));
    expect(missing).toEqual([]);
  });
  it('the state printer sees the values the tests rely on', () => {
    const r = run(single('int *ref', 'r0 = folio_try_get(ref);', '0:r0=1', 'ref=1;'));
    expect(states(r)).toEqual(['0:r0=1 (1)']);
  });
});

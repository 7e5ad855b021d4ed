// The helpers of src/kernel/mm-gup-table.ts, each with a test that fails if its
// ordering were weaker (or stronger) than the kernel's: the shapes are SB
// (Never only with a full barrier), MP (Never only with release/acquire or
// barriers), mutual exclusion and the IRQ-off grace period.
import { describe, expect, it } from 'vitest';
import { runSource } from '../../src/engine/pipeline.js';
import type { RunResult } from '../../src/explore/result.js';
import { mmGupPrimitives } from '../../src/kernel/mm-gup-table.js';

function run(source: string): RunResult {
  const { result } = runSource(source, 'vocabulary-gup.litmus');
  if (result.status !== 'ok') throw new Error(`the test did not run (${result.status}):\n${result.diagnostics.map((d) => d.message).join('\n')}\n${source}`);
  return result;
}
const names = new Set<string>();
const cover = (n: string): string => (names.add(n), n);

/** SB: store own, `mid`, load the other's. Never iff `mid` orders an earlier store before a later load. */
function sb(mid0: string, mid1: string, init = ''): string {
  return `C SB
{ ${init} }
P0(int *x, int *y, int *a, int *l)
{
	int r0;
	int r9;
	int flags;
	WRITE_ONCE(*x, 1);
	${mid0}
	r0 = READ_ONCE(*y);
}
P1(int *x, int *y, int *b, int *l)
{
	int r0;
	int r9;
	int flags;
	WRITE_ONCE(*y, 1);
	${mid1}
	r0 = READ_ONCE(*x);
}
exists (0:r0=0 /\\ 1:r0=0)
`;
}
/** MP: P0 writes data then runs `w` (which writes flag); P1 runs `r` (which sets r0 from flag) then reads data. */
function mp(w: string, r: string, cond: string, init = ''): string {
  return `C MP
{ ${init} }
P0(int *data, int *flag)
{
	int r9;
	WRITE_ONCE(*data, 1);
	${w}
}
P1(int *data, int *flag)
{
	int r0;
	int r1;
	${r}
	r1 = READ_ONCE(*data);
}
exists (${cond})
`;
}
function single(params: string, body: string, cond: string, init = ''): string {
  return `C single\n{ ${init} }\nP0(${params})\n{\n\tint r0;\n\tint r1;\n\tint flags;\n\t${body}\n}\nexists (${cond})\n`;
}

describe('folio_get / get_page: a void increment, unordered', () => {
  const gets = ['folio_get', 'get_page'].map(cover);
  it.each(gets)('%s adds 1', (n) => {
    expect(run(single('int *ref', `${n}(ref);`, 'ref=3', 'ref=2;')).verdict).toBe('Always');
  });
  it.each(gets)('%s orders nothing (SB Sometimes) until smp_mb__after_atomic() (Never)', (n) => {
    expect(run(sb(`${n}(a);`, `${n}(b);`, 'a=1; b=1;')).verdict).toBe('Sometimes');
    expect(run(sb(`${n}(a); smp_mb__after_atomic();`, `${n}(b); smp_mb__after_atomic();`, 'a=1; b=1;')).verdict).toBe('Never');
  });
});

describe('try_grab_folio (FOLL_PIN): GUP_PIN_COUNTING_BIAS unless zero, fully ordered on success', () => {
  const grabs = ['try_grab_folio', 'try_grab_folio_fast'].map(cover);
  it.each(grabs)('%s adds the bias to a live folio, and folio_maybe_dma_pinned() then says pinned', (n) => {
    expect(run(single('int *ref', `r0 = ${n}(ref); r1 = folio_maybe_dma_pinned(ref);`, '0:r0=1 /\\ 0:r1=1 /\\ ref=1025', 'ref=1;')).verdict).toBe('Always');
    // A FOLL_GET reference (folio_try_get) does not look pinned.
    expect(run(single('int *ref', 'r0 = folio_try_get(ref); r1 = folio_maybe_dma_pinned(ref);', '0:r0=1 /\\ 0:r1=0', 'ref=1;')).verdict).toBe('Always');
  });
  it.each(grabs)('%s fails on a zero count and leaves it 0', (n) => {
    expect(run(single('int *ref', `r0 = ${n}(ref);`, '0:r0=0 /\\ ref=0')).verdict).toBe('Always');
  });
  it.each(grabs)('%s is a full barrier when it pins (SB Never) and orders nothing when it fails (SB Sometimes)', (n) => {
    expect(run(sb(`r9 = ${n}(a);`, `r9 = ${n}(b);`, 'a=1; b=1;')).verdict).toBe('Never');
    expect(run(sb(`r9 = ${n}(a);`, `r9 = ${n}(b);`)).verdict).toBe('Sometimes');
  });
});

describe('test_and_set_bit / test_and_clear_bit: value-returning, so fully ordered', () => {
  ['test_and_set_bit', 'test_and_clear_bit'].forEach(cover);
  it('test_and_set_bit returns the old bit and sets it; test_and_clear_bit returns it and clears it', () => {
    expect(run(single('int *w', 'r0 = test_and_set_bit(1, w); r1 = test_and_set_bit(1, w);', '0:r0=0 /\\ 0:r1=1 /\\ w=3', 'w=1;')).verdict).toBe('Always');
    expect(run(single('int *w', 'r0 = test_and_clear_bit(0, w); r1 = test_and_clear_bit(0, w);', '0:r0=1 /\\ 0:r1=0 /\\ w=4', 'w=5;')).verdict).toBe('Always');
  });
  it('test_and_set_bit forbids SB (a relaxed fetch_or would not)', () => {
    expect(run(sb('r9 = test_and_set_bit(0, a);', 'r9 = test_and_set_bit(0, b);')).verdict).toBe('Never');
    expect(run(sb('r9 = atomic_fetch_or_relaxed(1, a);', 'r9 = atomic_fetch_or_relaxed(1, b);')).verdict).toBe('Sometimes');
  });
  it('test_and_clear_bit forbids SB', () => {
    expect(run(sb('r9 = test_and_clear_bit(0, a);', 'r9 = test_and_clear_bit(0, b);', 'a=1; b=1;')).verdict).toBe('Never');
  });
  it('two CPUs racing test_and_set_bit on one bit: exactly one sees it clear', () => {
    const r = run(`C tas-race\n{}\nP0(int *w) { int r0; r0 = test_and_set_bit(0, w); }\nP1(int *w) { int r0; r0 = test_and_set_bit(0, w); }\nexists (0:r0=0 /\\ 1:r0=0)\n`);
    expect(r.verdict).toBe('Never');
  });
});

describe('clear_bit_unlock (release) and test_and_set_bit_lock (acquire)', () => {
  ['clear_bit_unlock', 'test_and_set_bit_lock'].forEach(cover);
  it('clear_bit_unlock clears bit nr only', () => {
    expect(run(single('int *w', 'clear_bit_unlock(2, w);', 'w=1', 'w=5;')).verdict).toBe('Always');
  });
  it('clear_bit_unlock gives release message passing (Never), clear_bit does not (Sometimes)', () => {
    const reader = 'r0 = test_bit(0, flag); smp_rmb();';
    expect(run(mp('clear_bit_unlock(0, flag);', reader, '1:r0=0 /\\ 1:r1=0', 'flag=1;')).verdict).toBe('Never');
    expect(run(mp('clear_bit(0, flag);', reader, '1:r0=0 /\\ 1:r1=0', 'flag=1;')).verdict).toBe('Sometimes');
  });
  it('clear_bit_unlock does not forbid SB (release orders nothing after it)', () => {
    expect(run(sb('clear_bit_unlock(0, a);', 'clear_bit_unlock(0, b);', 'a=1; b=1;')).verdict).toBe('Sometimes');
  });
  it('test_and_set_bit_lock returns the old bit and sets it', () => {
    expect(run(single('int *w', 'r0 = test_and_set_bit_lock(0, w); r1 = test_and_set_bit_lock(0, w);', '0:r0=0 /\\ 0:r1=1 /\\ w=1')).verdict).toBe('Always');
  });
  it('test_and_set_bit_lock gives acquire message passing (Never), a relaxed fetch_or does not (Sometimes)', () => {
    const writer = 'smp_wmb(); WRITE_ONCE(*flag, 1);';
    expect(run(mp(writer, 'r0 = test_and_set_bit_lock(0, flag);', '1:r0=1 /\\ 1:r1=0')).verdict).toBe('Never');
    expect(run(mp(writer, 'r0 = atomic_fetch_or_relaxed(1, flag);', '1:r0=1 /\\ 1:r1=0')).verdict).toBe('Sometimes');
  });
  it('test_and_set_bit_lock does not forbid SB (acquire orders nothing before it)', () => {
    expect(run(sb('r9 = test_and_set_bit_lock(0, a);', 'r9 = test_and_set_bit_lock(0, b);')).verdict).toBe('Sometimes');
  });
  it('a bit lock: test_and_set_bit_lock ... clear_bit_unlock excludes the other CPU\'s critical section', () => {
    const cs = (p: number): string => `P${p}(int *l, int *x)\n{\n\tint r0;\n\tint r1;\n\tr0 = test_and_set_bit_lock(0, l);\n\tif (r0 == 0) {\n\t\tr1 = READ_ONCE(*x);\n\t\tWRITE_ONCE(*x, r1 + 1);\n\t\tclear_bit_unlock(0, l);\n\t}\n}\n`;
    const r = run(`C bitlock\n{}\n${cs(0)}${cs(1)}exists (0:r0=0 /\\ 1:r0=0 /\\ x=1)\n`);
    expect(r.verdict).toBe('Never');
  });
});

describe('spin_lock_irqsave / spin_unlock_irqrestore, spin_lock_irq / spin_unlock_irq: a lock inside an IRQ-off section', () => {
  const pairs: Array<[string, string]> = [['spin_lock_irqsave(l, flags);', 'spin_unlock_irqrestore(l, flags);'], ['spin_lock_irq(l);', 'spin_unlock_irq(l);']];
  ['spin_lock_irqsave', 'spin_unlock_irqrestore', 'spin_lock_irq', 'spin_unlock_irq'].forEach(cover);
  it.each(pairs)('%s ... %s excludes: two increments under the lock never lose one', (lock, unlock) => {
    const p = (i: number): string => `P${i}(int *l, int *x)\n{\n\tint r1;\n\tint flags;\n\t${lock}\n\tr1 = READ_ONCE(*x);\n\tWRITE_ONCE(*x, r1 + 1);\n\t${unlock}\n}\n`;
    expect(run(`C cs\n{}\n${p(0)}${p(1)}exists (x=1)\n`).verdict).toBe('Never');
  });
  it.each(pairs)('%s ... %s is an IRQ-off section: tlb_remove_table_sync_one() waits for it (Never), nothing else does (Sometimes)', (lock, unlock) => {
    const src = (gp: string): string => `C irq\n{}\nP0(int *l, int *x, int *y)\n{\n\tint r0;\n\tint r1;\n\tint flags;\n\t${lock}\n\tr0 = READ_ONCE(*x);\n\tr1 = READ_ONCE(*y);\n\t${unlock}\n}\nP1(int *x, int *y)\n{\n\tWRITE_ONCE(*y, 1);\n\t${gp}\n\tWRITE_ONCE(*x, 1);\n}\nexists (0:r0=1 /\\ 0:r1=0)\n`;
    expect(run(src('tlb_remove_table_sync_one();')).verdict).toBe('Never');
    expect(run(src('')).verdict).toBe('Sometimes');
  });
});

describe('pte_offset_map_lock / pte_unmap_unlock: the page-table lock', () => {
  ['pte_offset_map_lock', 'pte_unmap_unlock'].forEach(cover);
  const writer = 'P0(int *ptl, int *x, int *y)\n{\n\tpte_offset_map_lock(ptl);\n\tWRITE_ONCE(*x, 1);\n\tWRITE_ONCE(*y, 1);\n\tpte_unmap_unlock(ptl);\n}\n';
  it('readers under the PTL see both or neither of a locked writer\'s stores (Never); without it, Sometimes', () => {
    const locked = `C ptl\n{}\n${writer}P1(int *ptl, int *x, int *y)\n{\n\tint r0;\n\tint r1;\n\tpte_offset_map_lock(ptl);\n\tr0 = READ_ONCE(*y);\n\tr1 = READ_ONCE(*x);\n\tpte_unmap_unlock(ptl);\n}\nexists (1:r0=1 /\\ 1:r1=0)\n`;
    expect(run(locked).verdict).toBe('Never');
    expect(run(locked.replace(/\tpte_offset_map_lock\(ptl\);\n\tr0/, '\tr0').replace(/r1 = READ_ONCE\(\*x\);\n\tpte_unmap_unlock\(ptl\);/, 'r1 = READ_ONCE(*x);')).verdict).toBe('Sometimes');
  });
});

describe('ptep_set_wrprotect: an atomic clear of the write bit, unordered', () => {
  cover('ptep_set_wrprotect');
  it('clears bit 1 (value 2) and nothing else', () => {
    expect(run(single('int *pte', 'ptep_set_wrprotect(pte);', 'pte=5', 'pte=7;')).verdict).toBe('Always');
    expect(run(single('int *pte', 'ptep_set_wrprotect(pte);', 'pte=1', 'pte=1;')).verdict).toBe('Always');
  });
  it('does not lose a concurrent atomic update of another bit', () => {
    expect(run(`C wrprotect-race\n{ pte=3; }\nP0(int *pte) { ptep_set_wrprotect(pte); }\nP1(int *pte) { set_bit(2, pte); }\nexists (pte=5)\n`).verdict).toBe('Always');
  });
  it('orders nothing (SB Sometimes) until smp_mb__after_atomic() (Never)', () => {
    expect(run(sb('ptep_set_wrprotect(a);', 'ptep_set_wrprotect(b);', 'a=3; b=3;')).verdict).toBe('Sometimes');
    expect(run(sb('ptep_set_wrprotect(a); smp_mb__after_atomic();', 'ptep_set_wrprotect(b); smp_mb__after_atomic();', 'a=3; b=3;')).verdict).toBe('Never');
  });
});

describe('mmu_notifier_invalidate_range_start/_end: a seqcount write section on the invalidation sequence', () => {
  ['mmu_notifier_invalidate_range_start', 'mmu_notifier_invalidate_range_end'].forEach(cover);
  const src = (start: string): string => `C notifier
{ pte=1; }
P0(int *seq, int *pte)
{
	${start}
	WRITE_ONCE(*pte, 3);
	mmu_notifier_invalidate_range_end(seq);
}
P1(int *seq, int *pte)
{
	int s;
	int r1;
	int retry;
	s = raw_read_seqcount(seq);
	r1 = READ_ONCE(*pte);
	retry = read_seqcount_retry(seq, s);
}
exists (1:retry=0 /\\ ((1:s=0 /\\ 1:r1=3) \\/ (1:s=2 /\\ 1:r1=1)))
`;
  it('start makes the sequence odd, end even again', () => {
    expect(run(single('int *seq', 'mmu_notifier_invalidate_range_start(seq); r0 = READ_ONCE(*seq); mmu_notifier_invalidate_range_end(seq);', '0:r0=1 /\\ seq=2')).verdict).toBe('Always');
  });
  it('a walker that re-checks the sequence never keeps a PTE from the wrong side of the invalidation (Never)', () => {
    expect(run(src('mmu_notifier_invalidate_range_start(seq);')).verdict).toBe('Never');
  });
  it('the smp_wmb() in start matters: a bare increment lets the PTE store pass it (Sometimes)', () => {
    expect(run(src('atomic_inc(seq);')).verdict).toBe('Sometimes');
  });
});

describe('coverage', () => {
  it('every entry of mm-gup-table.ts is exercised above', () => {
    expect(mmGupPrimitives.map((d) => d.name).filter((n) => !names.has(n))).toEqual([]);
  });
  it('every entry names the source of its meaning', () => {
    expect(mmGupPrimitives.filter((d) => !d.source).map((d) => d.name)).toEqual([]);
  });
});

// Kernel mm helpers as first-class primitives, each with its LKMM meaning.
// Signatures keep only the arguments that matter to ordering (a page-table
// entry, a refcount, a flag word): `set_pte_at(ptep, pte)` rather than the
// kernel's `set_pte_at(mm, addr, ptep, pte)`.
import type { LocArg, PrimitiveDef, Step, ValArg } from './primitive-def.js';

const p = (arg: number): LocArg => ({ arg, deref: true });
const a = (arg: number): ValArg => ({ arg });
const k = (c: number): ValArg => ({ const: c });

/** The flavour of IRQ-disabled sections (GUP-fast's "poor man's RCU"). */
export const IRQ_DOMAIN = 'irq-off';

const defs: PrimitiveDef[] = [];
/** Where the meaning of the definitions that follow comes from (set per family). */
let source = '';
function def(name: string, params: string[], returns: boolean, steps: Step[], doc: string, extra: Partial<PrimitiveDef> = {}): void {
  defs.push({ name, params, returns, steps, group: 'mm', doc, source, ...extra });
}

/** GUP_PIN_COUNTING_BIAS (include/linux/mm.h): what a FOLL_PIN pin adds to a small folio's refcount. */
export const GUP_PIN_COUNTING_BIAS = 1024;

// --- Page-table entries -------------------------------------------------------
source = 'include/linux/pgtable.h (ptep_get, ptep_get_lockless, ptep_get_and_clear, ptep_clear_flush), mm/pgtable-generic.c';
for (const name of ['ptep_get', 'ptep_get_lockless', 'pmdp_get_lockless', 'pmdp_get']) {
  def(name, ['ptep'], true, [{ op: 'load', tag: 'ONCE', loc: p(0) }], 'READ_ONCE of the entry: page-table entries are read with single-copy atomic marked loads');
}
for (const name of ['set_pte_at', 'set_pmd_at', 'set_pte']) {
  def(name, ['ptep', 'pte'], false, [{ op: 'store', tag: 'ONCE', loc: p(0), value: a(1) }], 'WRITE_ONCE of the entry: installs a PTE with a marked store and no ordering');
}
for (const name of ['pte_clear', 'pmd_clear']) {
  def(name, ['ptep'], false, [{ op: 'store', tag: 'ONCE', loc: p(0), value: k(0) }], 'WRITE_ONCE(*ptep, 0): clears the entry, unordered');
}
def('ptep_get_and_clear', ['ptep'], true, [{ op: 'rmw', tag: 'ONCE', loc: p(0), alu: 'xchg', value: k(0), returns: 'old' }],
  'xchg_relaxed(ptep, 0): an atomic exchange with 0, unordered by default (the architectures give no ordering guarantee)');
for (const name of ['ptep_clear_flush', 'pmdp_collapse_flush', 'pmdp_huge_clear_flush']) {
  def(name, ['ptep'], true, [
    { op: 'rmw', tag: 'ONCE', loc: p(0), alu: 'xchg', value: k(0), returns: 'old' },
    { op: 'fence', tag: 'mb' },
  ], 'clears the entry (xchg_relaxed with 0), then a full barrier: the TLB flush that follows implies smp_mb()');
}

// --- Reference counts ------------------------------------------------------------
source = 'include/linux/page_ref.h, include/linux/mm.h; orderings from Documentation/atomic_t.txt';
for (const name of ['folio_try_get', 'get_page_unless_zero', 'try_get_page']) {
  def(name, ['ref'], true, [{ op: 'add-unless', tag: 'MB', loc: p(0), value: k(1), unless: k(0) }],
    'atomic_add_unless(ref, 1, 0): fully ordered when it takes the reference, an unordered read when the count was zero');
}
def('folio_ref_try_add_rcu', ['ref', 'count'], true, [{ op: 'add-unless', tag: 'MB', loc: p(0), value: a(1), unless: k(0) }],
  'atomic_add_unless(ref, count, 0): fully ordered on success, unordered on failure');
def('page_ref_add_unless', ['ref', 'nr', 'u'], true, [{ op: 'add-unless', tag: 'MB', loc: p(0), value: a(1), unless: a(2) }],
  'atomic_add_unless(ref, nr, u): fully ordered on success, unordered on failure');
for (const name of ['folio_put', 'put_page']) {
  def(name, ['ref'], false, [{ op: 'rmw', tag: 'MB', loc: p(0), alu: 'sub', value: k(1), returns: 'new' }],
    'void: if (folio_put_testzero(folio)) __folio_put(folio), i.e. a fully ordered atomic_dec_and_test(ref) whose result frees the page; use folio_put_testzero() for the result');
}
for (const name of ['folio_put_testzero', 'page_ref_dec_and_test', 'put_page_testzero']) {
  def(name, ['ref'], true, [{ op: 'rmw', tag: 'MB', loc: p(0), alu: 'sub', value: k(1), returns: 'new' }],
    'atomic_dec_and_test(ref): a fully ordered decrement; returns whether the count reached zero', { test: 'eq0' });
}
def('page_ref_dec_return', ['ref'], true, [{ op: 'rmw', tag: 'MB', loc: p(0), alu: 'sub', value: k(1), returns: 'new' }],
  'atomic_dec_return(ref): a fully ordered decrement returning the new count');
for (const name of ['folio_ref_count', 'page_count', 'page_ref_count', 'folio_pincount']) {
  def(name, ['ref'], true, [{ op: 'load', tag: 'ONCE', loc: p(0) }], 'atomic_read(ref): a ONCE load, no ordering');
}
def('folio_maybe_dma_pinned', ['ref'], true, [{ op: 'load', tag: 'ONCE', loc: p(0) }],
  `atomic_read(ref) >= GUP_PIN_COUNTING_BIAS (${GUP_PIN_COUNTING_BIAS}): a small folio's pin test, a ONCE load with no ordering (a large folio's is folio_pincount(pincount) > 0)`,
  { test: { geConst: GUP_PIN_COUNTING_BIAS } });
def('set_page_refcounted', ['ref'], false, [{ op: 'store', tag: 'ONCE', loc: p(0), value: k(1) }], 'atomic_set(ref, 1): the allocator (re)initialises the count with an unordered store');
def('folio_set_count', ['ref', 'v'], false, [{ op: 'store', tag: 'ONCE', loc: p(0), value: a(1) }], 'atomic_set(ref, v): an unordered store of the count');
for (const name of ['folio_ref_add', 'page_ref_add', 'folio_pincount_add']) {
  def(name, ['ref', 'nr'], false, [{ op: 'rmw', tag: 'NORETURN', loc: p(0), alu: 'add', value: a(1), returns: 'none' }],
    'atomic_add(nr, ref): a void atomic, unordered (smp_mb__before/after_atomic() apply to it)');
}
def('folio_ref_freeze', ['ref', 'count'], true, [{ op: 'cmpxchg', tag: 'MB', loc: p(0), expect: a(1), value: k(0), returnsSuccess: true }],
  'atomic_cmpxchg(ref, count, 0) == count: freezes the count; fully ordered on success, unordered on failure');
def('folio_ref_unfreeze', ['ref', 'count'], false, [{ op: 'store', tag: 'RELEASE', loc: p(0), value: a(1) }],
  'atomic_set_release(ref, count): unfreezes with release ordering');

// --- Page flags -----------------------------------------------------------------------
source = 'include/linux/page-flags.h; include/asm-generic/bitops/atomic.h, Documentation/atomic_bitops.txt';
def('PageAnonExclusive', ['flag'], true, [{ op: 'load', tag: 'ONCE', loc: p(0) }], 'test of the flag: a ONCE load of the flag word (the location is the flag)');
def('SetPageAnonExclusive', ['flag'], false, [{ op: 'rmw', tag: 'NORETURN', loc: p(0), alu: 'or', value: k(1), returns: 'none' }], 'set_bit(): a void atomic RMW, unordered; smp_mb__before/after_atomic() apply');
def('ClearPageAnonExclusive', ['flag'], false, [{ op: 'rmw', tag: 'NORETURN', loc: p(0), alu: 'andnot', value: k(1), returns: 'none' }], 'clear_bit(): a void atomic RMW, unordered; smp_mb__before/after_atomic() apply');
def('__ClearPageAnonExclusive', ['flag'], false, [{ op: 'store', loc: p(0), value: k(0) }],
  'the non-atomic __clear_bit(): a plain store of 0 (data races are reported)');
def('test_bit', ['nr', 'addr'], true, [{ op: 'load', tag: 'ONCE', loc: p(1) }], 'READ_ONCE of the word, then bit nr', { test: { bitArg: 0 } });
def('set_bit', ['nr', 'addr'], false, [{ op: 'rmw', tag: 'NORETURN', loc: p(1), alu: 'or', value: { bitOf: 0 }, returns: 'none' }], 'void atomic OR of 1<<nr: unordered');
def('clear_bit', ['nr', 'addr'], false, [{ op: 'rmw', tag: 'NORETURN', loc: p(1), alu: 'andnot', value: { bitOf: 0 }, returns: 'none' }], 'void atomic AND-NOT of 1<<nr: unordered');

// --- IRQ-off sections and TLB flushes -----------------------------------------------------
source = 'include/linux/irqflags.h; mm/mmu_gather.c (tlb_remove_table_sync_one: an IPI to every CPU); an extension beyond LKMM (see docs/irq-off.md)';
/** The steps of local_irq_disable() and local_irq_enable(): the IRQ-off flavour's section, inside an RCU read-side section. */
export const irqOn: readonly Step[] = [{ op: 'fence', tag: 'rcu-lock' }, { op: 'domain-lock', domain: IRQ_DOMAIN }];
export const irqOff: readonly Step[] = [{ op: 'domain-unlock', domain: IRQ_DOMAIN }, { op: 'fence', tag: 'rcu-unlock' }];
const irqDoc = 'an IRQ-disabled section: a read-side critical section of the IRQ-off flavour (waited for by IPI-based syncs) and of RCU (consolidated RCU waits for it); no memory ordering of its own';
def('local_irq_disable', [], false, [...irqOn], irqDoc);
def('local_irq_enable', [], false, [...irqOff], irqDoc);
def('local_irq_save', ['flags'], false, [...irqOn], irqDoc);
def('local_irq_restore', ['flags'], false, [...irqOff], irqDoc);
for (const name of ['tlb_remove_table_sync_one', 'flush_tlb_ipi_sync']) {
  def(name, [], false, [{ op: 'domain-sync', domain: IRQ_DOMAIN }],
    'an IPI broadcast that waits for every CPU: a grace period for IRQ-off sections only (synchronize_rcu() semantics against them; it does not wait for preemptible rcu_read_lock() readers)');
}
source = 'include/asm-generic/tlb.h, arch TLB flushes taken as smp_mb() (Documentation/core-api/cachetlb.rst)';
for (const [name, params] of [['flush_tlb_range', ['vma', 'start', 'end']], ['flush_tlb_page', ['vma', 'addr']], ['flush_tlb_mm', ['mm']], ['flush_tlb_all', []]] as Array<[string, string[]]>) {
  def(name, params, false, [{ op: 'fence', tag: 'mb' }], 'a TLB flush taken as ordering alone: a full barrier (it does not wait for IRQ-off sections)');
}

// --- Sequence counts --------------------------------------------------------------------
source = 'include/linux/seqlock.h';
const inc: Step = { op: 'rmw', tag: 'ONCE', loc: p(0), alu: 'add', value: k(1), returns: 'none' };
def('raw_write_seqcount_begin', ['s'], false, [inc, { op: 'fence', tag: 'wmb' }], 'increment of the sequence, then smp_wmb()');
def('write_seqcount_begin', ['s'], false, [inc, { op: 'fence', tag: 'wmb' }], 'increment of the sequence, then smp_wmb()');
def('raw_write_seqcount_end', ['s'], false, [{ op: 'fence', tag: 'wmb' }, inc], 'smp_wmb(), then increment of the sequence');
def('write_seqcount_end', ['s'], false, [{ op: 'fence', tag: 'wmb' }, inc], 'smp_wmb(), then increment of the sequence');
for (const name of ['raw_read_seqcount', 'read_seqcount_begin', 'raw_read_seqcount_begin']) {
  def(name, ['s'], true, [{ op: 'load', tag: 'ONCE', loc: p(0) }, { op: 'fence', tag: 'rmb' }], 'READ_ONCE of the sequence, then smp_rmb() (the wait for an even value is left to the test)');
}
def('read_seqcount_retry', ['s', 'start'], true, [{ op: 'fence', tag: 'rmb' }, { op: 'load', tag: 'ONCE', loc: p(0) }],
  'smp_rmb(), then a re-read of the sequence; returns 1 when it differs from start', { test: { neArg: 1 } });

export const mmPrimitives: readonly PrimitiveDef[] = defs;

// The helpers GUP, zap and fork code uses beyond mm-table.ts: plain and pinning
// references (the FOLL_PIN bias), the value-returning and lock bitops, the
// IRQ-saving spinlocks, the page-table lock, write-protection and mmu
// notifiers. As in mm-table.ts, signatures keep only the arguments that matter
// to ordering, and every entry says where its meaning comes from.
import { GUP_PIN_COUNTING_BIAS, irqOff, irqOn } from './mm-table.js';
import type { LocArg, PrimitiveDef, Step, ValArg } from './primitive-def.js';

const p = (arg: number): LocArg => ({ arg, deref: true });
const k = (c: number): ValArg => ({ const: c });
const bit = (arg: number): ValArg => ({ bitOf: arg });

/** The bit of a page-table entry that stands for write permission (x86's _PAGE_BIT_RW is bit 1). */
export const PTE_WRITE_BIT = 1;

const defs: PrimitiveDef[] = [];
function def(name: string, params: string[], returns: boolean, steps: Step[], doc: string, source: string, extra: Partial<PrimitiveDef> = {}): void {
  defs.push({ name, params, returns, steps, group: 'mm', doc, source, ...extra });
}

// --- References: FOLL_GET and FOLL_PIN ----------------------------------------------
for (const name of ['folio_get', 'get_page']) {
  def(name, ['ref'], false, [{ op: 'rmw', tag: 'NORETURN', loc: p(0), alu: 'add', value: k(1), returns: 'none' }],
    'folio_ref_inc() = atomic_inc(ref): a void atomic, unordered (smp_mb__before/after_atomic() apply); the caller already holds a reference',
    'include/linux/mm.h (folio_get), include/linux/page_ref.h (folio_ref_inc); Documentation/atomic_t.txt (void RMWs are unordered)');
}
for (const name of ['try_grab_folio', 'try_grab_folio_fast']) {
  def(name, ['ref'], true, [{ op: 'add-unless', tag: 'MB', loc: p(0), value: k(GUP_PIN_COUNTING_BIAS), unless: k(0) }],
    `FOLL_PIN of a small folio: try_get_folio() (atomic_add_unless(ref, 1, 0), fully ordered on success) then folio_ref_add(ref, GUP_PIN_COUNTING_BIAS - 1) and smp_mb__after_atomic(), taken as one fully ordered atomic_add_unless(ref, ${GUP_PIN_COUNTING_BIAS}, 0); returns 1 if pinned, and is an unordered read on a zero count. (Before v6.10 try_grab_folio was this fast-path function; since "mm: gup: stop abusing try_grab_folio" it is try_grab_folio_fast)`,
    'mm/gup.c (try_grab_folio_fast, try_get_folio), include/linux/mm.h (GUP_PIN_COUNTING_BIAS), include/linux/page_ref.h (folio_ref_try_add)');
}

// --- Bitops with a result, and the lock bitops ----------------------------------------
def('test_and_set_bit', ['nr', 'addr'], true, [{ op: 'rmw', tag: 'MB', loc: p(1), alu: 'or', value: bit(0), returns: 'old' }],
  'atomic_long_fetch_or(1<<nr, addr), then bit nr of the old word: a value-returning RMW, so fully ordered',
  'include/asm-generic/bitops/atomic.h; Documentation/atomic_bitops.txt ("RMW atomic operations with return value ... are fully ordered")', { test: { bitArg: 0 } });
def('test_and_clear_bit', ['nr', 'addr'], true, [{ op: 'rmw', tag: 'MB', loc: p(1), alu: 'andnot', value: bit(0), returns: 'old' }],
  'atomic_long_fetch_andnot(1<<nr, addr), then bit nr of the old word: fully ordered',
  'include/asm-generic/bitops/atomic.h; Documentation/atomic_bitops.txt', { test: { bitArg: 0 } });
def('test_and_set_bit_lock', ['nr', 'addr'], true, [{ op: 'rmw', tag: 'ACQUIRE', loc: p(1), alu: 'or', value: bit(0), returns: 'old' }],
  'atomic_long_fetch_or_acquire(1<<nr, addr), then bit nr of the old word: ACQUIRE ordering. (The kernel first tests the bit with READ_ONCE and returns 1 without the RMW when it is set: that failure path orders nothing, and here it is the RMW with acquire)',
  'include/asm-generic/bitops/lock.h; Documentation/atomic_bitops.txt ("test_and_set_bit_lock ... ACQUIRE")', { test: { bitArg: 0 } });
def('clear_bit_unlock', ['nr', 'addr'], false, [{ op: 'rmw', tag: 'RELEASE', loc: p(1), alu: 'andnot', value: bit(0), returns: 'old' }],
  'atomic_long_fetch_andnot_release(1<<nr, addr): RELEASE ordering (publishes everything before it; orders nothing after it)',
  'include/asm-generic/bitops/lock.h; Documentation/atomic_bitops.txt ("clear_bit_unlock ... RELEASE")');

// --- Spinlocks with IRQs off ---------------------------------------------------------------
const irqLockDoc = 'local_irq_save() then spin_lock(): an IRQ-off section (an extension beyond LKMM: IPI syncs wait for it) holding the lock (acquire)';
const irqUnlockDoc = 'spin_unlock() then local_irq_restore(): release of the lock, end of the IRQ-off section';
def('spin_lock_irqsave', ['lock', 'flags'], false, [...irqOn, { op: 'lock', loc: p(0) }], irqLockDoc, 'include/linux/spinlock.h, include/linux/irqflags.h');
def('spin_unlock_irqrestore', ['lock', 'flags'], false, [{ op: 'unlock', loc: p(0) }, ...irqOff], irqUnlockDoc, 'include/linux/spinlock.h, include/linux/irqflags.h');
def('spin_lock_irq', ['lock'], false, [...irqOn, { op: 'lock', loc: p(0) }], 'local_irq_disable() then spin_lock()', 'include/linux/spinlock.h');
def('spin_unlock_irq', ['lock'], false, [{ op: 'unlock', loc: p(0) }, ...irqOff], 'spin_unlock() then local_irq_enable()', 'include/linux/spinlock.h');

// --- The page-table lock --------------------------------------------------------------------
def('pte_offset_map_lock', ['ptl'], false, [{ op: 'lock', loc: p(0) }],
  'spin_lock(ptl): takes the PTE table\'s lock (split PTL). The mapping itself is not modelled (nor the rcu_read_lock() that __pte_offset_map() takes since v6.5, which only adds guarantees)',
  'include/linux/mm.h (pte_offset_map_lock, pte_lockptr), mm/pgtable-generic.c (__pte_offset_map_lock)');
def('pte_unmap_unlock', ['ptl'], false, [{ op: 'unlock', loc: p(0) }],
  'spin_unlock(ptl): releases the PTE table\'s lock (release ordering)', 'include/linux/mm.h (pte_unmap_unlock)');

// --- Write protection -----------------------------------------------------------------------
def('ptep_set_wrprotect', ['ptep'], false, [{ op: 'rmw', tag: 'NORETURN', loc: p(0), alu: 'andnot', value: k(1 << PTE_WRITE_BIT), returns: 'none' }],
  `clear_bit(_PAGE_BIT_RW, ptep): clears the write bit (value ${1 << PTE_WRITE_BIT}) of the entry with a void atomic RMW, unordered`,
  'arch/x86/include/asm/pgtable.h (ptep_set_wrprotect); include/linux/pgtable.h has a non-atomic generic version');

// --- mmu notifiers -----------------------------------------------------------------------
const inc: Step = { op: 'rmw', tag: 'ONCE', loc: p(0), alu: 'add', value: k(1), returns: 'none' };
def('mmu_notifier_invalidate_range_start', ['seq'], false, [inc, { op: 'fence', tag: 'wmb' }],
  'the secondary MMU\'s invalidation sequence becomes odd, then smp_wmb(): a seqcount write begin on seq (as mmu_interval_notifier\'s invalidate_seq or KVM\'s mmu_invalidate_in_progress); the subscriber\'s own lock and zap are written in the test',
  'include/linux/mmu_notifier.h, mm/mmu_notifier.c (mn_itree_inv_start_range, mmu_interval_read_begin/retry)');
def('mmu_notifier_invalidate_range_end', ['seq'], false, [{ op: 'fence', tag: 'wmb' }, inc],
  'smp_wmb(), then the invalidation sequence becomes even again: a seqcount write end on seq',
  'include/linux/mmu_notifier.h, mm/mmu_notifier.c (mn_itree_inv_end)');

export const mmGupPrimitives: readonly PrimitiveDef[] = defs;

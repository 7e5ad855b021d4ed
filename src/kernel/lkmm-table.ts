// The primitives the Linux-kernel memory model defines (the meanings of the
// kernel's tools/memory-model/linux-kernel.def, "lkmmv2" variant), as data.
import type { AccessTag, AluOp, FenceTag, LocArg, PrimitiveDef, ResultTest, ValArg } from './primitive-def.js';

const lv = (arg: number): LocArg => ({ arg, deref: false });
const ptr = (arg: number): LocArg => ({ arg, deref: true });
const a = (arg: number): ValArg => ({ arg });
const k = (c: number): ValArg => ({ const: c });

const defs: PrimitiveDef[] = [];
function def(d: PrimitiveDef): void {
  defs.push(d);
}

// ONCE and acquire/release -------------------------------------------------
def({ name: 'READ_ONCE', params: ['X'], returns: true, group: 'once', steps: [{ op: 'load', tag: 'ONCE', loc: lv(0) }], doc: 'marked load of X' });
def({ name: 'WRITE_ONCE', params: ['X', 'V'], returns: false, group: 'once', steps: [{ op: 'store', tag: 'ONCE', loc: lv(0), value: a(1) }], doc: 'marked store of V to X' });
def({ name: 'smp_load_acquire', params: ['p'], returns: true, group: 'acquire-release', steps: [{ op: 'load', tag: 'ACQUIRE', loc: ptr(0) }], doc: 'acquire load: orders it before everything po-after' });
def({ name: 'smp_store_release', params: ['p', 'V'], returns: false, group: 'acquire-release', steps: [{ op: 'store', tag: 'RELEASE', loc: ptr(0), value: a(1) }], doc: 'release store: orders everything po-before it, cumulatively' });
def({ name: 'rcu_assign_pointer', params: ['X', 'V'], returns: false, group: 'rcu', steps: [{ op: 'store', tag: 'RELEASE', loc: lv(0), value: a(1) }], doc: 'a release store' });
def({ name: 'rcu_dereference', params: ['X'], returns: true, group: 'rcu', steps: [{ op: 'load', tag: 'ONCE', loc: lv(0) }], doc: 'a ONCE load; address dependencies from it are preserved' });
def({ name: 'smp_store_mb', params: ['X', 'V'], returns: false, group: 'fence', steps: [{ op: 'store', tag: 'ONCE', loc: lv(0), value: a(1) }, { op: 'fence', tag: 'mb' }], doc: 'WRITE_ONCE followed by smp_mb()' });
def({ name: 'atomic_read', params: ['v'], returns: true, group: 'atomic', steps: [{ op: 'load', tag: 'ONCE', loc: ptr(0) }], doc: 'READ_ONCE of the counter' });
def({ name: 'atomic_set', params: ['v', 'i'], returns: false, group: 'atomic', steps: [{ op: 'store', tag: 'ONCE', loc: ptr(0), value: a(1) }], doc: 'WRITE_ONCE of the counter' });
def({ name: 'atomic_read_acquire', params: ['v'], returns: true, group: 'atomic', steps: [{ op: 'load', tag: 'ACQUIRE', loc: ptr(0) }], doc: 'smp_load_acquire of the counter' });
def({ name: 'atomic_set_release', params: ['v', 'i'], returns: false, group: 'atomic', steps: [{ op: 'store', tag: 'RELEASE', loc: ptr(0), value: a(1) }], doc: 'smp_store_release of the counter' });

// Fences ---------------------------------------------------------------------
const fences: Array<[string, FenceTag, string]> = [
  ['smp_mb', 'mb', 'full barrier: orders all accesses before it against all after it, and is strong (A- and B-cumulative)'],
  ['smp_rmb', 'rmb', 'orders marked loads before it against marked loads after it'],
  ['smp_wmb', 'wmb', 'orders stores before it against stores after it'],
  ['smp_mb__before_atomic', 'before-atomic', 'full barrier between earlier accesses and the following RMW'],
  ['smp_mb__after_atomic', 'after-atomic', 'full barrier between the preceding RMW and later accesses'],
  ['smp_mb__after_spinlock', 'after-spinlock', 'full barrier between the preceding spin_lock() and later accesses'],
  ['smp_mb__after_unlock_lock', 'after-unlock-lock', 'makes an unlock+lock pair a full barrier'],
  ['smp_mb__after_srcu_read_unlock', 'after-srcu-read-unlock', 'full barrier after srcu_read_unlock()'],
  ['barrier', 'barrier', 'compiler barrier: no inter-CPU ordering'],
  ['rcu_read_lock', 'rcu-lock', 'start of an RCU read-side critical section'],
  ['rcu_read_unlock', 'rcu-unlock', 'end of an RCU read-side critical section'],
  ['synchronize_rcu', 'sync-rcu', 'RCU grace period: waits for all pre-existing read-side critical sections'],
  ['synchronize_rcu_expedited', 'sync-rcu', 'RCU grace period (expedited): same ordering as synchronize_rcu()'],
];
for (const [name, tag, doc] of fences) {
  def({ name, params: [], returns: false, group: tag.startsWith('rcu') || tag === 'sync-rcu' ? 'rcu' : 'fence', steps: [{ op: 'fence', tag }], doc });
}

// Exchange ---------------------------------------------------------------------
const orderings: Array<[string, AccessTag, string]> = [
  ['', 'MB', 'fully ordered'],
  ['_relaxed', 'ONCE', 'unordered'],
  ['_acquire', 'ACQUIRE', 'acquire ordering on its load'],
  ['_release', 'RELEASE', 'release ordering on its store'],
];
for (const prefix of ['', 'atomic_']) {
  for (const [suffix, tag, words] of orderings) {
    def({ name: `${prefix}xchg${suffix}`, params: ['p', 'V'], returns: true, group: 'xchg', steps: [{ op: 'rmw', tag, loc: ptr(0), alu: 'xchg', value: a(1), returns: 'old' }], doc: `exchange, returns the old value; ${words}` });
    def({ name: `${prefix}cmpxchg${suffix}`, params: ['p', 'old', 'new'], returns: true, group: 'xchg', steps: [{ op: 'cmpxchg', tag, loc: ptr(0), expect: a(1), value: a(2) }], doc: `compare-and-exchange, returns the old value; ${words} on success, a plain unordered read on failure` });
  }
}

// Spinlocks ------------------------------------------------------------------------
def({ name: 'spin_lock', params: ['lock'], returns: false, group: 'lock', steps: [{ op: 'lock', loc: ptr(0) }], doc: 'lock acquire (LKR+LKW): acquire ordering' });
def({ name: 'spin_unlock', params: ['lock'], returns: false, group: 'lock', steps: [{ op: 'unlock', loc: ptr(0) }], doc: 'lock release (UL): release ordering' });
def({ name: 'spin_trylock', params: ['lock'], returns: true, group: 'lock', steps: [{ op: 'trylock', loc: ptr(0) }], doc: 'returns 1 and acquires like spin_lock(), or returns 0 having seen the lock held (LF)' });
def({ name: 'spin_is_locked', params: ['lock'], returns: true, group: 'lock', steps: [{ op: 'islocked', loc: ptr(0) }], doc: 'returns whether the lock is held (RL/RU), unordered' });

// SRCU ------------------------------------------------------------------------------
for (const name of ['srcu_read_lock', 'srcu_down_read']) {
  def({ name, params: ['ssp'], returns: true, group: 'srcu', steps: [{ op: 'srcu-lock', loc: ptr(0) }], doc: 'start of an SRCU read-side critical section on ssp; returns the cookie' });
}
for (const name of ['srcu_read_unlock', 'srcu_up_read']) {
  def({ name, params: ['ssp', 'idx'], returns: false, group: 'srcu', steps: [{ op: 'srcu-unlock', loc: ptr(0), value: a(1) }], doc: 'end of the SRCU read-side critical section whose cookie is idx' });
}
for (const name of ['synchronize_srcu', 'synchronize_srcu_expedited']) {
  def({ name, params: ['ssp'], returns: false, group: 'srcu', steps: [{ op: 'srcu-sync', loc: ptr(0) }], doc: 'SRCU grace period on ssp: waits for read-side critical sections on the same ssp' });
}

// Atomics ---------------------------------------------------------------------------
const voidOps: Array<[string, AluOp, ValArg | null]> = [
  ['add', 'add', null], ['sub', 'sub', null], ['and', 'and', null], ['or', 'or', null],
  ['xor', 'xor', null], ['andnot', 'andnot', null], ['inc', 'add', k(1)], ['dec', 'sub', k(1)],
];
for (const [word, alu, constant] of voidOps) {
  const params = constant ? ['v'] : ['i', 'v'];
  const locIdx = constant ? 0 : 1;
  const value = constant ?? a(0);
  def({ name: `atomic_${word}`, params, returns: false, group: 'atomic', steps: [{ op: 'rmw', tag: 'NORETURN', loc: ptr(locIdx), alu, value, returns: 'none' }], doc: 'void atomic RMW: no ordering at all (smp_mb__before/after_atomic() upgrade it)' });
}

function valued(name: string, alu: AluOp, constant: ValArg | null, returns: 'old' | 'new', test?: ResultTest, onlyFull = false): void {
  const params = constant ? ['v'] : ['i', 'v'];
  const locIdx = constant ? 0 : 1;
  const value = constant ?? a(0);
  for (const [suffix, tag, words] of orderings) {
    if (onlyFull && suffix !== '') continue;
    def({
      name: `${name}${suffix}`, params, returns: true, group: 'atomic',
      steps: [{ op: 'rmw', tag, loc: ptr(locIdx), alu, value, returns }],
      ...(test ? { test } : {}),
      doc: `value-returning atomic RMW (${returns === 'old' ? 'returns the old value' : 'returns the new value'}${test ? (test === 'eq0' ? ', tested == 0' : ', tested < 0') : ''}): ${words}`,
    });
  }
}
valued('atomic_add_return', 'add', null, 'new');
valued('atomic_sub_return', 'sub', null, 'new');
valued('atomic_inc_return', 'add', k(1), 'new');
valued('atomic_dec_return', 'sub', k(1), 'new');
for (const [word, alu] of [['add', 'add'], ['sub', 'sub'], ['and', 'and'], ['or', 'or'], ['xor', 'xor'], ['andnot', 'andnot']] as Array<[string, AluOp]>) {
  valued(`atomic_fetch_${word}`, alu, null, 'old');
}
valued('atomic_fetch_inc', 'add', k(1), 'old');
valued('atomic_fetch_dec', 'sub', k(1), 'old');
valued('atomic_sub_and_test', 'sub', null, 'new', 'eq0', true);
valued('atomic_dec_and_test', 'sub', k(1), 'new', 'eq0', true);
valued('atomic_inc_and_test', 'add', k(1), 'new', 'eq0', true);
valued('atomic_add_negative', 'add', null, 'new', 'lt0');

def({
  name: 'atomic_add_unless', params: ['v', 'a', 'u'], returns: true, group: 'atomic',
  steps: [{ op: 'add-unless', tag: 'MB', loc: ptr(0), value: a(1), unless: a(2) }],
  doc: 'adds a unless the counter is u; returns 1 if it added. Fully ordered on success, an unordered read on failure',
});

export const lkmmPrimitives: readonly PrimitiveDef[] = defs;

// Semantic unit tests for the explorer (issue #3), continued: read-modify-write
// atomics and spinlocks. Each test is a small litmus test written for this
// project; the assertions are herd7's observation (verdict, positive and
// negative execution counts) and the exact flags. D = the kernel's
// Documentation/litmus-tests/, K = tools/memory-model/litmus-tests/.
import { describe, expect, it } from 'vitest';
import { expectObservation, stateTable } from './helpers.js';
import { stateEntries } from '../../src/explore/result.js';

/** SB on a and b whose threads run op0 / op1 before reading the other thread's variable (c, d: atomic counters). */
function sbWith(name: string, op0: string, op1: string): string {
  return `C ${name}
{}
P0(int *a, int *b, atomic_t *c, atomic_t *d) { ${op0} int r0 = READ_ONCE(*b); }
P1(int *a, int *b, atomic_t *c, atomic_t *d) { ${op1} int r0 = READ_ONCE(*a); }
exists (0:r0=0 /\\ 1:r0=0)`;
}

describe('value-returning RMWs are fully ordered', () => {
  it('xchg() as the SB store (Never 0 3)', () => {
    expectObservation(sbWith('sb-xchg', 'int r1 = xchg(a, 1);', 'int r1 = xchg(b, 1);'), 'Never 0 3');
  });

  it('atomic_inc_return() between the SB store and load (Never 0 3)', () => {
    expectObservation(sbWith('sb-inc-return', 'WRITE_ONCE(*a, 1); int r1 = atomic_inc_return(c);',
      'WRITE_ONCE(*b, 1); int r1 = atomic_inc_return(d);'), 'Never 0 3');
  });

  it('a successful cmpxchg() as the SB store (Never 0 3)', () => {
    expectObservation(sbWith('sb-cmpxchg', 'int r1 = cmpxchg(a, 0, 1);', 'int r1 = cmpxchg(b, 0, 1);'), 'Never 0 3');
  });

  it('atomic_dec_and_test() is fully ordered (Never 0 3)', () => {
    expectObservation(sbWith('sb-dec-and-test', 'WRITE_ONCE(*a, 1); int r1 = atomic_dec_and_test(c);',
      'WRITE_ONCE(*b, 1); int r1 = atomic_dec_and_test(d);'), 'Never 0 3');
  });

  it('xchg_relaxed() gives no ordering (Sometimes 1 3)', () => {
    expectObservation(sbWith('sb-xchg-relaxed', 'int r1 = xchg_relaxed(a, 1);', 'int r1 = xchg_relaxed(b, 1);'), 'Sometimes 1 3');
  });

  it('atomic_inc_return_relaxed() gives no ordering (Sometimes 1 3)', () => {
    expectObservation(sbWith('sb-inc-return-relaxed', 'WRITE_ONCE(*a, 1); int r1 = atomic_inc_return_relaxed(c);',
      'WRITE_ONCE(*b, 1); int r1 = atomic_inc_return_relaxed(d);'), 'Sometimes 1 3');
  });
});

describe('void RMWs and the atomic fences', () => {
  it('atomic_inc() is unordered (Sometimes 1 3)', () => {
    expectObservation(sbWith('sb-inc', 'WRITE_ONCE(*a, 1); atomic_inc(c);', 'WRITE_ONCE(*b, 1); atomic_inc(d);'), 'Sometimes 1 3');
  });

  it('atomic_inc() as the SB store is unordered (Sometimes 1 3)', () => {
    expectObservation(`C sb-inc-store
{}
P0(atomic_t *a, atomic_t *b) { atomic_inc(a); int r0 = atomic_read(b); }
P1(atomic_t *a, atomic_t *b) { atomic_inc(b); int r0 = atomic_read(a); }
exists (0:r0=0 /\\ 1:r0=0)`, 'Sometimes 1 3');
  });

  it('smp_mb__after_atomic() after atomic_inc() orders it with later accesses (Never 0 3)', () => {
    expectObservation(`C sb-inc-after-atomic
{}
P0(atomic_t *a, atomic_t *b) { atomic_inc(a); smp_mb__after_atomic(); int r0 = atomic_read(b); }
P1(atomic_t *a, atomic_t *b) { atomic_inc(b); smp_mb__after_atomic(); int r0 = atomic_read(a); }
exists (0:r0=0 /\\ 1:r0=0)`, 'Never 0 3');
  });

  it('smp_mb__after_atomic() also orders accesses before the RMW (Never 0 3)', () => {
    expectObservation(sbWith('sb-after-atomic', 'WRITE_ONCE(*a, 1); atomic_inc(c); smp_mb__after_atomic();',
      'WRITE_ONCE(*b, 1); atomic_inc(d); smp_mb__after_atomic();'), 'Never 0 3');
  });

  it('smp_mb__after_atomic() after a failed cmpxchg() still orders (D cmpxchg-fail-ordered-1 shape: Never 0 3)', () => {
    expectObservation(`C sb-cmpxchg-fail-after-atomic
{}
P0(int *a, int *b, int *c) { WRITE_ONCE(*a, 1); int r1 = cmpxchg_relaxed(c, 5, 6); smp_mb__after_atomic(); int r0 = READ_ONCE(*b); }
P1(int *a, int *b) { WRITE_ONCE(*b, 1); smp_mb(); int r0 = READ_ONCE(*a); }
exists (0:r0=0 /\\ 1:r0=0)`, 'Never 0 3');
  });

  it('smp_mb__before_atomic() orders earlier accesses with the RMW and what follows it (Never 0 3)', () => {
    expectObservation(sbWith('sb-before-atomic', 'WRITE_ONCE(*a, 1); smp_mb__before_atomic(); atomic_inc(c);',
      'WRITE_ONCE(*b, 1); smp_mb__before_atomic(); atomic_inc(d);'), 'Never 0 3');
  });

  it('smp_mb__before_atomic() not followed by an RMW orders nothing (Sometimes 1 3)', () => {
    expectObservation(sbWith('sb-before-atomic-noop', 'WRITE_ONCE(*a, 1); smp_mb__before_atomic();',
      'WRITE_ONCE(*b, 1); smp_mb__before_atomic();'), 'Sometimes 1 3');
  });
});

describe('acquire and release RMWs', () => {
  const mpReader = (name: string, rmw: string): string => `C ${name}
{}
P0(int *x, int *y) { WRITE_ONCE(*x, 1); smp_wmb(); WRITE_ONCE(*y, 1); }
P1(int *x, int *y) { int r0 = ${rmw}(y, 2); int r1 = READ_ONCE(*x); }
exists (1:r0=1 /\\ 1:r1=0)`;
  const mpWriter = (name: string, rmw: string): string => `C ${name}
{}
P0(int *x, int *y) { WRITE_ONCE(*x, 1); int r2 = ${rmw}(y, 1); }
P1(int *x, int *y) { int r0 = smp_load_acquire(y); int r1 = READ_ONCE(*x); }
exists (1:r0=1 /\\ 1:r1=0)`;

  it('xchg_acquire() orders the MP reader (Never 0 3)', () => {
    expectObservation(mpReader('mp-xchg-acquire', 'xchg_acquire'), 'Never 0 3');
  });

  it('xchg_relaxed() in the MP reader does not (Sometimes 1 3)', () => {
    expectObservation(mpReader('mp-xchg-relaxed-reader', 'xchg_relaxed'), 'Sometimes 1 3');
  });

  it('xchg_release() orders the MP writer (Never 0 3)', () => {
    expectObservation(mpWriter('mp-xchg-release', 'xchg_release'), 'Never 0 3');
  });

  it('xchg_relaxed() in the MP writer does not (Sometimes 1 3)', () => {
    expectObservation(mpWriter('mp-xchg-relaxed-writer', 'xchg_relaxed'), 'Sometimes 1 3');
  });

  it('xchg_acquire() does not order the MP writer (Sometimes 1 3)', () => {
    expectObservation(mpWriter('mp-xchg-acquire-writer', 'xchg_acquire'), 'Sometimes 1 3');
  });

  it('atomic_fetch_add_release() orders the MP writer (Never 0 3)', () => {
    expectObservation(`C mp-fetch-add-release
{}
P0(int *x, atomic_t *y) { WRITE_ONCE(*x, 1); int r2 = atomic_fetch_add_release(1, y); }
P1(int *x, atomic_t *y) { int r0 = atomic_read_acquire(y); int r1 = READ_ONCE(*x); }
exists (1:r0=1 /\\ 1:r1=0)`, 'Never 0 3');
  });

  it('atomic_inc_return_acquire() orders the MP reader (Never 0 3)', () => {
    expectObservation(`C mp-inc-return-acquire
{}
P0(int *x, atomic_t *y) { WRITE_ONCE(*x, 1); smp_wmb(); atomic_set(y, 1); }
P1(int *x, atomic_t *y) { int r0 = atomic_inc_return_acquire(y); int r1 = READ_ONCE(*x); }
exists (1:r0=2 /\\ 1:r1=0)`, 'Never 0 3');
  });

  it('a release is seen through a relaxed RMW that read from it (rmw-sequence: Never 0 9)', () => {
    expectObservation(`C rel-rmw-acq
{}
P0(int *x, int *y) { WRITE_ONCE(*x, 1); smp_store_release(y, 1); }
P1(int *y) { int r0 = xchg_relaxed(y, 2); }
P2(int *x, int *y) { int r0 = smp_load_acquire(y); int r1 = READ_ONCE(*x); }
exists (1:r0=1 /\\ 2:r0=2 /\\ 2:r1=0)`, 'Never 0 9');
  });

  it('but not through a plain read and write (Sometimes 1 14)', () => {
    expectObservation(`C rel-rw-acq
{}
P0(int *x, int *y) { WRITE_ONCE(*x, 1); smp_store_release(y, 1); }
P1(int *y) { int r0 = READ_ONCE(*y); WRITE_ONCE(*y, 2); }
P2(int *x, int *y) { int r0 = smp_load_acquire(y); int r1 = READ_ONCE(*x); }
exists (1:r0=1 /\\ 2:r0=2 /\\ 2:r1=0)`, 'Sometimes 1 14');
  });
});

describe('conditional RMWs', () => {
  // P1's cmpxchg_acquire(y, old, 2) succeeds when it reads `old`.
  const mpReaderCas = (name: string, old: number): string => `C ${name}
{}
P0(int *x, int *y) { WRITE_ONCE(*x, 1); smp_wmb(); WRITE_ONCE(*y, 1); }
P1(int *x, int *y) { int r0 = cmpxchg_acquire(y, ${old}, 2); int r1 = READ_ONCE(*x); }
exists (1:r0=1 /\\ 1:r1=0)`;

  it('a successful cmpxchg_acquire() orders the MP reader (Never 0 3)', () => {
    expectObservation(mpReaderCas('mp-cmpxchg-acquire-ok', 1), 'Never 0 3');
  });

  it('a failed cmpxchg_acquire() does not (Sometimes 1 3)', () => {
    expectObservation(mpReaderCas('mp-cmpxchg-acquire-fail', 0), 'Sometimes 1 3');
  });

  it('a failed cmpxchg() is unordered (D cmpxchg-fail-unordered-*: Sometimes 1 3)', () => {
    expectObservation(sbWith('sb-cmpxchg-fail', 'WRITE_ONCE(*a, 1); int r1 = cmpxchg(c, 5, 6);',
      'WRITE_ONCE(*b, 1); int r1 = cmpxchg(d, 5, 6);'), 'Sometimes 1 3');
  });

  it('the same cmpxchg() succeeding is fully ordered (Never 0 3)', () => {
    expectObservation(sbWith('sb-cmpxchg-ok', 'WRITE_ONCE(*a, 1); int r1 = cmpxchg(c, 0, 6);',
      'WRITE_ONCE(*b, 1); int r1 = cmpxchg(d, 0, 6);'), 'Never 0 3');
  });

  it('atomic_add_unless() that does not add is unordered (Sometimes 1 3)', () => {
    const r = expectObservation(`C sb-add-unless-fail
{}
P0(int *a, int *b, atomic_t *c) { WRITE_ONCE(*a, 1); int r1 = atomic_add_unless(c, 1, 0); int r0 = READ_ONCE(*b); }
P1(int *a, int *b, atomic_t *d) { WRITE_ONCE(*b, 1); int r1 = atomic_add_unless(d, 1, 0); int r0 = READ_ONCE(*a); }
locations [0:r1; 1:r1; c; d]
exists (0:r0=0 /\\ 1:r0=0)`, 'Sometimes 1 3');
    for (const s of r.states) {
      expect(stateEntries(r, s).filter((e) => ['0:r1', '1:r1', 'c', 'd'].includes(e.loc)).map((e) => e.value)).toEqual(['0', '0', '0', '0']);
    }
  });

  it('atomic_add_unless() that adds is fully ordered (Never 0 3)', () => {
    const r = expectObservation(`C sb-add-unless-ok
{}
P0(int *a, int *b, atomic_t *c) { WRITE_ONCE(*a, 1); int r1 = atomic_add_unless(c, 1, 9); int r0 = READ_ONCE(*b); }
P1(int *a, int *b, atomic_t *d) { WRITE_ONCE(*b, 1); int r1 = atomic_add_unless(d, 1, 9); int r0 = READ_ONCE(*a); }
locations [0:r1; 1:r1; c; d]
exists (0:r0=0 /\\ 1:r0=0)`, 'Never 0 3');
    for (const s of r.states) {
      expect(stateEntries(r, s).filter((e) => ['0:r1', '1:r1', 'c', 'd'].includes(e.loc)).map((e) => e.value)).toEqual(['1', '1', '1', '1']);
    }
  });
});

describe('atomicity', () => {
  it('two atomic_inc() of one counter always end at 2 (Always 2 0)', () => {
    const r = expectObservation(`C inc-inc
{}
P0(atomic_t *c) { atomic_inc(c); }
P1(atomic_t *c) { atomic_inc(c); }
forall (c=2)`, 'Always 2 0');
    expect(r.ok).toBe(true);
    expect(stateTable(r)).toEqual(['c=2 (2)']);
  });

  it('two READ_ONCE/WRITE_ONCE increments can lose one (Sometimes 2 2)', () => {
    const r = expectObservation(`C racy-inc
{}
P0(int *c) { int r0 = READ_ONCE(*c); WRITE_ONCE(*c, r0 + 1); }
P1(int *c) { int r0 = READ_ONCE(*c); WRITE_ONCE(*c, r0 + 1); }
exists (c=1)`, 'Sometimes 2 2');
    expect(stateTable(r)).toEqual(['c=1 (2)', 'c=2 (2)']);
  });

  it('atomic_fetch_add() returns distinct old values (Never 0 2)', () => {
    const r = expectObservation(`C fetch-add
{}
P0(atomic_t *c) { int r0 = atomic_fetch_add(3, c); }
P1(atomic_t *c) { int r0 = atomic_fetch_add(3, c); }
exists (0:r0=1:r0)`, 'Never 0 2');
    expect(stateTable(r)).toEqual(['0:r0=0; 1:r0=3 (1)', '0:r0=3; 1:r0=0 (1)']);
  });
});

describe('spinlocks', () => {
  it('MP inside critical sections of one lock is forbidden (Never 0 2)', () => {
    expectObservation(`C mp-locked
{}
P0(int *x, int *y, spinlock_t *s) { spin_lock(s); WRITE_ONCE(*x, 1); WRITE_ONCE(*y, 1); spin_unlock(s); }
P1(int *x, int *y, spinlock_t *s) { spin_lock(s); int r0 = READ_ONCE(*y); int r1 = READ_ONCE(*x); spin_unlock(s); }
exists (1:r0=1 /\\ 1:r1=0)`, 'Never 0 2');
  });

  it('a lock orders accesses before an earlier holder\'s unlock (herdtools MP+polocks shape: Never 0 3)', () => {
    expectObservation(`C mp-unlock-lock
{}
P0(int *x, int *y, spinlock_t *s) { WRITE_ONCE(*x, 1); spin_lock(s); WRITE_ONCE(*y, 1); spin_unlock(s); }
P1(int *x, int *y, spinlock_t *s) { spin_lock(s); int r0 = READ_ONCE(*y); spin_unlock(s); int r1 = READ_ONCE(*x); }
exists (1:r0=1 /\\ 1:r1=0)`, 'Never 0 3');
  });

  it('different locks do not order MP (Sometimes 1 3)', () => {
    expectObservation(`C mp-two-locks
{}
P0(int *x, int *y, spinlock_t *s) { spin_lock(s); WRITE_ONCE(*x, 1); WRITE_ONCE(*y, 1); spin_unlock(s); }
P1(int *x, int *y, spinlock_t *t) { spin_lock(t); int r0 = READ_ONCE(*y); int r1 = READ_ONCE(*x); spin_unlock(t); }
exists (1:r0=1 /\\ 1:r1=0)`, 'Sometimes 1 3');
  });

  it('spin_trylock() succeeds unless the lock is held (Sometimes 1 2)', () => {
    const r = expectObservation(`C trylock
{}
P0(int *x, spinlock_t *s) { int r0 = spin_trylock(s); if (r0) { WRITE_ONCE(*x, 1); spin_unlock(s); } }
P1(int *x, spinlock_t *s) { spin_lock(s); int r1 = READ_ONCE(*x); spin_unlock(s); }
exists (0:r0=1 /\\ 1:r1=0)`, 'Sometimes 1 2');
    expect(stateTable(r)).toEqual(['0:r0=0; 1:r1=0 (1)', '0:r0=1; 1:r1=0 (1)', '0:r0=1; 1:r1=1 (1)']);
  });

  it('two spin_trylock() cannot both fail (Never 0 4)', () => {
    const r = expectObservation(`C trylock-both
{}
P0(spinlock_t *s) { int r0 = spin_trylock(s); if (r0) spin_unlock(s); }
P1(spinlock_t *s) { int r0 = spin_trylock(s); if (r0) spin_unlock(s); }
exists (0:r0=0 /\\ 1:r0=0)`, 'Never 0 4');
    expect(stateTable(r)).toEqual(['0:r0=0; 1:r0=1 (1)', '0:r0=1; 1:r0=0 (1)', '0:r0=1; 1:r0=1 (2)']);
  });

  it('spin_is_locked() sees the lock held only inside another thread\'s critical section (Sometimes 1 2)', () => {
    expectObservation(`C is-locked-other
{}
P0(spinlock_t *s) { spin_lock(s); spin_unlock(s); }
P1(spinlock_t *s) { int r0 = spin_is_locked(s); }
exists (1:r0=1)`, 'Sometimes 1 2');
  });

  it('spin_is_locked() in the own thread follows lock and unlock (Always 1 0)', () => {
    expectObservation(`C is-locked-self
{}
P0(spinlock_t *s) { int r0 = spin_is_locked(s); spin_lock(s); int r1 = spin_is_locked(s); spin_unlock(s); int r2 = spin_is_locked(s); }
exists (0:r0=0 /\\ 0:r1=1 /\\ 0:r2=0)`, 'Always 1 0');
  });

  const sbLocks = (name: string, fence: string): string => `C ${name}
{}
P0(int *a, int *b, spinlock_t *s) { WRITE_ONCE(*a, 1); spin_lock(s); ${fence} int r0 = READ_ONCE(*b); spin_unlock(s); }
P1(int *a, int *b, spinlock_t *t) { WRITE_ONCE(*b, 1); spin_lock(t); ${fence} int r0 = READ_ONCE(*a); spin_unlock(t); }
exists (0:r0=0 /\\ 1:r0=0)`;

  it('spin_lock() alone does not order an earlier write with a later read (Sometimes 1 3)', () => {
    expectObservation(sbLocks('sb-locks', ''), 'Sometimes 1 3');
  });

  it('smp_mb__after_spinlock() makes the lock a full barrier (Never 0 3)', () => {
    expectObservation(sbLocks('sb-after-spinlock', 'smp_mb__after_spinlock();'), 'Never 0 3');
  });

  const sbUnlockLock = (name: string, fence: string): string => `C ${name}
{}
P0(int *a, int *b, spinlock_t *s) { spin_lock(s); WRITE_ONCE(*a, 1); spin_unlock(s); spin_lock(s); ${fence} int r0 = READ_ONCE(*b); spin_unlock(s); }
P1(int *a, int *b) { WRITE_ONCE(*b, 1); smp_mb(); int r0 = READ_ONCE(*a); }
exists (0:r0=0 /\\ 1:r0=0)`;

  it('unlock followed by lock is not a full barrier (Sometimes 1 3)', () => {
    expectObservation(sbUnlockLock('sb-unlock-lock', ''), 'Sometimes 1 3');
  });

  it('smp_mb__after_unlock_lock() makes unlock+lock a full barrier (Never 0 3)', () => {
    expectObservation(sbUnlockLock('sb-after-unlock-lock', 'smp_mb__after_unlock_lock();'), 'Never 0 3');
  });

  it('unlock+lock on one CPU orders reads with writes (K LB+unlocklockonceonce+poacquireonce shape: Never 0 3)', () => {
    expectObservation(`C lb-unlock-lock
{}
P0(int *u, int *v, spinlock_t *s) { spin_lock(s); int r0 = READ_ONCE(*u); spin_unlock(s); spin_lock(s); WRITE_ONCE(*v, 1); spin_unlock(s); }
P1(int *u, int *v) { int r0 = smp_load_acquire(v); WRITE_ONCE(*u, 1); }
exists (0:r0=1 /\\ 1:r0=1)`, 'Never 0 3');
  });
});

// Semantic unit tests for the explorer (issue #3), continued: RCU, SRCU and
// plain accesses (data races). Each test is a small litmus test written for
// this project; the assertions are herd7's observation (verdict, positive and
// negative execution counts) and the exact flags. D = the kernel's
// Documentation/litmus-tests/.
import { describe, expect, it } from 'vitest';
import { expectObservation } from './helpers.js';

describe('RCU', () => {
  const gp = (name: string, sync: string, lock = 'rcu_read_lock();', unlock = 'rcu_read_unlock();'): string => `C ${name}
{}
P0(int *x, int *y) { ${lock} int r0 = READ_ONCE(*x); int r1 = READ_ONCE(*y); ${unlock} }
P1(int *x, int *y) { WRITE_ONCE(*y, 1); ${sync} WRITE_ONCE(*x, 1); }
exists (0:r0=1 /\\ 0:r1=0)`;

  it('a reader cannot straddle a grace period (D RCU+sync+read: Never 0 3)', () => {
    expectObservation(gp('rcu-gp', 'synchronize_rcu();'), 'Never 0 3');
  });

  it('without the grace period the reader may see the writes out of order (Sometimes 1 3)', () => {
    expectObservation(gp('rcu-no-gp', ''), 'Sometimes 1 3');
  });

  it('without the read-side critical section the grace period does not order the reads (Sometimes 1 3)', () => {
    expectObservation(gp('rcu-no-rscs', 'synchronize_rcu();', '', ''), 'Sometimes 1 3');
  });

  it('the grace period also keeps a critical section from seeing writes on both sides of it (MP reversed: Never 0 3)', () => {
    expectObservation(`C rcu-gp-write
{}
P0(int *x, int *y) { rcu_read_lock(); WRITE_ONCE(*x, 1); WRITE_ONCE(*y, 1); rcu_read_unlock(); }
P1(int *x, int *y) { int r0 = READ_ONCE(*y); synchronize_rcu(); int r1 = READ_ONCE(*x); }
exists (1:r0=1 /\\ 1:r1=0)`, 'Never 0 3');
  });

  it('nested critical sections: the outer one counts (Never 0 3)', () => {
    expectObservation(`C rcu-nested
{}
P0(int *x, int *y) { rcu_read_lock(); rcu_read_lock(); int r0 = READ_ONCE(*x); rcu_read_unlock(); int r1 = READ_ONCE(*y); rcu_read_unlock(); }
P1(int *x, int *y) { WRITE_ONCE(*y, 1); synchronize_rcu(); WRITE_ONCE(*x, 1); }
exists (0:r0=1 /\\ 0:r1=0)`, 'Never 0 3');
  });

  it('a later critical section of the same reader starts after the grace period began (Never 0 3)', () => {
    expectObservation(`C rcu-two-sections
{}
P0(int *x, int *y) { rcu_read_lock(); int r0 = READ_ONCE(*x); rcu_read_unlock(); rcu_read_lock(); int r1 = READ_ONCE(*y); rcu_read_unlock(); }
P1(int *x, int *y) { WRITE_ONCE(*y, 1); synchronize_rcu(); WRITE_ONCE(*x, 1); }
exists (0:r0=1 /\\ 0:r1=0)`, 'Never 0 3');
  });

  it('synchronize_rcu() is also a full barrier (SB: Never 0 3)', () => {
    expectObservation(`C sb-sync-rcu
{}
P0(int *a, int *b) { WRITE_ONCE(*a, 1); synchronize_rcu(); int r0 = READ_ONCE(*b); }
P1(int *a, int *b) { WRITE_ONCE(*b, 1); synchronize_rcu(); int r0 = READ_ONCE(*a); }
exists (0:r0=0 /\\ 1:r0=0)`, 'Never 0 3');
  });

  it('synchronize_rcu() inside a read-side critical section leaves no execution (Never 0 0)', () => {
    const r = expectObservation(`C rcu-sync-in-rscs
{}
P0(int *x, int *y) { rcu_read_lock(); WRITE_ONCE(*x, 1); synchronize_rcu(); int r0 = READ_ONCE(*y); rcu_read_unlock(); }
exists (0:r0=0)`, 'Never 0 0');
    expect(r.states).toEqual([]);
  });

  const ring = (name: string, kinds: string): string => {
    const n = kinds.length;
    const procs = [...kinds].map((k, i) => {
      const rd = `int r0 = READ_ONCE(*x${i});`, wr = `WRITE_ONCE(*x${(i + 1) % n}, 1);`;
      const body = k === 'G' ? `${rd} synchronize_rcu(); ${wr}` : `rcu_read_lock(); ${rd} ${wr} rcu_read_unlock();`;
      return `P${i}(int *x${i}, int *x${(i + 1) % n}) { ${body} }`;
    });
    return `C ${name}\n{}\n${procs.join('\n')}\nexists (${[...kinds].map((_, i) => `${i}:r0=1`).join(' /\\ ')})`;
  };

  it('an LB ring with two grace periods and one critical section is forbidden (Never 0 7)', () => {
    expectObservation(ring('rcu-ring-ggr', 'GGR'), 'Never 0 7');
  });

  it('an LB ring with one grace period and two critical sections is allowed (Sometimes 1 7)', () => {
    expectObservation(ring('rcu-ring-grr', 'GRR'), 'Sometimes 1 7');
  });
});

describe('SRCU', () => {
  const srcu = (name: string, readerStruct: string, writerStruct: string): string => `C ${name}
{}
P0(int *x, int *y, struct srcu_struct *${readerStruct}) { int i = srcu_read_lock(${readerStruct}); int r0 = READ_ONCE(*x); int r1 = READ_ONCE(*y); srcu_read_unlock(${readerStruct}, i); }
P1(int *x, int *y, struct srcu_struct *${writerStruct}) { WRITE_ONCE(*y, 1); synchronize_srcu(${writerStruct}); WRITE_ONCE(*x, 1); }
exists (0:r0=1 /\\ 0:r1=0)`;

  it('an SRCU reader cannot straddle a grace period of the same srcu_struct (Never 0 3)', () => {
    expectObservation(srcu('srcu-gp', 's', 's'), 'Never 0 3');
  });

  it('a grace period of another srcu_struct does not order the reader (Sometimes 1 3)', () => {
    expectObservation(srcu('srcu-other', 's', 't'), 'Sometimes 1 3');
  });

  it('srcu_read_unlock() by itself provides no ordering (Sometimes 1 3)', () => {
    expectObservation(`C srcu-unlock-no-order
{}
P0(int *a, int *b, struct srcu_struct *s) { int i = srcu_read_lock(s); WRITE_ONCE(*a, 1); srcu_read_unlock(s, i); int r0 = READ_ONCE(*b); }
P1(int *a, int *b) { WRITE_ONCE(*b, 1); smp_mb(); int r0 = READ_ONCE(*a); }
exists (0:r0=0 /\\ 1:r0=0)`, 'Sometimes 1 3');
  });

  it('an RCU reader is not protected by synchronize_srcu() (Sometimes 1 3)', () => {
    expectObservation(`C rcu-reader-srcu-gp
{}
P0(int *x, int *y) { rcu_read_lock(); int r0 = READ_ONCE(*x); int r1 = READ_ONCE(*y); rcu_read_unlock(); }
P1(int *x, int *y, struct srcu_struct *s) { WRITE_ONCE(*y, 1); synchronize_srcu(s); WRITE_ONCE(*x, 1); }
exists (0:r0=1 /\\ 0:r1=0)`, 'Sometimes 1 3');
  });
});

describe('plain accesses and data races', () => {
  it('MP through an unordered plain write and read races (Sometimes 1 3, data-race)', () => {
    expectObservation(`C mp-plain-race
{}
P0(int *buf, int *ready) { *buf = 1; WRITE_ONCE(*ready, 1); }
P1(int *buf, int *ready) { int r0 = READ_ONCE(*ready); int r1 = *buf; }
exists (1:r0=1 /\\ 1:r1=0)`, 'Sometimes 1 3', ['data-race']);
  });

  it('release/acquire with the plain read under the flag check does not race (Never 0 2)', () => {
    expectObservation(`C mp-plain-rel-acq
{}
P0(int *buf, int *ready) { *buf = 1; smp_store_release(ready, 1); }
P1(int *buf, int *ready) { int r1 = 0; int r0 = smp_load_acquire(ready); if (r0) r1 = *buf; }
exists (1:r0=1 /\\ 1:r1=0)`, 'Never 0 2');
  });

  it('an unconditional plain read after the acquire races when the flag is unset (Never 0 3, data-race)', () => {
    expectObservation(`C mp-plain-rel-acq-uncond
{}
P0(int *buf, int *ready) { *buf = 1; smp_store_release(ready, 1); }
P1(int *buf, int *ready) { int r0 = smp_load_acquire(ready); int r1 = *buf; }
exists (1:r0=1 /\\ 1:r1=0)`, 'Never 0 3', ['data-race']);
  });

  it('two unordered plain writes race (Sometimes 1 1, data-race)', () => {
    expectObservation(`C ww-plain-race
{}
P0(int *x) { *x = 1; }
P1(int *x) { *x = 2; }
exists (x=1)`, 'Sometimes 1 1', ['data-race']);
  });

  it('a plain write racing with a marked write still races (Sometimes 1 1, data-race)', () => {
    expectObservation(`C ww-plain-once-race
{}
P0(int *x) { *x = 1; }
P1(int *x) { WRITE_ONCE(*x, 2); }
exists (x=1)`, 'Sometimes 1 1', ['data-race']);
  });

  it('marked accesses never race (Sometimes 1 1)', () => {
    expectObservation(`C ww-once
{}
P0(int *x) { WRITE_ONCE(*x, 1); }
P1(int *x) { WRITE_ONCE(*x, 2); }
exists (x=1)`, 'Sometimes 1 1');
  });

  it('plain accesses inside critical sections of one lock do not race (Sometimes 1 1)', () => {
    expectObservation(`C plain-locked
{}
P0(int *x, spinlock_t *s) { spin_lock(s); *x = 1; spin_unlock(s); }
P1(int *x, spinlock_t *s) { spin_lock(s); int r0 = *x; spin_unlock(s); }
exists (1:r0=1)`, 'Sometimes 1 1');
  });

  it('plain accesses to a location used by one thread only do not race (Never 0 2)', () => {
    expectObservation(`C plain-local
{}
P0(int *x, int *y) { *x = 1; int r0 = *x; WRITE_ONCE(*y, r0); }
P1(int *y) { int r1 = READ_ONCE(*y); }
exists (0:r0=0)`, 'Never 0 2');
  });

  it('a grace period separates a reader\'s plain read from a later plain free-like write (D RCU+sync+free shape: Never 0 2)', () => {
    expectObservation(`C plain-rcu-free
{ int *p = a; int a = 1; int b = 2; }
P0(int **p) { rcu_read_lock(); int *r0 = rcu_dereference(*p); int r1 = *r0; rcu_read_unlock(); }
P1(int **p, int *a, int *b) { rcu_assign_pointer(*p, b); synchronize_rcu(); *a = 0; }
exists (0:r0=a /\\ 0:r1=0)`, 'Never 0 2');
  });

  it('without the grace period the same plain accesses race (Sometimes 1 2, data-race)', () => {
    expectObservation(`C plain-rcu-free-race
{ int *p = a; int a = 1; int b = 2; }
P0(int **p) { rcu_read_lock(); int *r0 = rcu_dereference(*p); int r1 = *r0; rcu_read_unlock(); }
P1(int **p, int *a, int *b) { rcu_assign_pointer(*p, b); *a = 0; }
exists (0:r0=a /\\ 0:r1=0)`, 'Sometimes 1 2', ['data-race']);
  });
});

// Semantic unit tests for the explorer (issue #3): one small litmus test per
// LKMM rule, written for this project, asserting herd7's observation (verdict,
// positive and negative execution counts) and the flags exactly.
//
// This file: ONCE accesses, coherence, fences, acquire/release and
// dependencies. Expected counts follow herd7 + LKMM; where a kernel corpus
// test has the same shape its oracle output is cited (K = the kernel's
// tools/memory-model/litmus-tests/). Counts are executions, not states.
import { describe, expect, it } from 'vitest';
import { expectObservation, stateTable } from './helpers.js';

describe('ONCE accesses without ordering', () => {
  it('SB: both reads may miss the other write (K SB+poonceonces: Sometimes 1 3)', () => {
    expectObservation(`C sb-once
{}
P0(int *a, int *b) { WRITE_ONCE(*a, 1); int r0 = READ_ONCE(*b); }
P1(int *a, int *b) { WRITE_ONCE(*b, 1); int r0 = READ_ONCE(*a); }
exists (0:r0=0 /\\ 1:r0=0)`, 'Sometimes 1 3');
  });

  it('MP: flag seen, data missed (K MP+poonceonces: Sometimes 1 3)', () => {
    expectObservation(`C mp-once
{}
P0(int *data, int *flag) { WRITE_ONCE(*data, 7); WRITE_ONCE(*flag, 1); }
P1(int *data, int *flag) { int r0 = READ_ONCE(*flag); int r1 = READ_ONCE(*data); }
exists (1:r0=1 /\\ 1:r1=0)`, 'Sometimes 1 3');
  });

  it('LB: both reads may see the later writes (K LB+poonceonces: Sometimes 1 3)', () => {
    expectObservation(`C lb-once
{}
P0(int *u, int *v) { int r0 = READ_ONCE(*u); WRITE_ONCE(*v, 1); }
P1(int *u, int *v) { int r0 = READ_ONCE(*v); WRITE_ONCE(*u, 1); }
exists (0:r0=1 /\\ 1:r0=1)`, 'Sometimes 1 3');
  });

  it('IRIW: readers may disagree on the order of independent writes (K IRIW+poonceonces: Sometimes 1 15)', () => {
    expectObservation(`C iriw-once
{}
P0(int *x) { WRITE_ONCE(*x, 1); }
P1(int *x, int *y) { int r0 = READ_ONCE(*x); int r1 = READ_ONCE(*y); }
P2(int *y) { WRITE_ONCE(*y, 1); }
P3(int *x, int *y) { int r0 = READ_ONCE(*y); int r1 = READ_ONCE(*x); }
exists (1:r0=1 /\\ 1:r1=0 /\\ 3:r0=1 /\\ 3:r1=0)`, 'Sometimes 1 15');
  });

  it('WRC: a write seen by P1 need not be seen by P2 (K WRC+poonceonces: Sometimes 1 7)', () => {
    expectObservation(`C wrc-once
{}
P0(int *x) { WRITE_ONCE(*x, 1); }
P1(int *x, int *y) { int r0 = READ_ONCE(*x); WRITE_ONCE(*y, 1); }
P2(int *x, int *y) { int r0 = READ_ONCE(*y); int r1 = READ_ONCE(*x); }
exists (1:r0=1 /\\ 2:r0=1 /\\ 2:r1=0)`, 'Sometimes 1 7');
  });

  it('2+2W: both first writes may end up last in coherence (Sometimes 1 3)', () => {
    const r = expectObservation(`C 2+2w-once
{}
P0(int *x, int *y) { WRITE_ONCE(*x, 1); WRITE_ONCE(*y, 2); }
P1(int *x, int *y) { WRITE_ONCE(*y, 1); WRITE_ONCE(*x, 2); }
exists (x=1 /\\ y=1)`, 'Sometimes 1 3');
    expect(stateTable(r)).toEqual(['x=1; y=1 (1)', 'x=1; y=2 (1)', 'x=2; y=1 (1)', 'x=2; y=2 (1)']);
  });

  it('R: a read may miss a write that lost the coherence race (K R+poonceonces: Sometimes 1 3)', () => {
    expectObservation(`C r-once
{}
P0(int *x, int *y) { WRITE_ONCE(*x, 1); WRITE_ONCE(*y, 1); }
P1(int *x, int *y) { WRITE_ONCE(*y, 2); int r0 = READ_ONCE(*x); }
exists (y=2 /\\ 1:r0=0)`, 'Sometimes 1 3');
  });

  it('S: a read-then-write may be overwritten by the earlier write (K S+poonceonces: Sometimes 1 3)', () => {
    expectObservation(`C s-once
{}
P0(int *x, int *y) { WRITE_ONCE(*x, 2); WRITE_ONCE(*y, 1); }
P1(int *x, int *y) { int r0 = READ_ONCE(*y); WRITE_ONCE(*x, 1); }
exists (x=2 /\\ 1:r0=1)`, 'Sometimes 1 3');
  });
});

describe('coherence of one location', () => {
  it('CoRR: two reads of x cannot go backwards (K CoRR+poonceonce+Once: Never 0 3)', () => {
    expectObservation(`C corr
{}
P0(int *x) { WRITE_ONCE(*x, 1); }
P1(int *x) { int r0 = READ_ONCE(*x); int r1 = READ_ONCE(*x); }
exists (1:r0=1 /\\ 1:r1=0)`, 'Never 0 3');
  });

  it('CoWR: a read after an own write cannot see an older write (K CoWR+poonceonce+Once: Never 0 3)', () => {
    expectObservation(`C cowr
{}
P0(int *x) { WRITE_ONCE(*x, 1); int r0 = READ_ONCE(*x); }
P1(int *x) { WRITE_ONCE(*x, 2); }
exists (0:r0=2 /\\ x=1)`, 'Never 0 3');
  });

  it('CoRW: a write after a read cannot precede the write read from (K CoRW+poonceonce+Once: Never 0 3)', () => {
    expectObservation(`C corw
{}
P0(int *x) { int r0 = READ_ONCE(*x); WRITE_ONCE(*x, 1); }
P1(int *x) { WRITE_ONCE(*x, 2); }
exists (0:r0=2 /\\ x=2)`, 'Never 0 3');
  });

  it('CoWW: two writes of one thread keep program order (K CoWW+poonceonce: Never 0 1)', () => {
    expectObservation(`C coww
{}
P0(int *x) { WRITE_ONCE(*x, 1); WRITE_ONCE(*x, 2); }
exists (x=1)`, 'Never 0 1');
  });

  it('a read never sees its own thread\'s later write (Never 0 2)', () => {
    expectObservation(`C cor-own-later
{}
P0(int *x) { int r0 = READ_ONCE(*x); WRITE_ONCE(*x, 1); }
P1(int *x) { int r0 = READ_ONCE(*x); }
exists (0:r0=1)`, 'Never 0 2');
  });
});

describe('fences', () => {
  it('smp_mb() on both sides forbids SB (K SB+fencembonceonces: Never 0 3)', () => {
    expectObservation(`C sb-mbs
{}
P0(int *a, int *b) { WRITE_ONCE(*a, 1); smp_mb(); int r0 = READ_ONCE(*b); }
P1(int *a, int *b) { WRITE_ONCE(*b, 1); smp_mb(); int r0 = READ_ONCE(*a); }
exists (0:r0=0 /\\ 1:r0=0)`, 'Never 0 3');
  });

  it('smp_mb() on one side only does not forbid SB (Sometimes 1 3)', () => {
    expectObservation(`C sb-mb-once
{}
P0(int *a, int *b) { WRITE_ONCE(*a, 1); smp_mb(); int r0 = READ_ONCE(*b); }
P1(int *a, int *b) { WRITE_ONCE(*b, 1); int r0 = READ_ONCE(*a); }
exists (0:r0=0 /\\ 1:r0=0)`, 'Sometimes 1 3');
  });

  it('smp_store_mb() is a store followed by a full barrier (Never 0 3)', () => {
    expectObservation(`C sb-store-mb
{}
P0(int *a, int *b) { smp_store_mb(*a, 1); int r0 = READ_ONCE(*b); }
P1(int *a, int *b) { smp_store_mb(*b, 1); int r0 = READ_ONCE(*a); }
exists (0:r0=0 /\\ 1:r0=0)`, 'Never 0 3');
  });

  it('smp_mb() on both sides forbids R (K R+fencembonceonces: Never 0 3)', () => {
    expectObservation(`C r-mbs
{}
P0(int *x, int *y) { WRITE_ONCE(*x, 1); smp_mb(); WRITE_ONCE(*y, 1); }
P1(int *x, int *y) { WRITE_ONCE(*y, 2); smp_mb(); int r0 = READ_ONCE(*x); }
exists (y=2 /\\ 1:r0=0)`, 'Never 0 3');
  });

  it('smp_mb() on every thread forbids IRIW (K IRIW+fencembonceonces: Never 0 15)', () => {
    expectObservation(`C iriw-mbs
{}
P0(int *x) { WRITE_ONCE(*x, 1); }
P1(int *x, int *y) { int r0 = READ_ONCE(*x); smp_mb(); int r1 = READ_ONCE(*y); }
P2(int *y) { WRITE_ONCE(*y, 1); }
P3(int *x, int *y) { int r0 = READ_ONCE(*y); smp_mb(); int r1 = READ_ONCE(*x); }
exists (1:r0=1 /\\ 1:r1=0 /\\ 3:r0=1 /\\ 3:r1=0)`, 'Never 0 15');
  });

  it('smp_wmb() + smp_rmb() forbid MP (K MP+fencewmbonceonce+fencermbonceonce: Never 0 3)', () => {
    expectObservation(`C mp-wmb-rmb
{}
P0(int *data, int *flag) { WRITE_ONCE(*data, 7); smp_wmb(); WRITE_ONCE(*flag, 1); }
P1(int *data, int *flag) { int r0 = READ_ONCE(*flag); smp_rmb(); int r1 = READ_ONCE(*data); }
exists (1:r0=1 /\\ 1:r1=0)`, 'Never 0 3');
  });

  it('smp_rmb() alone is insufficient for MP (Sometimes 1 3)', () => {
    expectObservation(`C mp-rmb-only
{}
P0(int *data, int *flag) { WRITE_ONCE(*data, 7); WRITE_ONCE(*flag, 1); }
P1(int *data, int *flag) { int r0 = READ_ONCE(*flag); smp_rmb(); int r1 = READ_ONCE(*data); }
exists (1:r0=1 /\\ 1:r1=0)`, 'Sometimes 1 3');
  });

  it('smp_wmb() alone is insufficient for MP (Sometimes 1 3)', () => {
    expectObservation(`C mp-wmb-only
{}
P0(int *data, int *flag) { WRITE_ONCE(*data, 7); smp_wmb(); WRITE_ONCE(*flag, 1); }
P1(int *data, int *flag) { int r0 = READ_ONCE(*flag); int r1 = READ_ONCE(*data); }
exists (1:r0=1 /\\ 1:r1=0)`, 'Sometimes 1 3');
  });

  it('smp_wmb() does not order a write before a read: SB stays allowed (Sometimes 1 3)', () => {
    expectObservation(`C sb-wmbs
{}
P0(int *a, int *b) { WRITE_ONCE(*a, 1); smp_wmb(); int r0 = READ_ONCE(*b); }
P1(int *a, int *b) { WRITE_ONCE(*b, 1); smp_wmb(); int r0 = READ_ONCE(*a); }
exists (0:r0=0 /\\ 1:r0=0)`, 'Sometimes 1 3');
  });

  it('smp_rmb() does not order reads before writes: LB stays allowed (Sometimes 1 3)', () => {
    expectObservation(`C lb-rmbs
{}
P0(int *u, int *v) { int r0 = READ_ONCE(*u); smp_rmb(); WRITE_ONCE(*v, 1); }
P1(int *u, int *v) { int r0 = READ_ONCE(*v); smp_rmb(); WRITE_ONCE(*u, 1); }
exists (0:r0=1 /\\ 1:r0=1)`, 'Sometimes 1 3');
  });

  it('smp_wmb() on both sides does not forbid 2+2W (herdtools C-2+2W+o-wmb-o+o-wmb-o: Sometimes 1 3)', () => {
    expectObservation(`C 2+2w-wmbs
{}
P0(int *x, int *y) { WRITE_ONCE(*x, 1); smp_wmb(); WRITE_ONCE(*y, 2); }
P1(int *x, int *y) { WRITE_ONCE(*y, 1); smp_wmb(); WRITE_ONCE(*x, 2); }
exists (x=1 /\\ y=1)`, 'Sometimes 1 3');
  });

  it('smp_mb() on both sides forbids 2+2W (Never 0 3)', () => {
    expectObservation(`C 2+2w-mbs
{}
P0(int *x, int *y) { WRITE_ONCE(*x, 1); smp_mb(); WRITE_ONCE(*y, 2); }
P1(int *x, int *y) { WRITE_ONCE(*y, 1); smp_mb(); WRITE_ONCE(*x, 2); }
exists (x=1 /\\ y=1)`, 'Never 0 3');
  });
});

describe('acquire and release', () => {
  it('MP with smp_store_release / smp_load_acquire is forbidden (K MP+pooncerelease+poacquireonce: Never 0 3)', () => {
    expectObservation(`C mp-rel-acq
{}
P0(int *data, int *flag) { WRITE_ONCE(*data, 7); smp_store_release(flag, 1); }
P1(int *data, int *flag) { int r0 = smp_load_acquire(flag); int r1 = READ_ONCE(*data); }
exists (1:r0=1 /\\ 1:r1=0)`, 'Never 0 3');
  });

  it('MP with release but a plain-ONCE reader is allowed (Sometimes 1 3)', () => {
    expectObservation(`C mp-rel-once
{}
P0(int *data, int *flag) { WRITE_ONCE(*data, 7); smp_store_release(flag, 1); }
P1(int *data, int *flag) { int r0 = READ_ONCE(*flag); int r1 = READ_ONCE(*data); }
exists (1:r0=1 /\\ 1:r1=0)`, 'Sometimes 1 3');
  });

  it('LB with acquire on one side and release on the other is forbidden (K LB+poacquireonce+pooncerelease: Never 0 3)', () => {
    expectObservation(`C lb-acq-rel
{}
P0(int *u, int *v) { int r0 = smp_load_acquire(u); WRITE_ONCE(*v, 1); }
P1(int *u, int *v) { int r0 = READ_ONCE(*v); smp_store_release(u, 1); }
exists (0:r0=1 /\\ 1:r0=1)`, 'Never 0 3');
  });

  it('ISA2: a release/acquire chain is transitive (K ISA2+pooncerelease+poacquirerelease+poacquireonce: Never 0 7)', () => {
    expectObservation(`C isa2-chain
{}
P0(int *x, int *y) { WRITE_ONCE(*x, 1); smp_store_release(y, 1); }
P1(int *y, int *z) { int r0 = smp_load_acquire(y); smp_store_release(z, 1); }
P2(int *x, int *z) { int r0 = smp_load_acquire(z); int r1 = READ_ONCE(*x); }
exists (1:r0=1 /\\ 2:r0=1 /\\ 2:r1=0)`, 'Never 0 7');
  });

  it('ISA2 without the chain is allowed (K ISA2+poonceonces: Sometimes 1 7)', () => {
    expectObservation(`C isa2-once
{}
P0(int *x, int *y) { WRITE_ONCE(*x, 1); WRITE_ONCE(*y, 1); }
P1(int *y, int *z) { int r0 = READ_ONCE(*y); WRITE_ONCE(*z, 1); }
P2(int *x, int *z) { int r0 = READ_ONCE(*z); int r1 = READ_ONCE(*x); }
exists (1:r0=1 /\\ 2:r0=1 /\\ 2:r1=0)`, 'Sometimes 1 7');
  });

  it('WRC: release is cumulative over a write read before it (K WRC+pooncerelease+fencermbonceonce+Once: Never 0 7)', () => {
    expectObservation(`C wrc-rel-rmb
{}
P0(int *x) { WRITE_ONCE(*x, 1); }
P1(int *x, int *y) { int r0 = READ_ONCE(*x); smp_store_release(y, 1); }
P2(int *x, int *y) { int r0 = READ_ONCE(*y); smp_rmb(); int r1 = READ_ONCE(*x); }
exists (1:r0=1 /\\ 2:r0=1 /\\ 2:r1=0)`, 'Never 0 7');
  });

  it('S: smp_wmb() plus an acquire read forbids S (K S+fencewmbonceonce+poacquireonce: Never 0 3)', () => {
    expectObservation(`C s-wmb-acq
{}
P0(int *x, int *y) { WRITE_ONCE(*x, 2); smp_wmb(); WRITE_ONCE(*y, 1); }
P1(int *x, int *y) { int r0 = smp_load_acquire(y); WRITE_ONCE(*x, 1); }
exists (x=2 /\\ 1:r0=1)`, 'Never 0 3');
  });

  it('release/acquire does not forbid SB (Sometimes 1 3)', () => {
    expectObservation(`C sb-rel-acq
{}
P0(int *a, int *b) { smp_store_release(a, 1); int r0 = smp_load_acquire(b); }
P1(int *a, int *b) { smp_store_release(b, 1); int r0 = smp_load_acquire(a); }
exists (0:r0=0 /\\ 1:r0=0)`, 'Sometimes 1 3');
  });
});

describe('dependencies', () => {
  it('address dependency from a pointer read orders MP (K MP+onceassign+derefonce: Never 0 2)', () => {
    expectObservation(`C mp-addr
{ int *p = z; int z = 0; int x = 0; }
P0(int *x, int **p) { WRITE_ONCE(*x, 5); smp_wmb(); WRITE_ONCE(*p, x); }
P1(int *x, int **p) { int *r0 = READ_ONCE(*p); int r1 = READ_ONCE(*r0); }
exists (1:r0=x /\\ 1:r1=0)`, 'Never 0 2');
  });

  it('rcu_assign_pointer / rcu_dereference order MP (Never 0 2)', () => {
    expectObservation(`C mp-rcu-deref
{ int *p = z; int z = 0; int x = 0; }
P0(int *x, int **p) { WRITE_ONCE(*x, 5); rcu_assign_pointer(*p, x); }
P1(int *x, int **p) { rcu_read_lock(); int *r0 = rcu_dereference(*p); int r1 = READ_ONCE(*r0); rcu_read_unlock(); }
exists (1:r0=x /\\ 1:r1=0)`, 'Never 0 2');
  });

  it('the address dependency alone, without writer-side ordering, is insufficient (Sometimes 1 2)', () => {
    expectObservation(`C mp-addr-nowmb
{ int *p = z; int z = 0; int x = 0; }
P0(int *x, int **p) { WRITE_ONCE(*x, 5); WRITE_ONCE(*p, x); }
P1(int *x, int **p) { int *r0 = READ_ONCE(*p); int r1 = READ_ONCE(*r0); }
exists (1:r0=x /\\ 1:r1=0)`, 'Sometimes 1 2');
  });

  it('data dependency orders LB against smp_mb() (Never 0 3)', () => {
    expectObservation(`C lb-data-mb
{}
P0(int *u, int *v) { int r0 = READ_ONCE(*u); WRITE_ONCE(*v, r0); }
P1(int *u, int *v) { int r0 = READ_ONCE(*v); smp_mb(); WRITE_ONCE(*u, 1); }
exists (0:r0=1 /\\ 1:r0=1)`, 'Never 0 3');
  });

  it('without the dependency the same LB is allowed (Sometimes 1 3)', () => {
    expectObservation(`C lb-nodep-mb
{}
P0(int *u, int *v) { int r0 = READ_ONCE(*u); WRITE_ONCE(*v, 1); }
P1(int *u, int *v) { int r0 = READ_ONCE(*v); smp_mb(); WRITE_ONCE(*u, 1); }
exists (0:r0=1 /\\ 1:r0=1)`, 'Sometimes 1 3');
  });

  it('control dependency orders LB (K LB+fencembonceonce+ctrlonceonce: Never 0 2)', () => {
    expectObservation(`C lb-ctrl-mb
{}
P0(int *u, int *v) { int r0 = READ_ONCE(*u); if (r0) WRITE_ONCE(*v, 1); }
P1(int *u, int *v) { int r0 = READ_ONCE(*v); smp_mb(); WRITE_ONCE(*u, 1); }
exists (0:r0=1 /\\ 1:r0=1)`, 'Never 0 2');
  });

  it('a store in both arms of an if is still control-dependent (Never 0 3)', () => {
    expectObservation(`C lb-ctrl-both-arms
{}
P0(int *u, int *v) { int r0 = READ_ONCE(*u); if (r0) WRITE_ONCE(*v, 1); else WRITE_ONCE(*v, 1); }
P1(int *u, int *v) { int r0 = READ_ONCE(*v); smp_mb(); WRITE_ONCE(*u, 1); }
exists (0:r0=1 /\\ 1:r0=1)`, 'Never 0 3');
  });

  it('a control dependency does not order a later read (MP reader with if: Sometimes 1 2)', () => {
    expectObservation(`C mp-ctrl-read
{}
P0(int *data, int *flag) { WRITE_ONCE(*data, 7); smp_wmb(); WRITE_ONCE(*flag, 1); }
P1(int *data, int *flag) { int r1 = 0; int r0 = READ_ONCE(*flag); if (r0) r1 = READ_ONCE(*data); }
exists (1:r0=1 /\\ 1:r1=0)`, 'Sometimes 1 2');
  });

  it('a data dependency carried through a plain store and load in one thread (K dep+plain: Never 0 2 shape)', () => {
    expectObservation(`C lb-data-via-plain
{}
P0(int *u, int *v, int *tmp) { int r0 = READ_ONCE(*u); *tmp = r0; int r1 = *tmp; WRITE_ONCE(*v, r1); }
P1(int *u, int *v) { int r0 = smp_load_acquire(v); smp_store_release(u, 1); }
exists (0:r0=1 /\\ 1:r0=1)`, 'Never 0 3');
  });

  it('an address dependency carried through a plain pointer store and load (Never 0 2)', () => {
    expectObservation(`C mp-addr-via-plain
{ int *p = z; int *t = z; int z = 0; int x = 0; }
P0(int *x, int **p) { WRITE_ONCE(*x, 5); smp_wmb(); WRITE_ONCE(*p, x); }
P1(int **p, int **t) { int *r0 = READ_ONCE(*p); *t = r0; int *r1 = *t; int r2 = READ_ONCE(*r1); }
exists (1:r1=x /\\ 1:r2=0)`, 'Never 0 2');
  });

  it('the same through a plain location but with a constant store is allowed (Sometimes 1 3)', () => {
    expectObservation(`C lb-nodata-via-plain
{}
P0(int *u, int *v, int *tmp) { int r0 = READ_ONCE(*u); *tmp = r0; int r1 = *tmp; WRITE_ONCE(*v, 1); }
P1(int *u, int *v) { int r0 = smp_load_acquire(v); smp_store_release(u, 1); }
exists (0:r0=1 /\\ 1:r0=1)`, 'Sometimes 1 3');
  });
});

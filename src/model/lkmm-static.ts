// The part of the Linux-kernel memory model that depends only on the chosen
// thread paths, not on rf or co: program-order fences, dependencies, lock
// nesting and critical sections. Computed once per layout (src/model/lkmm.ts
// evaluates the rest on each execution).
import type { BitSet } from '../relations/bitset.js';
import type { Rel } from '../relations/matrix.js';
import { Algebra } from './algebra.js';
import type { ExecGraph } from './exec-graph.js';

export interface StaticPart {
  poloc: Rel; acqPo: Rel; poRel: Rel; R4rmb: BitSet; rmb: Rel; wmb: Rel; gp: Rel; mbStatic: Rel;
  critical: Rel; poToUL: Rel; dataToNonSrcuUnlock: Rel;
  /** strong-fence, nonrw-fence, fence and strong-fence | po-rel when mb is static (no After-unlock-lock). */
  fences: { strong: Rel; nonrw: Rel; all: Rel; strongRel: Rel };
  /** The dependency relations when nothing is carried through plain accesses. */
  deps: { dep: Rel; rwdep: Rel; plainAddrWmb: Rel; markedDep: Rel };
  /** Static terms, null where empty (then left out of unions). */
  some: { rwdep: Rel | null; plainAddrWmb: Rel | null; markedDep: Rel | null; addr: Rel | null; wmb: Rel | null; rmw: Rel | null };
  nest?: Rel; nestedIsLocked?: Rel; unmatchedLocks?: Rel;
}

const staticCache = new WeakMap<object, StaticPart>();

const orNull = (r: Rel): Rel | null => (r.isEmpty() ? null : r);

/** The relations that depend only on the chosen paths, computed once per layout. */
export function staticPart(g: ExecGraph): StaticPart {
  const hit = staticCache.get(g.stat);
  if (hit) return hit;
  const A = new Algebra(g.n);
  const S = g.sets;
  const { po, loc, rmw } = g.stat;
  const poloc = A.inter(po, loc);
  // lock-nest: no lock of a lock already held by the same thread.
  const lkrOfRmw = A.domain(A.restrict(S.LKR, rmw, S.LKW));
  const unlockedAgain = A.seq(poloc, A.id(S.UL), poloc);
  const nest = A.minus(A.restrict(S.LKW, poloc, lkrOfRmw), unlockedAgain);
  // nested-is-locked: spin_is_locked() cannot say false while its own thread
  // holds the lock. (Its false may read the thread's last unlock, which is
  // not in co, so coherence does not rule this out.)
  const nestedIsLocked = A.minus(A.restrict(S.LKW, poloc, S.RU), unlockedAgain);
  const critical = A.minus(A.restrict(S.LKW, poloc, S.UL), A.seq(poloc, A.id(A.setUnion(S.LKW, S.UL)), poloc));
  const unmatchedLkw = A.setMinus(S.LKW, A.domain(critical));
  const unmatchedLocks = A.restrict(unmatchedLkw, loc, unmatchedLkw);
  for (let i = 0; i < g.n; i++) unmatchedLocks.delete(i, i);
  const R4rmb = A.setMinus(S.R, S.Noreturn);
  const RMWMb = S.RMW.clone().and(S.Mb);
  const mbStatic = A.union(
    A.restrict(S.M, A.fencerel(po, S.Mb), S.M),
    A.restrict(S.M, A.fencerel(po, RMWMb), S.M),
    A.restrict(S.W.clone().and(RMWMb), po, S.M),
    A.restrict(S.M, po, S.R.clone().and(RMWMb)),
    A.restrict(S.M, A.seq(A.fencerel(po, S.BeforeAtomic), A.id(S.RMW), A.opt(po)), S.M),
    A.restrict(S.M, A.seq(A.opt(po), A.id(S.RMW), A.fencerel(po, S.AfterAtomic)), S.M),
    A.restrict(S.M, A.seq(A.opt(po), A.id(S.LKW), A.fencerel(po, S.AfterSpinlock)), S.M),
    A.restrict(S.M, A.seq(A.opt(po), A.id(S.SrcuUnlock), A.fencerel(po, S.AfterSrcuReadUnlock)), S.M),
  );
  const acqPo = A.restrict(S.Acquire, po, S.M);
  const poRel = A.restrict(S.M, po, S.Release);
  const rmb = A.restrict(R4rmb, A.fencerel(po, S.Rmb), R4rmb);
  const wmb = A.restrict(S.W, A.fencerel(po, S.Wmb), S.W);
  const gp = A.seq(A.restrict(null, po, A.setUnion(S.SyncRcu, S.SyncSrcu)), A.opt(po));
  const strong = A.union(mbStatic, gp);
  const nonrw = A.union(strong, poRel, acqPo);
  const { addr, data, ctrl } = g.stat;
  const dep = A.union(addr, data);
  const rwdep = A.restrict(null, A.union(dep, ctrl), S.W);
  const plainAddrWmb = A.seq(A.restrict(null, addr, S.Plain), wmb);
  const markedDep = A.restrict(null, dep, S.Marked);
  const part: StaticPart = {
    poloc, critical, mbStatic, R4rmb, acqPo, poRel, rmb, wmb, gp,
    fences: { strong, nonrw, all: A.union(nonrw, wmb, rmb), strongRel: A.union(strong, poRel) },
    deps: { dep, rwdep, plainAddrWmb, markedDep },
    some: {
      rwdep: orNull(rwdep), plainAddrWmb: orNull(plainAddrWmb), markedDep: orNull(markedDep),
      addr: orNull(addr), wmb: orNull(wmb), rmw: orNull(rmw),
    },
    poToUL: A.restrict(null, po, S.UL),
    dataToNonSrcuUnlock: A.restrict(null, g.stat.data, A.setComplement(S.SrcuUnlock)),
    ...(nest.isEmpty() ? {} : { nest }),
    ...(nestedIsLocked.isEmpty() ? {} : { nestedIsLocked }),
    ...(unmatchedLocks.isEmpty() ? {} : { unmatchedLocks }),
  };
  staticCache.set(g.stat, part);
  return part;
}

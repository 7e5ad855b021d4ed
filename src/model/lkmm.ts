// The Linux-kernel memory model (linux-kernel.cat with lock.cat and the bell's
// derived sets), evaluated on one candidate execution. Axioms are checked in a
// fixed order and evaluation stops at the first violated one.
import type { BitSet } from '../relations/bitset.js';
import type { Rel } from '../relations/matrix.js';
import { Algebra } from './algebra.js';
import {
  ATOMIC, COHERENCE, HAPPENS_BEFORE, LOCK_NEST, NESTED_IS_LOCKED, PLAIN_COHERENCE, PROPAGATION, RCU, UNMATCHED_LOCKS,
  type Axiom, type AxiomKind,
} from './axioms.js';
import { RelPool } from '../relations/rel-pool.js';
import type { ExecGraph } from './exec-graph.js';
import { staticPart } from './lkmm-static.js';

export type { AxiomKind } from './axioms.js';

export interface AxiomResult {
  name: string;
  kind: AxiomKind;
  /**
   * The relation that must be acyclic / irreflexive / empty; only with `keep`
   * (pooled temporaries are recycled when evaluate returns).
   */
  relation?: Rel;
}

export interface Verdict {
  allowed: boolean;
  /** The first violated axiom when not allowed. */
  violated?: AxiomResult;
  /** Flags raised by this execution (only computed when allowed). */
  flags: string[];
  /** Named relations computed so far, for explanations. */
  rels: Map<string, Rel>;
}

/** Whether `r` satisfies the axiom (acyclic, irreflexive or empty). */
function holds(a: Axiom, r: Rel): boolean {
  return a.kind === 'acyclic' ? r.isAcyclic() : a.kind === 'irreflexive' ? r.isIrreflexive() : r.isEmpty();
}

export interface EvaluateOptions {
  /** Compute the flags of an allowed execution (default true). */
  flags?: boolean;
  /**
   * Keep the named relations and the violated axiom's relation valid after
   * the call (explanations); otherwise temporaries come from a pool and are
   * recycled on return.
   */
  keep?: boolean;
  /**
   * The caller guarantees the coherence and atomicity axioms (the explorer
   * filters each location's rf/co by them), so they are not re-checked.
   */
  coherent?: boolean;
  /** Receives the events of a violation's cycle (forward checking's conflicts). */
  core?: BitSet;
}

/** Evaluates the model on one execution (a partial one too: its axioms only grow with rf and co). */
export function evaluate(g: ExecGraph, opts: EvaluateOptions = {}): Verdict {
  const core = opts.core;
  if (opts.keep) return evaluateWith(new Algebra(g.n), g, opts);
  const pool = RelPool.forSize(g.n);
  const mark = pool.mark();
  try {
    const v = evaluateWith(pooledAlgebra(pool), g, opts);
    if (v.violated) {
      if (core) violationCore(v.violated, core);
      v.violated = { name: v.violated.name, kind: v.violated.kind };
    }
    return v;
  } finally {
    pool.release(mark);
  }
}

const algebras = new WeakMap<RelPool, Algebra>();

/** One Algebra per pool (it holds no state of its own). */
function pooledAlgebra(pool: RelPool): Algebra {
  let A = algebras.get(pool);
  if (!A) algebras.set(pool, (A = new Algebra(pool.n, pool)));
  return A;
}

/** The (empty) named relations of a verdict computed without `keep`; never written to. */
const NO_RELS: Map<string, Rel> = new Map();

/**
 * The events a violation involves: those on (or between) the cycles of an
 * acyclicity axiom's relation, the reflexive points of an irreflexivity
 * axiom's, the endpoints of an emptiness axiom's pairs. The explorer uses
 * them to guess which choices to check first (src/explore/forward.ts).
 */
function violationCore(v: AxiomResult, out: BitSet): void {
  const r = v.relation!;
  if (v.kind === 'acyclic') {
    r.cyclicCore(out);
    return;
  }
  out.clear();
  r.forEachEdge((i, j) => {
    if (v.kind === 'empty' || i === j) out.add(i).add(j);
  });
}

/** The model on `g` over the algebra `A` (new relations, or pooled ones when not `opts.keep`). */
function evaluateWith(A: Algebra, g: ExecGraph, opts: EvaluateOptions): Verdict {
  const wantFlags = opts.flags !== false, keep = opts.keep === true, coherent = opts.coherent === true;
  const S = g.sets;
  // The full rcu-fence and rb are needed by the plain-access rules and by explanations.
  const full = keep || !S.Plain.isEmpty();
  const { po, loc, int, ext, rmw } = g.stat;
  // Named relations, kept for explanations only (`keep`).
  const rels = keep ? new Map<string, Rel>() : NO_RELS;
  const fail = (a: Axiom, relation: Rel): Verdict => ({
    allowed: false, violated: { name: a.name, kind: a.kind, relation }, flags: [], rels,
  });

  // --- lock.cat: rf/co are already merged by the explorer ------------------
  const rf = g.rf, co = g.co;
  const fr = A.invSeq(rf, co);
  const rfe = A.inter(rf, ext), rfi = A.inter(rf, int);
  const coe = A.inter(co, ext), fre = A.inter(fr, ext);
  if (keep) rels.set('rf', rf).set('co', co).set('fr', fr).set('po', po);

  const st = staticPart(g);
  const { poloc, acqPo, poRel, R4rmb, rmb, wmb, gp, critical } = st;
  if (st.nest) return fail(LOCK_NEST, st.nest);
  if (st.nestedIsLocked) return fail(NESTED_IS_LOCKED, st.nestedIsLocked);
  if (st.unmatchedLocks) return fail(UNMATCHED_LOCKS, st.unmatchedLocks);

  // --- Fundamental coherence --------------------------------------------------
  if (!coherent) {
    const coherence = A.union(poloc, rf, co, fr);
    if (!holds(COHERENCE, coherence)) return fail(COHERENCE, coherence);
    const atomic = A.inter(rmw, A.seq(fre, coe));
    if (!holds(ATOMIC, atomic)) return fail(ATOMIC, atomic);
  }

  // --- Bell: dependencies carried through plain accesses ----------------------
  // Without data dependencies (or internal reads-from) nothing is carried: carry-dep is the identity.
  const carries = !st.dataToNonSrcuUnlock.isEmpty() && !rfi.isEmpty();
  const carryDep = carries ? A.star(A.seq(st.dataToNonSrcuUnlock, rfi)) : null;
  const addr = carryDep ? A.seq(carryDep, g.stat.addr) : g.stat.addr;
  const ctrl = carryDep ? A.seq(carryDep, g.stat.ctrl) : g.stat.ctrl;
  const data = carryDep ? A.seq(carryDep, g.stat.data) : g.stat.data;

  // --- Basic relations ---------------------------------------------------------
  // po-unlock-lock-po = po ; [UL] ; (po | rf) ; [LKR] ; po (kernel commit "unlock-lock on the same CPU")
  // (null without unlocks: a term known to be empty, left out of unions)
  const poUnlockRfLockPo = S.UL.isEmpty() ? null
    : A.seq(st.poToUL, A.restrict(null, A.union(po, rf), S.LKR), po);
  // mb: its only execution-dependent part is smp_mb__after_unlock_lock() over co.
  // ([M] ; po-unlock-lock-po ; [After-unlock-lock] ; po ; [M]) depends on rf.
  // Without smp_mb__after_unlock_lock() the fences are static (computed once per layout).
  const staticMb = S.AfterUnlockLock.isEmpty();
  const mb = staticMb ? st.mbStatic : A.union(st.mbStatic,
    A.restrict(S.M, A.seq(poUnlockRfLockPo ?? A.empty(), A.id(S.AfterUnlockLock), po), S.M));
  const strongFence0 = staticMb ? st.fences.strong : A.union(mb, gp);
  const nonrwFence = staticMb ? st.fences.nonrw : A.union(strongFence0, poRel, acqPo);
  const fence0 = staticMb ? st.fences.all : A.union(nonrwFence, wmb, rmb);
  if (keep) rels.set('mb', mb).set('gp', gp).set('rmb', rmb).set('wmb', wmb).set('po-rel', poRel).set('acq-po', acqPo);

  // --- Preserved program order and happens-before -------------------------------
  // Without carried dependencies the dependency relations are static too.
  const sd = carryDep ? null : st.deps;
  const dep = sd ? sd.dep : A.union(addr, data);
  const rwdep = sd ? sd.rwdep : A.restrict(null, A.union(dep, ctrl), S.W);
  const overwrite = A.union(co, fr);
  // Static terms known to be empty for this layout are null (StaticPart.some) and left out of unions.
  const some = st.some;
  const toW = A.union(sd ? some.rwdep : rwdep, A.inter(overwrite, int), sd ? some.plainAddrWmb : A.seq(A.restrict(null, addr, S.Plain), wmb));
  const toR = !sd ? A.union(addr, A.seq(A.restrict(null, dep, S.Marked), rfi))
    : some.markedDep ? A.union(some.addr, A.seq(some.markedDep, rfi)) : some.addr;
  const ppo = A.union(toR, toW, fence0, poUnlockRfLockPo && A.inter(poUnlockRfLockPo, int));
  // Without plain accesses every event is Marked: restricting to Marked changes nothing.
  const marked = S.Plain.isEmpty() ? null : S.Marked;
  const aCumul = (r: Rel): Rel => A.union(r, A.seq(marked ? A.restrict(null, rfe, marked) : rfe, r));
  // rmw-sequence = (rf ; rmw)*: ordering carries through chains of RMWs (kernel v6.4).
  const rmwSequence = some.rmw ? g.rmwSeq ?? A.star(A.seq(rf, rmw)) : null;
  const cumulBase = A.union(aCumul(staticMb ? st.fences.strongRel : A.union(strongFence0, poRel)), some.wmb, poUnlockRfLockPo);
  const cumulMarked = marked ? A.restrict(marked, cumulBase, marked) : cumulBase;
  const cumulFence = rmwSequence ? A.seq(cumulMarked, rmwSequence) : cumulMarked;
  // X ; [Marked] ; Y is computed as (X with its range restricted to Marked) ; Y.
  const propSeq = A.seq(A.opt(A.inter(overwrite, ext)), marked ? A.restrict(null, A.star(cumulFence), marked) : A.star(cumulFence), A.opt(rfe));
  const prop = marked ? A.restrict(marked, propSeq, marked) : propSeq;
  const propNoId = A.withoutId(prop);
  const hbAll = A.union(ppo, rfe, A.inter(propNoId, int));
  const hb = marked ? A.restrict(marked, hbAll, marked) : hbAll;
  if (keep) rels.set('ppo', ppo).set('prop', prop).set('hb', hb).set('cumul-fence', cumulFence).set('rfe', rfe);
  if (!holds(HAPPENS_BEFORE, hb)) return fail(HAPPENS_BEFORE, hb);

  // With no strong fence (smp_mb(), grace period, ...) pb is empty, and hb* is
  // needed only by the plain-access rules, which take it from xb*.
  let hbStar = strongFence0.isEmpty() ? null : A.star(hb);
  const pb = hbStar ? A.restrict(null, A.seq(prop, strongFence0, hbStar), S.Marked) : A.empty();
  if (keep) rels.set('pb', pb);
  if (hbStar && !holds(PROPAGATION, pb)) return fail(PROPAGATION, pb);

  // --- RCU ----------------------------------------------------------------------------
  let rcuFence: Rel | null = null;
  let rbRel: Rel | null = null;
  const hasRcu = !S.SyncRcu.isEmpty() || !S.SyncSrcu.isEmpty();
  const srcuRscs = srcuMatches(A, g, rf);
  if (hasRcu) {
    hbStar ??= A.star(hb);
    const pbStar = A.star(pb);
    // rcu-link is only ever preceded by grace periods, critical-section ends or
    // rcu-order, whose ranges are RCU/SRCU events: computing it from those rows
    // only is exact and keeps every composition sparse.
    const rcuEv = A.setUnion(S.SyncRcu, S.SyncSrcu, S.RcuLock, S.RcuUnlock, S.SrcuLock, S.SrcuUnlock);
    const rcuLink = A.seq(A.restrict(rcuEv, A.opt(po), null), hbStar, pbStar, prop, po);
    const rcuOrder = rcuOrderFixpoint(A, g, rcuLink, srcuRscs, loc);
    if (full) {
      rcuFence = A.seq(po, rcuOrder, A.opt(po));
      const rb = A.restrict(null, A.seq(prop, rcuFence, hbStar, pbStar), S.Marked);
      rbRel = rb;
      if (keep) rels.set('rcu-fence', rcuFence).set('rb', rb);
      if (!holds(RCU, rb)) return fail(RCU, rb);
    } else {
      // irreflexive(prop ; po ; rcu-order ; po? ; hb* ; pb* ; [Marked]) holds exactly
      // when its rotation starting at rcu-order (few rows) is irreflexive.
      const rot = A.seq(rcuOrder, A.opt(po), hbStar, pbStar, A.id(S.Marked), prop, po);
      if (!holds(RCU, rot)) return fail(RCU, rot);
    }
  }
  const fence = rcuFence ? A.union(fence0, rcuFence) : fence0;
  const strongFence = rcuFence ? A.union(strongFence0, rcuFence) : strongFence0;

  // --- Plain accesses and data races -------------------------------------------------
  const flags: string[] = [];
  if (!S.Plain.isEmpty()) {
    const xbstar = A.star(rbRel ? A.union(hb, pb, rbRel) : A.union(hb, pb));
    const vis = A.seq(A.star(cumulFence), A.opt(rfe), A.id(S.Marked),
      A.union(A.seq(strongFence, A.id(S.Marked), xbstar), A.inter(xbstar, int)));
    const wPre = A.seq(A.id(S.Marked), A.opt(A.union(addr, fence)));
    const notNoreturn = A.setComplement(S.Noreturn);
    const rPre = A.seq(A.id(S.Marked), A.opt(A.union(addr, nonrwFence, A.restrict(R4rmb, A.fencerel(po, S.Rmb), notNoreturn))));
    const wPost = rmwSequence ? A.seq(A.opt(fence), A.id(S.Marked), rmwSequence) : A.seq(A.opt(fence), A.id(S.Marked));
    const rPost = A.seq(A.opt(A.union(nonrwFence, A.restrict(notNoreturn, A.fencerel(po, S.Rmb), R4rmb))), A.id(S.Marked));
    const wwVis = A.union(fence, A.seq(strongFence, xbstar, wPre), A.seq(wPost, vis, wPre));
    const wrVis = A.union(fence, A.seq(strongFence, xbstar, rPre), A.seq(wPost, vis, rPre));
    const rwXbstar = A.union(fence, A.seq(rPost, xbstar, wPre));
    const MnotIW = A.setMinus(S.M, S.IW);
    const preRace = A.inter(ext, A.union(A.cross(S.Plain, S.M), A.cross(MnotIW, S.Plain)));
    const wrIncoh = A.inter(A.inter(preRace, rf), A.inv(rwXbstar));
    const rwIncoh = A.inter(A.inter(preRace, fr), A.inv(wrVis));
    const wwIncoh = A.inter(A.inter(preRace, co), A.inv(wwVis));
    const incoh = A.union(wrIncoh, rwIncoh, wwIncoh);
    if (!holds(PLAIN_COHERENCE, incoh)) return fail(PLAIN_COHERENCE, incoh);
    if (wantFlags) {
      const notBarrier = A.minus(poloc, barrierRel(A, g));
      const plainW = S.Plain.clone().and(S.W);
      const mixed = A.union(A.restrict(plainW, notBarrier, S.Marked), A.restrict(S.Marked, notBarrier, plainW));
      if (!mixed.isEmpty()) flags.push('mixed-accesses');
      const wwNonrace = A.inter(A.inter(wwVis, A.union(A.cross(S.Marked, S.W), rwXbstar)), A.union(A.cross(S.W, S.Marked), wrVis));
      const wwRace = A.minus(A.inter(preRace, co), wwNonrace);
      const wrRace = A.minus(A.inter(preRace, A.seq(A.opt(co), rf)), wrVis);
      const rwRace = A.minus(A.inter(preRace, fr), rwXbstar);
      if (keep) rels.set('ww-race', wwRace).set('wr-race', wrRace).set('rw-race', rwRace);
      if (!wwRace.isEmpty() || !wrRace.isEmpty() || !rwRace.isEmpty()) flags.push('data-race');
    }
  }
  if (wantFlags) bellFlags(A, g, srcuRscs, critical, flags);
  flags.sort();
  return { allowed: true, flags, rels };
}

function barrierRel(A: Algebra, g: ExecGraph): Rel {
  const S = g.sets, po = g.stat.po;
  const fences = A.setUnion(S.Barrier, S.Rmb, S.Wmb, S.Mb, S.SyncRcu, S.SyncSrcu, S.BeforeAtomic, S.AfterAtomic,
    S.Acquire, S.Release, S.RcuLock, S.RcuUnlock, S.SrcuLock, S.SrcuUnlock);
  return A.union(A.fencerel(po, fences), A.restrict(null, po, S.Release), A.restrict(S.Acquire, po, null));
}

/** srcu-rscs = ([Srcu-lock] ; carry-srcu-data ; data ; [Srcu-unlock]) & loc */
function srcuMatches(A: Algebra, g: ExecGraph, rf: Rel): Rel {
  const S = g.sets;
  if (S.SrcuLock.isEmpty()) return A.empty();
  const carry = A.star(A.seq(A.restrict(null, g.stat.data, A.setComplement(S.SrcuUnlock)), rf));
  return A.inter(A.restrict(S.SrcuLock, A.seq(carry, g.stat.data), S.SrcuUnlock), g.stat.loc);
}

function rcuOrderFixpoint(A: Algebra, g: ExecGraph, link: Rel, srcuRscs: Rel, loc: Rel): Rel {
  const S = g.sets;
  const rcuGp = A.id(S.SyncRcu);
  const srcuGp = A.id(S.SyncSrcu);
  const rcuRscsi = A.inv(g.stat.rcuRscs);
  const srcuRscsi = A.inv(srcuRscs);
  const gpL = A.seq(rcuGp, link), sgpL = A.seq(srcuGp, link);
  const rsL = A.seq(rcuRscsi, link), srsL = A.seq(srcuRscsi, link);
  const lRs = A.seq(link, rcuRscsi), lSrs = A.seq(link, srcuRscsi);
  const lGp = A.seq(link, rcuGp), lSgp = A.seq(link, srcuGp);
  const base = A.union(rcuGp, srcuGp, A.seq(gpL, rcuRscsi), A.inter(A.seq(sgpL, srcuRscsi), loc),
    A.seq(rsL, rcuGp), A.inter(A.seq(srsL, srcuGp), loc));
  let order = base;
  for (;;) {
    const next = A.union(base,
      A.seq(gpL, order, lRs), A.inter(A.seq(sgpL, order, lSrs), loc),
      A.seq(rsL, order, lGp), A.inter(A.seq(srsL, order, lSgp), loc),
      A.seq(order, link, order));
    if (next.equals(order)) return order;
    order = next;
  }
}

function bellFlags(A: Algebra, g: ExecGraph, srcuRscs: Rel, critical: Rel, flags: string[]): void {
  const S = g.sets;
  const rcuRscs = g.stat.rcuRscs;
  if (!S.RcuLock.isSubsetOf(A.domain(rcuRscs))) flags.push('unmatched-rcu-lock');
  if (!S.RcuUnlock.isSubsetOf(A.range(rcuRscs))) flags.push('unmatched-rcu-unlock');
  if (!S.SrcuLock.isEmpty() || !S.SrcuUnlock.isEmpty()) {
    if (!S.SrcuLock.isSubsetOf(A.domain(srcuRscs))) flags.push('unmatched-srcu-lock');
    if (!S.SrcuUnlock.isSubsetOf(A.range(srcuRscs))) flags.push('unmatched-srcu-unlock');
    const multi = A.seq(A.inv(srcuRscs), srcuRscs);
    for (let i = 0; i < g.n; i++) multi.delete(i, i);
    if (!multi.isEmpty()) flags.push('multiple-srcu-matches');
    let bad = false;
    srcuRscs.forEachEdge((i, j) => {
      if (g.values[i] !== g.values[j]) bad = true;
    });
    if (bad) flags.push('srcu-bad-value-match');
  }
  if (!S.SyncSrcu.isEmpty() && !S.RcuLock.isEmpty()) {
    const po = g.stat.po;
    const sleep = A.inter(rcuRscs, A.seq(A.restrict(null, po, S.SyncSrcu), po));
    if (!sleep.isEmpty()) flags.push('invalid-sleep');
  }
  if (!S.UL.isEmpty() && !S.UL.isSubsetOf(A.range(critical))) flags.push('unmatched-unlock');
  // lock.cat: ALL-LOCKS = LKR | LKW | UL | LF | RU | Srcu-lock | Srcu-unlock | Sync-srcu (LF includes RL).
  const allLocks = S.LKR.clone().or(S.LKW).or(S.UL).or(S.LF).or(S.RL).or(S.RU).or(S.SrcuLock).or(S.SrcuUnlock).or(S.SyncSrcu);
  if (allLocks.isEmpty()) return;
  // flag ~empty [M \ IW \ ALL-LOCKS] ; loc ; [ALL-LOCKS] as mixed-lock-accesses
  const ordinary = S.M.clone().andNot(S.IW).andNot(allLocks);
  if (!A.restrict(ordinary, g.stat.loc, allLocks).isEmpty()) flags.push('mixed-lock-accesses');
  // flag ~empty [FW] ; loc ; [ALL-LOCKS] as lock-final
  if (!A.restrict(S.ObservedIW, g.stat.loc, allLocks).isEmpty()) flags.push('lock-final');
}


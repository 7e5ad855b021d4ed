// A candidate execution as the model sees it: event sets and base relations.
import { BitSet } from '../relations/bitset.js';
import { Rel } from '../relations/matrix.js';

/** Event sets named as in linux-kernel.bell / lock.cat / linux-kernel.cat. */
export interface EventSets {
  R: BitSet; W: BitSet; M: BitSet; F: BitSet; IW: BitSet;
  Marked: BitSet; Plain: BitSet;
  Acquire: BitSet; Release: BitSet; Mb: BitSet; Noreturn: BitSet;
  RMW: BitSet; FailedRMW: BitSet;
  Rmb: BitSet; Wmb: BitSet; Barrier: BitSet;
  BeforeAtomic: BitSet; AfterAtomic: BitSet; AfterSpinlock: BitSet; AfterUnlockLock: BitSet; AfterSrcuReadUnlock: BitSet;
  RcuLock: BitSet; RcuUnlock: BitSet; SyncRcu: BitSet;
  SrcuLock: BitSet; SrcuUnlock: BitSet; SyncSrcu: BitSet;
  LKR: BitSet; LKW: BitSet; UL: BitSet; LF: BitSet; RL: BitSet; RU: BitSet;
  /**
   * The initial writes of the memory locations the test observes (its condition,
   * filter and `locations`): each stands for lock.cat's FW on its location, since
   * every observed location has exactly one final write.
   */
  ObservedIW: BitSet;
}

/** Relations that depend only on the chosen paths (not on rf/co). */
export interface StaticRelations {
  po: Rel;
  /** Same location (events with a location only). */
  loc: Rel;
  /** Same thread (reflexive on thread events). */
  int: Rel;
  ext: Rel;
  /** Atomic RMW pairs plus lock RMW pairs (lk-rmw). */
  rmw: Rel;
  /** Base dependencies from the code (before the bell's carry-dep). */
  addr: Rel;
  data: Rel;
  ctrl: Rel;
  rcuRscs: Rel;
}

export interface ExecGraph {
  n: number;
  sets: EventSets;
  stat: StaticRelations;
  /** Value read or written by each event (for different-values). */
  values: Int32Array | number[];
  rf: Rel;
  co: Rel;
  /**
   * rmw-sequence, (rf ; rmw)*, when the caller already has it: it depends
   * only on the reads-from of RMW reads, which the explorer fixes first.
   */
  rmwSeq?: Rel;
}

export function emptySets(n: number): EventSets {
  const s = (): BitSet => new BitSet(n);
  return {
    R: s(), W: s(), M: s(), F: s(), IW: s(), Marked: s(), Plain: s(),
    Acquire: s(), Release: s(), Mb: s(), Noreturn: s(), RMW: s(), FailedRMW: s(),
    Rmb: s(), Wmb: s(), Barrier: s(),
    BeforeAtomic: s(), AfterAtomic: s(), AfterSpinlock: s(), AfterUnlockLock: s(), AfterSrcuReadUnlock: s(),
    RcuLock: s(), RcuUnlock: s(), SyncRcu: s(), SrcuLock: s(), SrcuUnlock: s(), SyncSrcu: s(),
    LKR: s(), LKW: s(), UL: s(), LF: s(), RL: s(), RU: s(), ObservedIW: s(),
  };
}

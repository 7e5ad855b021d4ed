// The event classes of linux-kernel.bell and lock.cat, for one layout of
// events: the instruction classes the bell declares (R, W, M, F, the fence
// and SRCU tags, the lock events of lock.cat), then the classes it derives:
//
//   let FailedRMW = RMW \ (domain(rmw) | range(rmw))
//   let Acquire   = ACQUIRE \ W \ FailedRMW    (lock.cat: | LKR)
//   let Release   = RELEASE \ R \ FailedRMW    (lock.cat: | UL)
//   let Mb        = MB \ FailedRMW
//   let Noreturn  = NORETURN \ W
//   let Marked    = (~M) | IW | ONCE | RELEASE | ACQUIRE | MB | RMW | LKR | LKW | UL | LF | RL | RU | Srcu-lock | Srcu-unlock
//   let Plain     = M \ Marked
import type { ThreadEvent } from '../events/program.js';
import { emptySets, type EventSets } from './exec-graph.js';

/** An event of a layout: its global id, its thread (-1 for an initial write) and what it is. */
export interface LaidEvent {
  id: number;
  thread: number;
  ev: ThreadEvent;
}

/** The bell's classes of the events (ObservedIW, which depends on the test, is left empty). */
export function bellClasses(events: readonly LaidEvent[], n: number): EventSets {
  const S = emptySets(n);
  for (let k = 0; k < events.length; k++) declared(S, events[k]!);
  S.Marked.copyFrom(S.M).complement();
  for (let k = 0; k < events.length; k++) {
    const g = events[k]!;
    if (g.thread < 0 || !isPlainAccess(g.ev)) S.Marked.add(g.id);
  }
  S.Plain.copyFrom(S.M).andNot(S.Marked);
  for (let k = 0; k < events.length; k++) {
    const e = events[k]!.ev;
    if (e.rmwClass && e.kind === 'R' && e.rmwWrite < 0) S.FailedRMW.add(events[k]!.id);
  }
  for (let k = 0; k < events.length; k++) {
    const e = events[k]!.ev, i = events[k]!.id;
    if (S.FailedRMW.has(i)) continue;
    if (e.tag === 'ACQUIRE' && e.kind === 'R') S.Acquire.add(i);
    if (e.tag === 'RELEASE' && e.kind === 'W') S.Release.add(i);
    if (e.tag === 'MB' || e.fence === 'mb') S.Mb.add(i);
    if (e.tag === 'NORETURN' && e.kind === 'R') S.Noreturn.add(i);
  }
  S.Acquire.or(S.LKR);
  S.Release.or(S.UL);
  return S;
}

/** The class of each fence tag (the other fences, such as mb, have none of their own). */
const FENCE_CLASS = new Map<string, keyof EventSets>([
  ['rmb', 'Rmb'], ['wmb', 'Wmb'], ['barrier', 'Barrier'], ['before-atomic', 'BeforeAtomic'], ['after-atomic', 'AfterAtomic'],
  ['after-spinlock', 'AfterSpinlock'], ['after-unlock-lock', 'AfterUnlockLock'],
  ['after-srcu-read-unlock', 'AfterSrcuReadUnlock'], ['rcu-lock', 'RcuLock'], ['rcu-unlock', 'RcuUnlock'], ['sync-rcu', 'SyncRcu'],
]);

/** The classes an event belongs to by what it is: its instruction and tag. */
function declared(S: EventSets, g: LaidEvent): void {
  const e = g.ev, i = g.id;
  if (g.thread < 0) {
    S.IW.add(i);
    S.W.add(i);
    S.M.add(i);
    return;
  }
  switch (e.kind) {
    case 'R': S.R.add(i); break;
    case 'W': S.W.add(i); break;
    case 'LKR': S.LKR.add(i); S.R.add(i); break;
    case 'LKW': S.LKW.add(i); S.W.add(i); break;
    case 'UL': S.UL.add(i); S.W.add(i); break;
    case 'LF': S.LF.add(i); S.R.add(i); break;
    case 'RL': S.RL.add(i); S.R.add(i); break;
    case 'RU': S.RU.add(i); S.R.add(i); break;
    case 'SRCU-SYNC': S.SyncSrcu.add(i); break;
    case 'F': {
      S.F.add(i);
      const cls = FENCE_CLASS.get(e.fence ?? '');
      if (cls) S[cls].add(i);
      break;
    }
  }
  if (e.kind === 'R' || e.kind === 'W' || e.kind === 'LKR' || e.kind === 'LKW' || e.kind === 'UL' || e.kind === 'LF' || e.kind === 'RL' || e.kind === 'RU') S.M.add(i);
  if (e.rmwClass) S.RMW.add(i);
  if (e.srcu === 'lock') S.SrcuLock.add(i);
  if (e.srcu === 'unlock') S.SrcuUnlock.add(i);
}

/** A thread's read or write with no annotation (not ONCE, acquire, release, RMW or SRCU): LKMM's Plain. */
export function isPlainAccess(e: ThreadEvent): boolean {
  return (e.kind === 'R' || e.kind === 'W') && e.tag === undefined && !e.rmwClass && e.srcu === undefined;
}

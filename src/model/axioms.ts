// The LKMM's checks as tools/memory-model's lock.cat and linux-kernel.cat
// state them, one row each, in the order the model applies them: the
// check's name, its kind, the relation as the cat file writes it, and what
// it says in words. The built-in evaluation (lkmm.ts) fails with these
// rows, and explanations print the words beside a violated axiom's name.
export type AxiomKind = 'acyclic' | 'irreflexive' | 'empty';

export interface Axiom {
  name: string;
  kind: AxiomKind;
  /** The relation the check is on, as the model's cat file writes it. */
  relation: string;
  /** What the check means, for a reader of an explanation. */
  words: string;
}

const row = (name: string, kind: AxiomKind, relation: string, words: string): Axiom => ({ name, kind, relation, words });

/** lock.cat */
export const LOCK_NEST = row('lock-nest', 'empty', '([LKW] ; po-loc ; [LKR]) \\ (po-loc ; [UL] ; po-loc)',
  'a CPU does not take a spinlock it already holds (that deadlocks)');
export const NESTED_IS_LOCKED = row('nested-is-locked', 'empty', '([LKW] ; po-loc ; [RU]) \\ (po-loc ; [UL] ; po-loc)',
  'spin_is_locked() does not return false on the CPU that holds the lock');
export const UNMATCHED_LOCKS = row('unmatched-locks', 'empty', '([UNMATCHED-LKW] ; loc ; [UNMATCHED-LKW]) \\ id',
  'at most one spin_lock() of a lock goes without its unlock (a second one deadlocks)');
/** linux-kernel.cat */
export const COHERENCE = row('coherence', 'acyclic', 'po-loc | com',
  'the CPUs agree on one order of the writes to each location, and each CPU\'s accesses to it follow that order');
export const ATOMIC = row('atomic', 'empty', 'rmw & (fre ; coe)',
  'no other CPU\'s write to the location comes between an atomic RMW\'s read and its write');
export const HAPPENS_BEFORE = row('happens-before', 'acyclic', 'hb',
  'no event happens before itself (preserved program order, reads from other CPUs and the propagation of earlier stores form no cycle)');
export const PROPAGATION = row('propagation', 'acyclic', 'pb',
  'a store that propagated before a strong fence (smp_mb(), a grace period) reaches every CPU before anything after the fence happens');
export const RCU = row('rcu', 'irreflexive', 'rb',
  'a grace period does not end before every RCU read-side critical section that began before it has ended');
export const PLAIN_COHERENCE = row('plain-coherence', 'empty', 'wr-incoh | rw-incoh | ww-incoh',
  'plain accesses that the model orders keep to coherence');

export const LKMM_AXIOMS: readonly Axiom[] = [LOCK_NEST, NESTED_IS_LOCKED, UNMATCHED_LOCKS, COHERENCE, ATOMIC, HAPPENS_BEFORE, PROPAGATION, RCU, PLAIN_COHERENCE];

/** The built-in model's axiom of that name. */
export function lkmmAxiom(name: string): Axiom | undefined {
  return LKMM_AXIOMS.find((a) => a.name === name);
}

// Per-thread event programs: what the explorer consumes. Built from the AST by
// src/events/build.ts; the explorer never sees the AST itself.
import type { AccessTag, FenceTag } from '../kernel/primitive-def.js';
import type { Sym } from './sym.js';

export type EventKind =
  | 'R' | 'W' | 'F'
  /** Lock read / lock write of spin_lock() and successful spin_trylock(). */
  | 'LKR' | 'LKW'
  /** spin_unlock(). */
  | 'UL'
  /** Failed spin_trylock(): a read that saw the lock held. */
  | 'LF'
  /** spin_is_locked() returning true / false. */
  | 'RL' | 'RU'
  /** synchronize_srcu(): a grace-period event on an srcu_struct location. */
  | 'SRCU-SYNC'
  /**
   * herd's SRCU events of older defs (`__srcu{srcu-lock}`, `__srcu{srcu-unlock}`):
   * on the srcu_struct's location but not memory accesses (no rf, no co),
   * carrying the cookie as their value.
   */
  | 'SRCU-LOCK' | 'SRCU-UNLOCK';

/** One event of one thread's path, with values fixed by that path. */
export interface ThreadEvent {
  kind: EventKind;
  /** Syntactic access tag; undefined for plain accesses and non-accesses. */
  tag?: AccessTag;
  fence?: FenceTag;
  /** Location index, -1 for fences. */
  loc: number;
  /**
   * Value written (writes: an expression over this thread's reads), or, for a
   * read, the symbol of its own value. Lock events carry constants.
   */
  value: Sym;
  /** Member of an RMW instruction (the RMW class), including failed conditional RMWs. */
  rmwClass: boolean;
  /** For the read half of a successful RMW: local index of its write; -1 otherwise. */
  rmwWrite: number;
  /** srcu_read_lock()/srcu_read_unlock() accesses. */
  srcu?: 'lock' | 'unlock';
  /** Local indices of reads the address depends on. */
  addr: number[];
  /** Local indices of reads the written value depends on (writes only). */
  data: number[];
  /** Local indices of reads that control whether this event executes. */
  ctrl: number[];
  /**
   * Local indices of earlier events of this thread that are not po-before this
   * one: herd evaluates the operands of one expression (`a + b`, a store's
   * address and value, an RMW's location and operand) in parallel, with no
   * program order between their events. Absent when empty.
   */
  parallelWith?: number[];
  /** Source location of the statement that produced it. */
  line: number;
  col: number;
  /** Primitive or construct that produced it, e.g. `READ_ONCE` or `*x = e`. */
  origin: string;
}

/** A condition on read values that a path assumes (a branch taken, a location chosen). */
export interface Constraint {
  value: Sym;
  /** Whether `value` must be non-zero (true) or zero (false). */
  truthy: boolean;
  /**
   * Only a check, not one of herd's equations: it never decides a value
   * that would otherwise justify itself (the condition's atoms pushed into
   * the paths of a restricted search; herd does not solve with them).
   */
  checkOnly?: boolean;
  /**
   * One of herd's equations, not a branch condition: a cmpxchg that
   * succeeds assigns its read the expected value (herd's `assign`), which
   * herd's solver uses to decide a value that would otherwise justify
   * itself. A branch on `r == c` is a condition on a computed value, which
   * herd's solver does not invert.
   */
  equation?: true;
}

/**
 * herd7's names for one path's symbolic values (computed by
 * src/events/herd-syms.ts), used only to print out-of-thin-air values as
 * herd does (`S<n>`).
 */
export interface HerdSyms {
  /**
   * Per local event: herd's variable for a read's value, or for the value a
   * write stores, after herd's register equations; 0 for none (a constant).
   */
  vars: Int32Array;
  /** Variable equations `a := b` still open after the register equations, as flat pairs. */
  leftover: number[];
}

/** One complete path of one thread: its events and the assumptions on read values. */
export interface ThreadTrace {
  events: ThreadEvent[];
  /** Final register values, by register name. */
  regs: Map<string, Sym>;
  constraints: Constraint[];
  /** herd's names for the path's values, when known: made by `herdWalk` (call it first). */
  herd?: HerdSyms;
  /** Makes `herd` for every path of the test, the first time it is called (src/events/build.ts). */
  herdWalk?: () => void;
  /**
   * The filter's equations on this path's registers (herd adds them to its
   * equation solving): pairs of a read's local index, whose value is the
   * register's final value, and the value the filter wants. They decide values
   * that would otherwise justify themselves.
   */
  pins?: Array<[number, number]>;
  /**
   * For a path that stopped early (a loop cut, a bad address): the statement
   * where it stopped, and for a bad address the register that statement was
   * assigning (its value is the unknowable load's).
   */
  stop?: { line: number; col: number; register?: string };
  /** The path was cut by loop unrolling (`stop` is where). */
  cut?: boolean;
  /**
   * The path's divisions (`/` and `%`) by a divisor that is zero or depends
   * on a read: herd7 gives up on the test when LKMM allows an execution in
   * which one divides by zero (src/explore/explore.ts checks each).
   */
  divisions?: Division[];
}

/** A division on a path: its divisor and where it is. */
export interface Division {
  divisor: Sym;
  line: number;
  col: number;
  /**
   * The register whose assignment computes it (`r1 = 5 / r0`): a filter
   * equation on that register makes herd's solving compute the quotient, so
   * herd gives up on a candidate that divides by zero there before the
   * filter or the model rule it out.
   */
  register?: string;
}

export interface LocationInfo {
  name: string;
  init: number;
  /** Declared type, when given (e.g. `spinlock_t`). */
  type?: string;
}

/** A compiled test: everything the explorer needs. */
export interface Program {
  name: string;
  locations: LocationInfo[];
  /** Per thread, every possible trace. */
  threads: ThreadTrace[][];
  /** Whether loop unrolling cut some paths off. */
  loopCut: boolean;
  /**
   * Per thread, the paths loop unrolling cut off (up to the cut): herd's Loop
   * holds when some candidate execution runs along one (src/explore/loop-cut.ts).
   */
  cutThreads?: ThreadTrace[][];
  /**
   * Per thread, the paths that load through a value designating no location,
   * up to that load: herd rejects the test when some candidate execution
   * follows one (src/explore/stopped-paths.ts).
   */
  badAddressThreads?: ThreadTrace[][];
  observed: ObservedLoc[];
  /** Memory locations the filter tests (observed by herd, not shown in states). */
  filterLocations?: number[];
  /**
   * The filter's equations on registers (its top-level `t:r=v` conjuncts),
   * by thread index: herd solves with them, so they give a value even to a
   * register loaded through a non-address.
   */
  filterEquals?: Array<{ thread: number; name: string; value: number }>;
  quantifier: 'exists' | '~exists' | 'forall';
  /** Evaluates the condition's proposition on a final state. */
  condition: (s: FinalView) => boolean;
  filter?: (s: FinalView) => boolean;
  /** herd's spelling of the condition, e.g. `exists (0:r1=1 /\ [x]=2)`. */
  conditionText: string;
}

/** A location shown in final states. */
export type ObservedLoc =
  | { kind: 'reg'; thread: number; name: string; label: string }
  | { kind: 'global'; loc: number; label: string; /** Declared atomic_t in the init section: herd prints it as unsigned 32-bit. */ unsigned32?: boolean };

/** Final values as seen by the condition. */
export interface FinalView {
  reg(thread: number, name: string): number;
  mem(loc: number): number;
}

// The vocabulary of primitive meanings. Every callable name in a litmus test is
// resolved to a PrimitiveDef: a short program over these operations, in the
// spirit of the kernel's linux-kernel.def (but written as data, not text).

/** Access annotations, as linux-kernel.bell's Accesses tags (syntactic). */
export type AccessTag = 'ONCE' | 'ACQUIRE' | 'RELEASE' | 'MB' | 'NORETURN';

/** Fence flavours, as linux-kernel.bell's Barriers tags. */
export type LkmmFenceTag =
  | 'mb' | 'rmb' | 'wmb' | 'barrier'
  | 'before-atomic' | 'after-atomic' | 'after-spinlock' | 'after-unlock-lock'
  | 'after-srcu-read-unlock'
  | 'rcu-lock' | 'rcu-unlock' | 'sync-rcu';

/**
 * A fence's tag: LKMM's, or another that a loaded model's bell declares, as
 * the def writes it (v4.17's `after_spinlock`, herd's implicit `rb_dep`).
 * The built-in model gives the others no meaning.
 */
export type FenceTag = LkmmFenceTag | (string & {});

/** Arithmetic of atomic operations. `andnot` is `x & ~v`. */
export type AluOp = 'add' | 'sub' | 'and' | 'or' | 'xor' | 'andnot';

/**
 * A reference to an argument of the primitive.
 * `{arg: i, deref: false}`: argument i is itself an lvalue such as `*x` (READ_ONCE style).
 * `{arg: i, deref: true}`: argument i is a pointer and the access is to `*arg` (smp_load_acquire style).
 */
export interface LocArg {
  arg: number;
  deref: boolean;
}

/** A value operand: an argument, a constant, or `1 << argument` (a bit mask). */
export type ValArg = { arg: number } | { const: number } | { bitOf: number };

/** One step of a primitive's meaning. Steps run in order; the last value-producing step is the result. */
export type Step =
  /**
   * A load; no tag means a plain access. `detached`: herd's `__load{deref}`,
   * whose value reaches the caller without a dependency on the read.
   */
  | { op: 'load'; tag?: AccessTag; loc: LocArg; detached?: boolean }
  /** A store; no tag means a plain access. */
  | { op: 'store'; tag?: AccessTag; loc: LocArg; value: ValArg }
  | { op: 'fence'; tag: FenceTag }
  /** Unconditional RMW. `returns`: 'old' (fetch/xchg), 'new' (op_return), 'none' (void, NORETURN). */
  | { op: 'rmw'; tag: AccessTag; loc: LocArg; alu: AluOp | 'xchg'; value: ValArg; returns: 'old' | 'new' | 'none' }
  /** cmpxchg: writes `value` if the old value equals `expect`; returns the old value. A failure is a read only. */
  | { op: 'cmpxchg'; tag: AccessTag; loc: LocArg; expect: ValArg; value: ValArg; returnsSuccess?: boolean }
  /** atomic_add_unless: adds `value` unless the old value equals `unless`; returns 1 if it added. */
  | { op: 'add-unless'; tag: AccessTag; loc: LocArg; value: ValArg; unless: ValArg }
  | { op: 'lock'; loc: LocArg }
  | { op: 'unlock'; loc: LocArg }
  | { op: 'trylock'; loc: LocArg }
  | { op: 'islocked'; loc: LocArg }
  /** srcu_read_lock / srcu_down_read: a read of the srcu_struct that returns the cookie. */
  /**
   * `cookie`: herd's `__srcu{srcu-lock}` form (defs before 2023): an SRCU
   * event, not a memory access, whose result is a cookie herd derives from
   * the thread and the statement; otherwise (`__load{srcu-lock}`) a load.
   */
  | { op: 'srcu-lock'; loc: LocArg; cookie?: boolean }
  /**
   * srcu_read_unlock / srcu_up_read: a write of the cookie to the srcu_struct.
   * `cookie`: herd's `__srcu{srcu-unlock}` form, an SRCU event carrying the value.
   */
  | { op: 'srcu-unlock'; loc: LocArg; value: ValArg; cookie?: boolean }
  | { op: 'srcu-sync'; loc: LocArg }
  /** A read-side section / grace period of a named flavour other than plain RCU (e.g. IRQ-off). */
  | { op: 'domain-lock' | 'domain-unlock' | 'domain-sync'; domain: string };

/**
 * How the returned value is post-processed: `atomic_dec_and_test` is `== 0`,
 * `atomic_add_negative` is `< 0`, `read_seqcount_retry(s, start)` is `!= start`,
 * `test_bit(nr, p)` extracts bit nr, `folio_maybe_dma_pinned` is `>= GUP_PIN_COUNTING_BIAS`.
 */
export type ResultTest = 'eq0' | 'lt0' | { neArg: number } | { bitArg: number } | { geConst: number };

export interface PrimitiveDef {
  name: string;
  /** Formal parameter names, for messages and `primitives` listing. */
  params: string[];
  /** Whether the call produces a value usable in an expression. */
  returns: boolean;
  steps: Step[];
  test?: ResultTest;
  /** Which family it belongs to, for listing. */
  group: string;
  /** One line: what it means in LKMM terms and why. */
  doc: string;
  /** Where the meaning comes from (a kernel header or document), for the vocabulary's own helpers. */
  source?: string;
  /**
   * A def's braced macro (`{ ...; }`): the statements herd's C semantics
   * counts for a call of it as a statement (its block and the statements
   * inside, src/events/herd-statements.ts). Absent: one, a single statement.
   */
  herdStatements?: number;
}

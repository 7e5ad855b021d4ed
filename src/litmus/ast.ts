// The AST of a C litmus test, as herd7 reads it.
//
// Every node carries its source range so that diagnostics, explanations and the
// barrier finder can point at (and rewrite) the user's own text. Kernel primitives
// are plain `call` nodes here: their meaning is looked up in src/kernel, never in
// the grammar, so an unknown name is a diagnostic rather than a parse failure.

import type { Range } from '../diagnostics/source-position.js';

export type { Pos, Range } from '../diagnostics/source-position.js';

// ---------------------------------------------------------------------------
// Expressions

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '%'
  | '&' | '|' | '^' | '<<' | '>>'
  | '==' | '!=' | '<' | '<=' | '>' | '>='
  | '&&' | '||';

export type UnaryOp = '!' | '-' | '~' | '+';

export type Expr =
  | { kind: 'int'; value: number; range: Range }
  /** A name: a register/local, a parameter (i.e. a shared location's address), or a global. */
  | { kind: 'var'; name: string; range: Range }
  /** `*e`: a plain memory access through the address `e`. */
  | { kind: 'deref'; arg: Expr; range: Range }
  /** `&e`. */
  | { kind: 'addr'; arg: Expr; range: Range }
  | { kind: 'unary'; op: UnaryOp; arg: Expr; range: Range }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; range: Range }
  | { kind: 'ternary'; cond: Expr; then: Expr; else: Expr; range: Range }
  /** A call of a kernel primitive (or a user macro). `nameRange` covers just the name. */
  | { kind: 'call'; name: string; nameRange: Range; args: Expr[]; range: Range }
  /** `(type) e`, including `(void) e`. */
  | { kind: 'cast'; type: string; arg: Expr; range: Range };

// ---------------------------------------------------------------------------
// Statements

export type Stmt =
  /** `int r1;`, `int *r0 = e;`. `type` is the written base type without the stars. */
  | { kind: 'decl'; type: string; pointer: number; name: string; nameRange: Range; init?: Expr; range: Range }
  /** `r = e;` or `*p = e;` (a plain store). */
  | { kind: 'assign'; target: Expr; value: Expr; range: Range }
  /** An expression statement, usually a call: `WRITE_ONCE(*x, 1);`. */
  | { kind: 'expr'; expr: Expr; range: Range }
  | { kind: 'if'; cond: Expr; then: Stmt; else?: Stmt; range: Range }
  | { kind: 'while'; cond: Expr; body: Stmt; range: Range }
  | { kind: 'block'; body: Stmt[]; range: Range }
  | { kind: 'empty'; range: Range };

// ---------------------------------------------------------------------------
// Init block

export type InitValue =
  | { kind: 'int'; value: number; range: Range }
  /** The address of a location: `p = x` or `p = &x`. */
  | { kind: 'addr'; name: string; range: Range; /** Written `&x` (herd7 accepts that only in a typed entry). */ amp?: true };

export interface InitEntry {
  /** Set for `0:r1 = ...` entries. */
  thread?: number;
  name: string;
  nameRange: Range;
  /** Written type, e.g. `int`, `atomic_t`, `spinlock_t`, `struct srcu_struct`; absent when untyped. */
  type?: string;
  pointer: number;
  /** Absent for a bare declaration such as `int x;` or `spinlock_t s;`. */
  value?: InitValue;
  range: Range;
}

// ---------------------------------------------------------------------------
// Processes

export interface Param {
  type: string;
  pointer: number;
  name: string;
  range: Range;
}

export interface Process {
  /** N of `PN`. */
  id: number;
  idRange: Range;
  params: Param[];
  body: Stmt[];
  range: Range;
}

// ---------------------------------------------------------------------------
// Final condition

/** A location named in the condition or in `locations`. */
export type LocRef =
  | { kind: 'reg'; thread: number; name: string; range: Range }
  | { kind: 'global'; name: string; range: Range };

export type CondValue =
  | { kind: 'int'; value: number; range: Range }
  /** An address constant such as `x` in `0:r0=x`. */
  | { kind: 'sym'; name: string; range: Range }
  /** Another location, as in `0:r0=1:r0`. */
  | { kind: 'loc'; loc: LocRef; range: Range };

export type Cond =
  | { kind: 'true'; range: Range }
  | { kind: 'false'; range: Range }
  | { kind: 'atom'; loc: LocRef; op: '=' | '!='; value: CondValue; range: Range }
  | { kind: 'not'; arg: Cond; range: Range }
  | { kind: 'and' | 'or' | 'implies'; left: Cond; right: Cond; range: Range };

export type Quantifier = 'exists' | '~exists' | 'forall';

export interface Condition {
  quantifier: Quantifier;
  expr: Cond;
  range: Range;
}

// ---------------------------------------------------------------------------
// The `Result:` comment (as the kernel's judgelitmus.sh reads it)

export type Expected = 'Never' | 'Sometimes' | 'Always' | 'Maybe' | 'DEADLOCK';

export interface ResultComment {
  expected: Expected;
  /** `Result: Sometimes DATARACE`. */
  datarace: boolean;
  /** `Result: Flag NAME`: the test is expected to raise flag NAME. */
  flag?: string;
  /** The whole text after `Result:` on that line. */
  text: string;
  range: Range;
}

// ---------------------------------------------------------------------------
// The test

export interface LitmusTest {
  file: string;
  source: string;
  /** Architecture word, `C` for everything this tool runs. */
  arch: string;
  name: string;
  nameRange: Range;
  /** The optional `"doc string"` after the name. */
  doc?: string;
  /** `key=value` lines of the header. */
  info: Record<string, string>;
  /** The init block, `{` to `}`. */
  initRange?: Range;
  init: InitEntry[];
  processes: Process[];
  locations: LocRef[];
  filter?: Cond;
  condition: Condition;
  result?: ResultComment;
}

// The generator's own small representation of a C litmus test: what it builds,
// what the shrinker rewrites, and what render.ts prints. Independent of the
// project's parser AST on purpose (a bug in one must not hide in the other).

export type IrBinOp = '+' | '-' | '*' | '/' | '&' | '|' | '^' | '==' | '!=' | '<' | '<=' | '>' | '>=';

export type IrExpr =
  | { k: 'num'; v: number }
  /** A register, or a parameter name used as a value (a location's address). */
  | { k: 'name'; name: string }
  /** `*e` (a plain access when it is not a primitive's argument). */
  | { k: 'deref'; e: IrExpr }
  | { k: 'call'; fn: string; args: IrExpr[] }
  | { k: 'bin'; op: IrBinOp; a: IrExpr; b: IrExpr };

export type IrStmt =
  | { k: 'decl'; name: string; ptr?: boolean }
  /** `r = e;`, or with `declare` `int r = e;`. */
  | { k: 'assign'; reg: string; e: IrExpr; declare?: boolean }
  /** An expression statement: `e;`, or with `voidCast` `(void)e;`. */
  | { k: 'expr'; e: IrExpr; voidCast?: boolean }
  /** A bare block `{ ... }`. */
  | { k: 'block'; body: IrStmt[] }
  /** `*target = e;`: a plain store. */
  | { k: 'store'; target: IrExpr; e: IrExpr }
  | { k: 'call'; fn: string; args: IrExpr[] }
  | { k: 'if'; c: IrExpr; then: IrStmt[]; else?: IrStmt[] }
  | { k: 'while'; c: IrExpr; body: IrStmt[] };

export interface IrParam {
  /** The written type, e.g. `int *`, `atomic_t *`, `int **`, `spinlock_t *`, `struct srcu_struct *`. */
  type: string;
  name: string;
}

export interface IrThread {
  params: IrParam[];
  body: IrStmt[];
}

/** One entry of the init section, printed as written here. */
export interface IrInit {
  /** `0:r1` for a register, else a location name. */
  loc: string;
  /** `int`, `atomic_t`, `int *`, `spinlock_t`, ... or absent (untyped `x=1;`). */
  type?: string;
  /** A number or a location name (a pointer's target); absent for a bare declaration. */
  value?: string;
  /** Print the value as `ATOMIC_INIT(v)`. */
  atomicInit?: boolean;
  /** Print the value as `&x`. */
  amp?: boolean;
}

export type IrAtomOp = '=' | '==' | '!=' | '<>';

export type IrProp =
  | { k: 'atom'; loc: string; op: IrAtomOp; v: string }
  | { k: 'not'; p: IrProp }
  | { k: 'and'; a: IrProp; b: IrProp }
  | { k: 'or'; a: IrProp; b: IrProp }
  | { k: 'implies'; a: IrProp; b: IrProp }
  | { k: 'const'; v: boolean };

/** `final` is herd7's other spelling of `exists`. */
export type IrQuantifier = 'exists' | '~exists' | 'forall' | 'final';

export interface IrTest {
  name: string;
  init: IrInit[];
  threads: IrThread[];
  /** Locations for the `locations [...]` clause (absent: no clause). */
  locations?: string[];
  filter?: IrProp;
  quantifier: IrQuantifier;
  prop: IrProp;
  /** Print `=>`'s operands and the implication itself in brackets. */
  bracketImplies?: boolean;
}

export function cloneTest(t: IrTest): IrTest {
  return structuredClone(t);
}

// What a statement family (gen-families.ts, gen-families-extra.ts) works
// with: the thread being built (ThreadGen in gen-thread.ts implements it) and
// small constructors of the litmus IR.
import type { IrExpr, IrStmt } from './litmus-ir.js';
import type { RegKind, World } from './gen-world.js';
import type { Rng } from './rng.js';

/** The thread a family appends statements to. */
export interface ThreadBuilder {
  readonly world: World;
  /** The thread's number (`P<index>`). */
  readonly index: number;
  readonly rng: Rng;
  /** Memory accesses the thread may still spend. */
  budget: number;
  /** Set while inside a critical section of the spinlock. */
  inLock: boolean;
  /** Registers set anywhere in the thread, in order. */
  readonly regs: Map<string, RegKind>;
  /** Registers declared where they are first set (`int r = e;`), or in the init section. */
  readonly inlineDeclared: Set<string>;
  newReg(kind: RegKind): string;
  /** A ready integer register, if any. */
  intReg(): string | undefined;
  /** A small value to store into `loc`: a number, or an expression over a register. */
  value(loc: string, allowDep?: boolean): IrExpr;
  /** Statements for a nested block, spending at most `budget` accesses. */
  block(budget: number): IrStmt[];
}

/** A statement family: appends a few statements to `out`. */
export type Family = (g: ThreadBuilder, out: IrStmt[]) => void;

export const num = (v: number): IrExpr => ({ k: 'num', v });
export const nm = (name: string): IrExpr => ({ k: 'name', name });
export const star = (name: string): IrExpr => ({ k: 'deref', e: nm(name) });
export const call = (fn: string, ...args: IrExpr[]): IrExpr => ({ k: 'call', fn, args });

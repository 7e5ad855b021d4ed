// What the interpreter's parts share: the environment of one process, a value
// with its read dependencies, how a path ends early, and dependency unions.
import type { Expr, Process } from '../litmus/ast.js';
import type { PrimitiveRegistry } from '../kernel/primitives.js';
import type { Sym } from './sym.js';
import type { Governor } from '../limits/governor.js';

export interface InterpEnv {
  thread: number;
  proc: Process;
  locIndex: ReadonlyMap<string, number>;
  nlocs: number;
  registry: PrimitiveRegistry;
  unroll: number;
  initRegs: ReadonlyMap<string, number>;
  /** Stop enumerating after this many paths (a guard against explosion). */
  maxPaths: number;
  /** Deadline and memory budget, counted once per statement run (throws LimitStop). */
  governor?: Governor;
}

/** A (possibly symbolic) value and the local indices of the reads it depends on. */
export interface Val {
  v: Sym;
  d: number[];
}

/** The hidden location that carries a read-side flavour's sections (e.g. IRQ-off). */
export function domainLocationName(domain: string): string {
  return `__${domain}`;
}

export class PathEnd extends Error {
  /**
   * `cut`: loop unrolling stopped the path; `bad-address`: the path loads
   * through a value that designates no location (herd rejects the test if
   * some candidate execution follows it); `invalid`: no execution follows it.
   * A cut or bad-address path is kept, up to that point, with `line`/`col` of
   * the statement.
   */
  /** For a bad-address load: the register the statement was assigning, whose value herd cannot know. */
  register?: string;

  constructor(readonly why: 'cut' | 'invalid' | 'bad-address', detail: string, readonly line = 0, readonly col = 0) {
    super(detail);
  }
}

/** A user error found while running a process: herd7 rejects the test (e.g. a load through a non-address). */
export class CodeError extends Error {
  constructor(message: string, readonly line: number, readonly col: number, readonly code: string) {
    super(message);
  }
}

export function union(a: readonly number[], b: readonly number[]): number[] {
  if (a.length === 0) return b as number[];
  if (b.length === 0) return a as number[];
  const s = new Set([...a, ...b]);
  return [...s].sort((x, y) => x - y);
}

/** An expression without calls or memory accesses (safe to evaluate eagerly). */
export function pure(e: Expr): boolean {
  switch (e.kind) {
    case 'int': case 'var': return true;
    case 'deref': case 'call': return false;
    case 'addr': case 'unary': case 'cast': return pure(e.arg);
    case 'binary': return pure(e.left) && pure(e.right);
    case 'ternary': return false;
  }
}

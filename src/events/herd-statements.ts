// herd's program-order index of a statement (herd/CSem.ml), which its older
// SRCU semantics turns into the cookie srcu_read_lock() returns:
// (thread + 1) * 307 + index * 599.
//
// A thread's top-level statements are numbered from 1; every statement takes
// the next number as it starts, except a declaration without an initialiser.
// A block `{ ... }` takes one for itself and then numbers its statements; so
// does a call of a def's braced macro, `{ __store{once}(X,V); }` counting two
// (PrimitiveDef.herdStatements). An `if` takes one for itself and skips one
// before its taken branch; without an else, the path that skips the branch
// goes on from the if's own number. A `while` takes one at each test of its
// condition. Checked against herd7 7.58 under a pre-2023 linux-kernel.def.
import type { Expr } from '../litmus/ast.js';
import type { PrimitiveRegistry } from '../kernel/primitives.js';

/** The cookie of an `__srcu{srcu-lock}` on `thread` in the statement numbered `statement`. */
export function herdCookie(thread: number, statement: number): number {
  return (thread + 1) * 307 + statement * 599;
}

/** The numbers an expression statement takes: a braced macro's count, otherwise one. */
export function expressionStatements(e: Expr, registry: PrimitiveRegistry): number {
  return e.kind === 'call' ? registry.lookup(e.name)?.herdStatements ?? 1 : 1;
}

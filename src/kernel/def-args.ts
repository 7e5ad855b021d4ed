// Arguments of a call in a .def body as written (`*P`, `X`, a number, an
// operator), what one call translates to, and the checks that turn an
// argument into the location, value or operator a step expects.
import { closest } from '../diagnostics/did-you-mean.js';
import { DefError, type Tok } from './def-lexer.js';
import type { AluOp, LocArg, ResultTest, Step, ValArg } from './primitive-def.js';

export const ALU: Record<string, AluOp> = { '+': 'add', '-': 'sub', '&': 'and', '|': 'or', '^': 'xor', '&~': 'andnot' };

/** An argument as written in a body: `*P`, `X`, a number. */
export type Arg =
  | { kind: 'param'; index: number; name: string; start: number; end: number }
  | { kind: 'deref'; index: number; name: string; start: number; end: number }
  | { kind: 'int'; value: number; start: number; end: number }
  | { kind: 'aluop'; op: AluOp; start: number; end: number };

/** What one call in a body means. */
export interface Piece {
  steps: Step[];
  returns: boolean;
  test?: ResultTest;
  /** As a statement of a braced body: the statements herd counts for it (PrimitiveDef.herdStatements; absent: one). */
  statements?: number;
}

export function paramIndex(params: string[], t: Tok): number {
  const i = params.indexOf(t.text);
  if (i < 0) {
    const hint = closest(t.text, params);
    throw new DefError(`'${t.text}' is not a parameter of this macro${hint ? ` (did you mean ${hint}?)` : ''}`, t.start, t.end, 'def-parameter');
  }
  return i;
}

/** `*P` or `X`, where an lvalue is expected (__load, __store). */
export function lvalue(a: Arg): LocArg {
  if (a.kind === 'deref') return { arg: a.index, deref: true };
  if (a.kind === 'param') return { arg: a.index, deref: false };
  throw new DefError('expected a location: a parameter (an lvalue such as *x at the call) or *parameter', a.start, a.end, 'def-argument');
}

/** A pointer parameter, where an address is expected (__xchg, __atomic_op, __lock, ...). */
export function pointer(a: Arg): LocArg {
  if (a.kind === 'param') return { arg: a.index, deref: true };
  if (a.kind === 'deref') {
    throw new DefError(`expected a pointer parameter, found '*${a.name}': these built-ins take the address itself (write '${a.name}')`, a.start, a.end, 'def-argument');
  }
  throw new DefError('expected a pointer parameter', a.start, a.end, 'def-argument');
}

export function value(a: Arg): ValArg {
  if (a.kind === 'param') return { arg: a.index };
  if (a.kind === 'int') return { const: a.value };
  if (a.kind === 'deref') {
    throw new DefError(`a value must be a parameter or a number; '*${a.name}' would be a memory access (use __load)`, a.start, a.end, 'def-argument');
  }
  throw new DefError('expected a value', a.start, a.end, 'def-argument');
}

export function aluOf(a: Arg): AluOp {
  if (a.kind === 'aluop') return a.op;
  throw new DefError('expected an operator (+ - & | ^ &~)', a.start, a.end, 'def-syntax');
}

// Symbolic values of one thread's path: constants, the value of a read of the
// same thread, or an operation on those. The explorer evaluates them once the
// reads-from relation fixes every read's value, as herd7 solves its equations.
import { binop, isSymToken } from './value-encoding.js';

export type Sym = number | SymNode;

export type SymNode =
  /** The value returned by the read with this local event index. */
  | { k: 'r'; e: number }
  | { k: 'b'; op: string; a: Sym; b: Sym }
  | { k: 'u'; op: string; a: Sym };

export function isConst(s: Sym): s is number {
  return typeof s === 'number';
}

export function readOf(e: number): Sym {
  return { k: 'r', e };
}

export function mkBin(op: string, a: Sym, b: Sym): Sym {
  if (isConst(a) && isConst(b)) return binop(op, a, b);
  return { k: 'b', op, a, b };
}

export function unop(op: string, a: number): number {
  switch (op) {
    case '!': return a === 0 ? 1 : 0;
    case '-': return -a;
    case '~': return -a - 1;
    default: return a;
  }
}

export function mkUn(op: string, a: Sym): Sym {
  if (isConst(a)) return unop(op, a);
  return { k: 'u', op, a };
}

/** Evaluates `s` given the values of the thread's reads; NaN propagates "unknown". */
export function evalSym(s: Sym, read: (localEvent: number) => number): number {
  if (typeof s === 'number') return s;
  switch (s.k) {
    case 'r': return read(s.e);
    case 'b': {
      const a = evalSym(s.a, read);
      const b = evalSym(s.b, read);
      if (Number.isNaN(a) || Number.isNaN(b) || isSymToken(a) || isSymToken(b)) return NaN;
      return binop(s.op, a, b);
    }
    case 'u': {
      const a = evalSym(s.a, read);
      return Number.isNaN(a) || isSymToken(a) ? NaN : unop(s.op, a);
    }
  }
}

/** The local reads a symbolic value mentions. */
export function readsOf(s: Sym, out: number[] = []): number[] {
  if (typeof s === 'number') return out;
  if (s.k === 'r') {
    if (!out.includes(s.e)) out.push(s.e);
  } else if (s.k === 'b') {
    readsOf(s.a, out);
    readsOf(s.b, out);
  } else readsOf(s.a, out);
  return out;
}

// The state of herd's walk (see herd-syms.ts): values as herd's semantics
// builds them, one outcome (path) of the evaluation, and the combinators that
// sequence outcomes in herd's order.
import type { EventKind } from './program.js';

/** A value as herd's semantics builds it: a fresh variable (v > 0) or the constant k. */
export interface HV {
  v: number;
  k: number;
}
export const K = (k: number): HV => ({ v: 0, k });
export const V = (v: number): HV => ({ v, k: 0 });

/** One outcome (path) of herd's evaluation so far. */
export interface St {
  /** Value last written to each register (absent: its initial value, a constant). */
  regs: Map<string, HV>;
  /** The events Run emits on this path, in order, with herd's variable (0: none). */
  kinds: EventKind[];
  vals: number[];
  /** Register reads: the variable read and the value last written. */
  rr: Array<{ reg: string; v: number; w: HV }>;
  /** The thread's own `a := b` variable equations (cmpxchg, add_unless). */
  eqs: Array<[number, number]>;
  /** Decisions, in Run's format. */
  log: string[];
}

export interface Out {
  st: St;
  v: HV;
}

export interface CallSt {
  st: St;
  cache: Map<string, HV>;
  result: HV;
}

export function clone(s: St): St {
  return { regs: new Map(s.regs), kinds: [...s.kinds], vals: [...s.vals], rr: [...s.rr], eqs: [...s.eqs], log: [...s.log] };
}

/** A state to evaluate an independent operand in; its lists are appended to each left outcome. */
export function delta(s: St): St {
  return { regs: s.regs, kinds: [], vals: [], rr: [], eqs: [], log: [] };
}

export function append(a: St, d: St): St {
  a.kinds.push(...d.kinds);
  a.vals.push(...d.vals);
  a.rr.push(...d.rr);
  a.eqs.push(...d.eqs);
  a.log.push(...d.log);
  return a;
}

/** herd's `>>=`: the continuation per outcome, results consed (so reversed). */
export function bind<A, B>(outs: A[], f: (o: A) => B[]): B[] {
  const res: B[] = [];
  for (const o of outs) res.push(...f(o));
  return res.reverse();
}

/** The walk cannot follow herd here; the thread gets no herd names. */
export class Unsupported extends Error {}

// herd's walk of one thread, statements and expressions (see herd-syms.ts
// for the allocation order it replays). Calls of primitives are walked by the
// subclass in herd-walk-calls.ts.
import type { Expr, Stmt } from '../litmus/ast.js';
import type { EventKind } from './program.js';
import type { InterpEnv } from './interp.js';
import { binop } from './value-encoding.js';
import { unop } from './sym.js';
import { siteOf } from './herd-sites.js';
import { pure } from './interp-common.js';
import { append, bind, clone, delta, K, Unsupported, V, type HV, type Out, type St } from './herd-walk-state.js';

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);

/** A walk of one thread in herd's evaluation order; the counter is the test's. */
export abstract class ThreadWalk {
  private work = 0;

  constructor(protected readonly env: InterpEnv, private readonly counter: { n: number }) {}

  protected fresh(): number {
    return ++this.counter.n;
  }

  private tick(): void {
    this.env.governor?.tick();
    if (++this.work > 200_000) throw new Unsupported('too large');
  }

  // -- statements ------------------------------------------------------------
  seq(list: readonly Stmt[], i: number, st: St): St[] {
    while (i < list.length && list[i]!.kind === 'empty') i++;
    if (i >= list.length) return [st];
    // `s >>> rest`: rest once per outcome of s, results consed (reversed).
    return bind(this.stmt(list[i]!, st), (o) => this.seq(list, i + 1, o));
  }

  stmt(s: Stmt, st: St): St[] {
    this.tick();
    switch (s.kind) {
      case 'decl':
        if (!s.init) return [st];
        return this.storeReg(s.name, s.init, st);
      case 'assign':
        if (s.target.kind === 'var') return this.storeReg(s.target.name, s.value, st);
        if (s.target.kind === 'deref') {
          // herd's StoreMem: the address, then the value.
          const addr = s.target.arg, value = s.value;
          const pairs = this.par((x) => this.expr(addr, x), (x) => this.expr(value, x), st);
          return bind(pairs, (p) => {
            this.emit(p.st, 'W', p.b.v);
            return [p.st];
          });
        }
        return [];
      case 'expr':
        return bind(this.expr(s.expr, st), (o) => [o.st]);
      case 'if': {
        const site = siteOf(s);
        return bind(this.cond(s.cond, st), (o) => {
          if (o.v.v === 0) {
            const t = o.v.k !== 0;
            o.st.log.push(`${site}${t ? 'T' : 'F'}`);
            const branch = t ? s.then : s.else;
            return branch ? this.stmt(branch, o.st) : [o.st];
          }
          const stT = clone(o.st), stF = o.st;
          stT.log.push(`${site}T`);
          stF.log.push(`${site}F`);
          const t = this.stmt(s.then, stT);
          const f = s.else ? this.stmt(s.else, stF) : [stF];
          return [...t, ...f];
        });
      }
      case 'while':
        return this.loop(s, 0, st);
      case 'block':
        return this.seq(s.body, 0, st);
      case 'empty':
        return [st];
    }
  }

  /** herd7 has no loops; numbered as the nest of ifs Run unrolls them into. */
  private loop(s: Extract<Stmt, { kind: 'while' }>, iter: number, st: St): St[] {
    const site = siteOf(s);
    return bind(this.cond(s.cond, st), (o) => {
      const go = (x: St): St[] => {
        x.log.push(`${site}T`);
        if (iter >= this.env.unroll) return [];
        return bind(this.stmt(s.body, x), (b) => this.loop(s, iter + 1, b));
      };
      if (o.v.v === 0) {
        if (o.v.k === 0) {
          o.st.log.push(`${site}F`);
          return [o.st];
        }
        return go(o.st);
      }
      const stF = clone(o.st);
      stF.log.push(`${site}F`);
      return [...go(o.st), stF];
    });
  }

  private storeReg(name: string, e: Expr, st: St): St[] {
    return bind(this.expr(e, st), (o) => {
      o.st.regs.set(name, o.v);
      return [o.st];
    });
  }

  /**
   * An if condition: a comparison as it is, anything else as `e != 0`. A call
   * of a macro whose body is a comparison (`atomic_dec_and_test(X)` is
   * `__atomic_op_return{MB}(X,-,1) == 0`) is one too once herd expands it.
   */
  private cond(e: Expr, st: St): Out[] {
    if (e.kind === 'binary' && COMPARISONS.has(e.op)) return this.expr(e, st);
    if (e.kind === 'call') {
      const t = this.env.registry.lookup(e.name)?.test;
      if (t === 'eq0' || t === 'lt0' || (t !== undefined && typeof t === 'object' && ('neArg' in t || 'geConst' in t))) return this.expr(e, st);
    }
    return this.binop('!=', (x) => this.expr(e, x), (x) => [{ st: x, v: K(0) }], st);
  }

  // -- expressions -----------------------------------------------------------
  protected emit(st: St, kind: EventKind, v: number): void {
    st.kinds.push(kind);
    st.vals.push(v);
  }

  private readReg(name: string, st: St): HV {
    const v = this.fresh();
    st.rr.push({ reg: name, v, w: st.regs.get(name) ?? K(0) });
    return V(v);
  }

  protected load(st: St): HV {
    const m = this.fresh();
    this.emit(st, 'R', m);
    return V(m);
  }

  /** herd's M.op: constants fold, `v+0` and `v|0` are v, anything else is a fresh variable. */
  protected op(op: string, a: HV, b: HV): HV {
    if (a.v === 0 && b.v === 0) {
      try {
        return K(binop(op, a.k, b.k));
      } catch {
        return V(this.fresh());
      }
    }
    if (op === '+' || op === '|') {
      if (a.v === 0 && a.k === 0) return b;
      if (b.v === 0 && b.k === 0) return a;
    }
    return V(this.fresh());
  }

  /** herd's `>>|`: both operands evaluated once each, outcomes crossed (consed). */
  private par(left: (s: St) => Out[], right: (s: St) => Out[], st: St): Array<{ st: St; a: HV; b: HV }> {
    const o1 = left(st);
    if (o1.length === 1) {
      const x = o1[0]!;
      return right(x.st).map((y) => ({ st: y.st, a: x.v, b: y.v })).reverse();
    }
    const o2 = right(delta(st));
    const res: Array<{ st: St; a: HV; b: HV }> = [];
    for (const x of o1) for (const y of o2) res.push({ st: append(clone(x.st), y.st), a: x.v, b: y.v });
    return res.reverse();
  }

  private binop(op: string, left: (s: St) => Out[], right: (s: St) => Out[], st: St): Out[] {
    return bind(this.par(left, right, st), (p) => [{ st: p.st, v: this.op(op, p.a, p.b) }]);
  }

  /** Evaluates an expression that must not branch (an argument). */
  protected one(e: Expr, st: St): HV {
    const outs = this.expr(e, st);
    if (outs.length !== 1) throw new Unsupported('branching argument');
    const o = outs[0]!;
    if (o.st !== st) Object.assign(st, o.st);
    return o.v;
  }

  expr(e: Expr, st: St): Out[] {
    this.tick();
    switch (e.kind) {
      case 'int':
        return [{ st, v: K(e.value) }];
      case 'var':
        return [{ st, v: this.readReg(e.name, st) }];
      case 'deref':
        return bind(this.expr(e.arg, st), (o) => [{ st: o.st, v: this.load(o.st) }]);
      case 'addr':
        return this.address(e.arg, st);
      case 'cast':
        return this.expr(e.arg, st);
      case 'unary':
        return bind(this.expr(e.arg, st), (o) => [{ st: o.st, v: o.v.v === 0 ? K(unop(e.op, o.v.k)) : e.op === '+' ? o.v : V(this.fresh()) }]);
      case 'binary': {
        if ((e.op === '&&' || e.op === '||') && !pure(e.right)) return this.shortCircuit(e, st);
        const right = e.right;
        return this.binop(e.op, (x) => this.expr(e.left, x), (x) => this.expr(right, x), st);
      }
      case 'ternary': {
        const site = siteOf(e);
        return bind(this.expr(e.cond, st), (o) => {
          const arm = (x: St, t: boolean): Out[] => {
            x.log.push(`${site}${t ? 'T' : 'F'}`);
            return this.expr(t ? e.then : e.else, x);
          };
          if (o.v.v === 0) return arm(o.st, o.v.k !== 0);
          const stF = clone(o.st);
          return [...arm(o.st, true), ...arm(stF, false)];
        });
      }
      case 'call':
        return this.call(e, st);
    }
  }

  private shortCircuit(e: Extract<Expr, { kind: 'binary' }>, st: St): Out[] {
    const site = siteOf(e);
    return bind(this.expr(e.left, st), (o) => {
      const arm = (x: St, t: boolean): Out[] => {
        x.log.push(`${site}${t ? 'T' : 'F'}`);
        if (e.op === '&&' && !t) return [{ st: x, v: K(0) }];
        if (e.op === '||' && t) return [{ st: x, v: K(1) }];
        return bind(this.expr(e.right, x), (r) => [{ st: r.st, v: this.op('!=', r.v, K(0)) }]);
      };
      if (o.v.v === 0) return arm(o.st, o.v.k !== 0);
      const stF = clone(o.st);
      return [...arm(o.st, true), ...arm(stF, false)];
    });
  }

  /** The address an lvalue designates (Run's `address`). */
  protected address(e: Expr, st: St): Out[] {
    if (e.kind === 'deref') return this.expr(e.arg, st);
    if (e.kind === 'var') return [{ st, v: K(0) }];
    return [];
  }

  /** A call of a primitive (herd-walk-calls.ts). */
  protected abstract call(e: Extract<Expr, { kind: 'call' }>, st: St): Out[];
}

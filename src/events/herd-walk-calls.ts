// herd's walk of one thread, completed with calls of primitives: each step of
// a PrimitiveDef in the order herd's semantics evaluates it (herd-syms.ts
// says which orders are exact and which approximate).
import type { Expr } from '../litmus/ast.js';
import type { LocArg, Step, ValArg } from '../kernel/primitive-def.js';
import { clone, K, Unsupported, type CallSt, type HV, type Out, type St } from './herd-walk-state.js';
import { siteOf } from './herd-sites.js';
import { ThreadWalk } from './herd-walk.js';

const ALU: Record<string, string> = { add: '+', sub: '-', and: '&', or: '|', xor: '^', andnot: '&' };

/** A walk of one thread in herd's evaluation order, primitive calls included. */
export class Walk extends ThreadWalk {
  protected override call(e: Extract<Expr, { kind: 'call' }>, st: St): Out[] {
    const def = this.env.registry.lookup(e.name);
    if (!def) return [];
    const site = siteOf(e);
    let outs: CallSt[] = [{ st, cache: new Map(), result: K(0) }];
    for (const step of def.steps) {
      const next: CallSt[] = [];
      for (const c of outs) next.push(...this.step(step, e, site, c));
      outs = next;
    }
    const t = def.test;
    return outs.map((c) => {
      let v = c.result;
      if (t === 'eq0') v = this.op('==', v, K(0));
      else if (t === 'lt0') v = this.op('<', v, K(0));
      else if (t && 'neArg' in t) v = this.op('!=', v, this.valArg({ arg: t.neArg }, e, c));
      else if (t && 'bitArg' in t) v = this.op('&', this.op('>>', v, this.valArg({ arg: t.bitArg }, e, c)), K(1));
      else if (t && 'geConst' in t) v = this.op('>=', v, K(t.geConst));
      return { st: c.st, v };
    });
  }

  private locArg(l: LocArg, e: Extract<Expr, { kind: 'call' }>, c: CallSt): HV {
    const key = `l${l.arg}${l.deref}`;
    const got = c.cache.get(key);
    if (got) return got;
    const arg = e.args[l.arg];
    if (!arg) throw new Unsupported('missing argument');
    let v: HV;
    if (l.deref) v = this.one(arg, c.st);
    else {
      const outs = this.address(arg, c.st);
      if (outs.length !== 1) throw new Unsupported('not an lvalue');
      v = outs[0]!.v;
    }
    c.cache.set(key, v);
    return v;
  }

  private valArg(v: ValArg, e: Extract<Expr, { kind: 'call' }>, c: CallSt): HV {
    if ('const' in v) return K(v.const);
    if ('bitOf' in v) return this.op('<<', K(1), this.valArg({ arg: v.bitOf }, e, c));
    const key = `v${v.arg}`;
    const got = c.cache.get(key);
    if (got) return got;
    const arg = e.args[v.arg];
    if (!arg) throw new Unsupported('missing argument');
    const r = this.one(arg, c.st);
    c.cache.set(key, r);
    return r;
  }

  /** Two alternatives (herd's altT), the first evaluated first. */
  private fork(c: CallSt, site: number, first: (x: CallSt) => void, second: (x: CallSt) => void): [CallSt, CallSt] {
    const a: CallSt = { st: clone(c.st), cache: new Map(c.cache), result: c.result };
    const b: CallSt = { st: c.st, cache: new Map(c.cache), result: c.result };
    a.st.log.push(`${site}T`);
    first(a);
    b.st.log.push(`${site}F`);
    second(b);
    return [a, b];
  }

  private step(s: Step, e: Extract<Expr, { kind: 'call' }>, site: number, c: CallSt): CallSt[] {
    const st = c.st;
    switch (s.op) {
      case 'load':
        this.locArg(s.loc, e, c);
        c.result = this.load(st);
        return [c];
      case 'store': {
        this.locArg(s.loc, e, c);
        const v = this.valArg(s.value, e, c);
        this.emit(st, 'W', v.v);
        return [c];
      }
      case 'fence':
        this.emit(st, 'F', 0);
        return [c];
      case 'rmw': {
        if (s.alu === 'xchg') {
          // herd's linux_exch: location, value, then the read.
          this.locArg(s.loc, e, c);
          const v = this.valArg(s.value, e, c);
          const m = this.load(st);
          this.emit(st, 'W', v.v);
          if (s.returns !== 'none') c.result = s.returns === 'old' ? m : v;
          else c.result = K(0);
          return [c];
        }
        // herd's build_atomic_op: the operand first, then location, read, operation.
        const v = this.valArg(s.value, e, c);
        this.locArg(s.loc, e, c);
        const m = this.load(st);
        const w = this.op(ALU[s.alu] ?? '+', m, v);
        this.emit(st, 'W', w.v);
        c.result = s.returns === 'none' ? K(0) : s.returns === 'old' ? m : w;
        return [c];
      }
      case 'cmpxchg':
        return this.fork(c, site, (a) => {
          this.locArg(s.loc, e, a);
          const old = this.valArg(s.expect, e, a);
          const nv = this.valArg(s.value, e, a);
          const m = this.load(a.st);
          this.emit(a.st, 'W', nv.v);
          if (old.v > 0) a.st.eqs.push([old.v, m.v]);
          a.result = s.returnsSuccess ? K(1) : m;
        }, (b) => {
          b.cache.clear();
          this.locArg(s.loc, e, b);
          const old = this.valArg(s.expect, e, b);
          const m = this.load(b.st);
          // herd's neqT: the comparison old == m is a value of its own (a
          // variable unless both are known), constrained to 0.
          this.op('==', old, m);
          b.result = s.returnsSuccess ? K(0) : m;
        });
      case 'add-unless':
        return this.fork(c, site, (a) => {
          this.locArg(s.loc, e, a);
          const add = this.valArg(s.value, e, a);
          this.valArg(s.unless, e, a);
          const m = this.load(a.st);
          const w = this.op('+', m, add);
          this.emit(a.st, 'W', w.v);
          a.result = K(1);
        }, (b) => {
          b.cache.clear();
          this.locArg(s.loc, e, b);
          const u = this.valArg(s.unless, e, b);
          const m = this.load(b.st);
          if (u.v > 0) b.st.eqs.push([m.v, u.v]);
          b.result = K(0);
        });
      case 'lock':
        this.locArg(s.loc, e, c);
        this.emit(st, 'LKR', 0);
        this.emit(st, 'LKW', 0);
        return [c];
      case 'unlock':
        this.locArg(s.loc, e, c);
        this.emit(st, 'UL', 0);
        return [c];
      case 'trylock': {
        this.locArg(s.loc, e, c);
        const [got, failed] = this.fork(c, site, (a) => {
          this.emit(a.st, 'LKR', 0);
          this.emit(a.st, 'LKW', 0);
          a.result = K(1);
        }, (b) => {
          this.emit(b.st, 'LF', 0);
          b.result = K(0);
        });
        // `loc >>= altT(...)`: the bind reverses the alternatives.
        return [failed, got];
      }
      case 'islocked': {
        this.locArg(s.loc, e, c);
        const [held, free] = this.fork(c, site, (a) => {
          this.emit(a.st, 'RL', 0);
          a.result = K(1);
        }, (b) => {
          this.emit(b.st, 'RU', 0);
          b.result = K(0);
        });
        return [free, held];
      }
      case 'srcu-lock':
        // `__load{srcu-lock}(*X)` is one of herd's loads (a variable);
        // `__srcu{srcu-lock}(X)` returns a constant cookie (none).
        this.locArg(s.loc, e, c);
        if (s.cookie) {
          this.emit(st, 'R', 0);
          c.result = K(0);
        } else {
          c.result = this.load(st);
        }
        return [c];
      case 'srcu-unlock': {
        this.locArg(s.loc, e, c);
        const v = this.valArg(s.value, e, c);
        this.emit(st, 'W', v.v);
        return [c];
      }
      case 'srcu-sync':
        this.locArg(s.loc, e, c);
        this.emit(st, 'SRCU-SYNC', 0);
        return [c];
      case 'domain-lock':
        this.emit(st, 'R', 0);
        return [c];
      case 'domain-unlock':
        this.emit(st, 'W', 0);
        return [c];
      case 'domain-sync':
        this.emit(st, 'SRCU-SYNC', 0);
        return [c];
    }
  }
}

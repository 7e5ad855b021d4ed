// Expression evaluation of the cat interpreter over one candidate execution
// (the universe of n events). Instructions are run by cat-run.ts.
import { copyRel, copySet, withPool } from './cat-alloc.js';
import type { HoistableExpr } from './cat-hoist.js';
import type { Bind, Cond, Expr, Pat, VariantCond } from './cat-ast.js';
import { CatEnv } from './cat-env.js';
import { materialise } from './cat-lazy.js';
import { binop, explicitSet, isEmptyValue, unop } from './cat-ops.js';
import { asRel, asSet, CatError, EMPTY, keyOf, typeName, UNIV, vsetElems, type Value } from './cat-values.js';

/** Fixpoints of `let rec` on relations stop after this many rounds (they converge far sooner). */
const MAX_ROUNDS = 10_000;

export class CatEval {
  /** Values of the layout-constant subexpressions (cat-hoist.ts), by slot, once computed. */
  private readonly hoisted: (Value | undefined)[] = [];

  constructor(readonly n: number, readonly variants: ReadonlySet<string>) {}

  eval(e: Expr, env: CatEnv): Value {
    const slot = (e as HoistableExpr).slot;
    if (slot !== undefined) {
      const kept = this.hoisted[slot];
      if (kept !== undefined) return kept;
      // Kept across executions: plain objects, not the execution's pool.
      const v = withPool(null, () => this.eval1(e, env));
      this.hoisted[slot] = v;
      return v;
    }
    return this.eval1(e, env);
  }

  private eval1(e: Expr, env: CatEnv): Value {
    try {
      return this.evalInner(e, env);
    } catch (err) {
      if (err instanceof CatError && err.at === undefined) throw new CatError(err.message, e.at);
      throw err;
    }
  }

  private evalInner(e: Expr, env: CatEnv): Value {
    const n = this.n;
    switch (e.k) {
      case 'var': {
        const v = env.get(e.name);
        if (v === undefined) throw new CatError(`unbound name '${e.name}'`, e.at);
        return v;
      }
      case 'empty': return EMPTY;
      case 'univ': return UNIV;
      case 'tag': {
        const enumName = env.get(`'${e.name}`);
        return { t: 'tag', enumName: enumName?.t === 'tag' ? enumName.enumName : '', name: e.name };
      }
      case 'explicit': return explicitSet(e.elems.map((x) => this.eval(x, env)), n);
      case 'tuple': return { t: 'tuple', elems: e.elems.map((x) => this.eval(x, env)) };
      case 'op1': return unop(e.op, this.eval(e.e, env), n);
      case 'op': {
        const args = new Array<Value>(e.args.length);
        for (let i = 0; i < args.length; i++) args[i] = this.eval(e.args[i]!, env);
        return binop(e.op, args, n);
      }
      case 'app': return this.apply(this.eval(e.fn, env), this.eval(e.arg, env), e.at);
      case 'fun': return { t: 'clo', pat: e.pat, body: e.body, env, name: e.name };
      case 'let': return this.eval(e.body, this.bindAll(e.rec, e.binds, env));
      case 'try':
        try {
          return this.eval(e.e, env);
        } catch (err) {
          if (err instanceof CatError) return this.eval(e.alt, env);
          throw err;
        }
      case 'if': return this.eval(this.cond(e.cond, env) ? e.then : e.else, env);
      case 'matchtag': {
        const v = this.eval(e.e, env);
        if (v.t !== 'tag') throw new CatError(`match on tags: found a ${typeName(v)}`, e.at);
        const hit = e.clauses.find(([t]) => t === v.name);
        if (hit) return this.eval(hit[1], env);
        if (e.dflt) return this.eval(e.dflt, env);
        throw new CatError(`no clause for tag '${v.name}`, e.at);
      }
      case 'matchset': {
        const split = this.split(this.eval(e.e, env));
        if (!split) return this.eval(e.empty, env);
        const inner = new CatEnv(env);
        if (e.elt !== null) inner.set(e.elt, split[0]);
        if (e.rest !== null) inner.set(e.rest, split[1]);
        return this.eval(e.body, inner);
      }
    }
  }

  /** A non-empty set as (some element, the rest); null for an empty one. */
  private split(v: Value): [Value, Value] | null {
    const n = this.n;
    switch (v.t) {
      case 'empty': return null;
      case 'set': {
        const x = v.s.first();
        if (x < 0) return null;
        return [{ t: 'event', e: x }, { t: 'set', s: copySet(v.s).delete(x) }];
      }
      case 'rel': {
        const pairs = v.r.toPairs();
        if (pairs.length === 0) return null;
        const [a, b] = pairs[0]!;
        return [{ t: 'pair', a, b }, { t: 'rel', r: copyRel(v.r).delete(a, b) }];
      }
      case 'univ': return this.split({ t: 'set', s: asSet(v, n) });
      case 'vset': case 'lin': case 'cross': {
        const m = materialise(v);
        if (m.t !== 'vset' || m.elems.size === 0) return null;
        const first = vsetElems(m)[0]!;
        const rest = new Map(m.elems);
        rest.delete(keyOf(first));
        return [first, { t: 'vset', elems: rest }];
      }
      default: throw new CatError(`match on sets: found a ${typeName(v)}`);
    }
  }

  apply(fn: Value, arg: Value, at: number): Value {
    if (fn.t === 'prim') return fn.fn(arg);
    if (fn.t !== 'clo') throw new CatError(`a ${typeName(fn)} is applied as a function`, at);
    const env = new CatEnv(fn.env);
    this.bindPat(fn.pat, arg, env, at);
    return this.eval(fn.body, env);
  }

  bindPat(p: Pat, v: Value, env: CatEnv, at: number): void {
    if (!p.tuple) {
      if (p.names[0] !== null && p.names[0] !== undefined) env.set(p.names[0], v);
      return;
    }
    const vs = v.t === 'tuple' ? v.elems : v.t === 'pair' ? [{ t: 'event', e: v.a } as Value, { t: 'event', e: v.b } as Value] : null;
    if (!vs || vs.length !== p.names.length) throw new CatError(`expected a tuple of ${p.names.length}, found a ${typeName(v)}`, at);
    p.names.forEach((name, i) => {
      if (name !== null) env.set(name, vs[i]!);
    });
  }

  /** `let [rec] binds`: a new layer over `env` with the bound names. */
  bindAll(rec: boolean, binds: readonly Bind[], env: CatEnv): CatEnv {
    const out = new CatEnv(env);
    if (!rec) {
      // Each value is computed in `env`, so binding it at once hides nothing from the next.
      for (const b of binds) this.bindPat(b.pat, this.eval(b.e, env), out, b.at);
      return out;
    }
    // Functions see themselves; other names are a least fixpoint from the empty relation.
    const values: Bind[] = [];
    for (const b of binds) {
      if (b.e.k === 'fun') this.bindPat(b.pat, this.eval(b.e, out), out, b.at);
      else values.push(b);
    }
    if (values.length === 0) return out;
    for (const b of values) for (const name of b.pat.names) if (name !== null) out.set(name, EMPTY);
    // As herd: each round updates the names in order (later ones see the
    // earlier ones' new values) and stops when no value grew.
    for (let round = 0; ; round++) {
      if (round > MAX_ROUNDS) throw new CatError('let rec: no fixpoint reached', values[0]!.at);
      let grew = false;
      for (const b of values) {
        const name = b.pat.names[0];
        const v = this.eval(b.e, out);
        if (name === null || name === undefined) continue;
        if (!isEmptyValue(binop('diff', [v, out.get(name)!], this.n))) grew = true;
        out.set(name, v);
      }
      if (!grew) return out;
    }
  }

  cond(c: Cond, env: CatEnv): boolean {
    switch (c.k) {
      case 'variant': return this.variant(c.v);
      case 'eq': return sameValue(this.eval(c.a, env), this.eval(c.b, env), this.n);
      case 'subset': {
        const a = this.eval(c.a, env), b = this.eval(c.b, env);
        return isEmptyValue(binop('diff', [a, b], this.n));
      }
      case 'in': {
        const a = this.eval(c.a, env), b = materialise(this.eval(c.b, env));
        if (a.t === 'event') return asSet(b, this.n).has(a.e);
        if (a.t === 'pair') return asRel(b, this.n).has(a.a, a.b);
        return b.t === 'vset' && b.elems.has(keyOf(a));
      }
    }
  }

  variant(v: VariantCond): boolean {
    switch (v.k) {
      case 'name': return this.variants.has(v.name);
      case 'not': return !this.variant(v.v);
      case 'and': return this.variant(v.a) && this.variant(v.b);
      case 'or': return this.variant(v.a) || this.variant(v.b);
    }
  }
}

export function sameValue(a: Value, b: Value, n: number): boolean {
  if ((a.t === 'rel' || b.t === 'rel') && (a.t === 'rel' || a.t === 'empty') && (b.t === 'rel' || b.t === 'empty')) return asRel(a, n).equals(asRel(b, n));
  if ((a.t === 'set' || b.t === 'set') && (a.t === 'set' || a.t === 'empty') && (b.t === 'set' || b.t === 'empty')) return asSet(a, n).equals(asSet(b, n));
  return keyOf(a) === keyOf(b);
}

// The cat interpreter's expressions, compiled once per loaded model into
// closures: each node becomes a function of the machine (one layout's
// values: the top level's slots, the layout-constant parts already
// computed) and the frame of local names. Names are resolved when the model
// is compiled (cat-scope.ts), so a run does no name lookups, and what a
// tree walk would decide per node (which operator, which case of a pattern)
// is decided once.
//
// Errors: a CatError without a position gets the position of the innermost
// node whose own work raised it (an operator, an application, a match), as
// herd reports it.
import { withPool } from './cat-alloc.js';
import type { Bind, Cond, Expr } from './cat-ast.js';
import type { HoistableExpr } from './cat-hoist.js';
import { materialise } from './cat-lazy.js';
import { binop, binop2, explicitSet, isEmptyValue, unop } from './cat-ops.js';
import { apply, bindPat, sameValue, splitSet, variantHolds } from './cat-runtime.js';
import { EXECUTION_STEP, localCandidates, TopTable, type Scope } from './cat-scope.js';
import { asRel, asSet, CatError, EMPTY, keyOf, typeName, UNIV, type CatMachine, type Code, type Frame, type Value } from './cat-values.js';

/** Fixpoints of `let rec` on relations stop after this many rounds (they converge far sooner). */
const MAX_ROUNDS = 10_000;

type CondCode = (m: CatMachine, f: Frame | null) => boolean;

/** A compiled binding group (`let [rec] binds`): makes the frame of its names. */
export type BindCode = (m: CatMachine, outer: Frame | null) => Frame;

function locate(err: unknown, at: number): unknown {
  return err instanceof CatError && err.at === undefined ? new CatError(err.message, at) : err;
}

/** The frame offsets of a binding group's patterns, and the group's scope names. */
function groupLayout(binds: readonly Bind[]): { offsets: number[]; names: (string | null)[] } {
  const offsets: number[] = [];
  const names: (string | null)[] = [];
  for (const b of binds) {
    offsets.push(names.length);
    names.push(...b.pat.names);
  }
  return { offsets, names };
}

/** Compiles the expressions of one model; `limit` is the step whose view the top-level names are read in. */
export class CatCompiler {
  constructor(private readonly table: TopTable) {}

  expr(e: Expr, scope: Scope | null, limit: number): Code {
    const code = this.node(e, scope, limit);
    const slot = (e as HoistableExpr).slot;
    if (slot === undefined) return code;
    // Layout-constant: computed once per layout, kept across executions as plain objects (not the execution's pool).
    return (m, f) => {
      const kept = m.hoisted[slot];
      if (kept !== undefined) return kept;
      const v = withPool(null, () => code(m, f));
      m.hoisted[slot] = v;
      return v;
    };
  }

  /** A top-level read of `name` after step `limit`: the latest binding that is set, undefined when none is. */
  peek(name: string, limit: number): (m: CatMachine) => Value | undefined {
    const tops = this.table.candidates(name, limit);
    return (m) => {
      for (let i = 0; i < tops.length; i++) {
        const v = m.top[tops[i]!];
        if (v !== undefined) return v;
      }
      return undefined;
    };
  }

  /** A read of `name` (the latest binding in scope that is set; an error when none is). */
  name(name: string, scope: Scope | null, limit: number, at: number): Code {
    const locals = localCandidates(scope, name);
    const peek = this.peek(name, limit);
    const fromTop = (m: CatMachine): Value => {
      const v = peek(m);
      if (v === undefined) throw new CatError(`unbound name '${name}'`, at);
      return v;
    };
    if (locals.length === 0) {
      const first = this.table.candidates(name, limit)[0]!;
      return (m) => m.top[first] ?? fromTop(m);
    }
    const slow: Code = (m, f) => {
      for (const { hops, index } of locals) {
        let fr = f;
        for (let h = 0; h < hops; h++) fr = fr!.up;
        const v = fr!.vals[index];
        if (v !== undefined) return v;
      }
      return fromTop(m);
    };
    const { hops, index } = locals[0]!;
    switch (hops) {
      case 0: return (m, f) => f!.vals[index] ?? slow(m, f);
      case 1: return (m, f) => f!.up!.vals[index] ?? slow(m, f);
      case 2: return (m, f) => f!.up!.up!.vals[index] ?? slow(m, f);
      case 3: return (m, f) => f!.up!.up!.up!.vals[index] ?? slow(m, f);
      default: return slow;
    }
  }

  private node(e: Expr, scope: Scope | null, limit: number): Code {
    switch (e.k) {
      case 'var': return this.name(e.name, scope, limit, e.at);
      case 'empty': return () => EMPTY;
      case 'univ': return () => UNIV;
      case 'tag': {
        const peek = this.peek(`'${e.name}`, limit);
        const name = e.name;
        return (m) => {
          const v = peek(m);
          return { t: 'tag', enumName: v?.t === 'tag' ? v.enumName : '', name };
        };
      }
      case 'explicit': {
        const elems = e.elems.map((x) => this.expr(x, scope, limit));
        const at = e.at;
        return (m, f) => {
          const vs = elems.map((c) => c(m, f));
          try {
            return explicitSet(vs, m.n);
          } catch (err) {
            throw locate(err, at);
          }
        };
      }
      case 'tuple': {
        const elems = e.elems.map((x) => this.expr(x, scope, limit));
        return (m, f) => ({ t: 'tuple', elems: elems.map((c) => c(m, f)) });
      }
      case 'op1': {
        const arg = this.expr(e.e, scope, limit);
        const { op, at } = e;
        return (m, f) => {
          const v = arg(m, f);
          try {
            return unop(op, v, m.n);
          } catch (err) {
            throw locate(err, at);
          }
        };
      }
      case 'op': {
        const args = e.args.map((x) => this.expr(x, scope, limit));
        const { op, at } = e;
        const k = args.length;
        if (k === 2 && op !== 'cart' && op !== 'add') {
          // The usual case, two relations or two event sets: no argument array.
          const [a, b] = args as [Code, Code];
          return (m, f) => {
            const x = a(m, f);
            const y = b(m, f);
            try {
              return binop2(op, x, y, m.n);
            } catch (err) {
              throw locate(err, at);
            }
          };
        }
        return (m, f) => {
          const vs = new Array<Value>(k);
          for (let i = 0; i < k; i++) vs[i] = args[i]!(m, f);
          try {
            return binop(op, vs, m.n);
          } catch (err) {
            throw locate(err, at);
          }
        };
      }
      case 'app': {
        const fn = this.expr(e.fn, scope, limit);
        const arg = this.expr(e.arg, scope, limit);
        const at = e.at;
        return (m, f) => {
          const fv = fn(m, f);
          const av = arg(m, f);
          try {
            return apply(fv, av, at, m);
          } catch (err) {
            throw locate(err, at);
          }
        };
      }
      case 'fun': {
        const body = this.expr(e.body, { names: e.pat.names, up: scope }, limit);
        const { pat, name } = e;
        return (_m, f) => ({ t: 'clo', pat, body, frame: f, name });
      }
      case 'let': {
        const group = this.binds(e.rec, e.binds, scope, limit);
        const body = this.expr(e.body, { names: groupLayout(e.binds).names, up: scope }, limit);
        const at = e.at;
        return (m, f) => {
          let inner: Frame;
          try {
            inner = group(m, f);
          } catch (err) {
            throw locate(err, at);
          }
          return body(m, inner);
        };
      }
      case 'try': {
        const body = this.expr(e.e, scope, limit);
        const alt = this.expr(e.alt, scope, limit);
        return (m, f) => {
          try {
            return body(m, f);
          } catch (err) {
            if (err instanceof CatError) return alt(m, f);
            throw err;
          }
        };
      }
      case 'if': {
        const cond = this.cond(e.cond, scope, limit);
        const then = this.expr(e.then, scope, limit);
        const other = this.expr(e.else, scope, limit);
        const at = e.at;
        return (m, f) => {
          let c: boolean;
          try {
            c = cond(m, f);
          } catch (err) {
            throw locate(err, at);
          }
          return c ? then(m, f) : other(m, f);
        };
      }
      case 'matchtag': {
        const subject = this.expr(e.e, scope, limit);
        const clauses = new Map<string, Code>();
        for (const [t, x] of e.clauses) if (!clauses.has(t)) clauses.set(t, this.expr(x, scope, limit));
        const dflt = e.dflt ? this.expr(e.dflt, scope, limit) : undefined;
        const at = e.at;
        return (m, f) => {
          const v = subject(m, f);
          if (v.t !== 'tag') throw new CatError(`match on tags: found a ${typeName(v)}`, at);
          const hit = clauses.get(v.name) ?? dflt;
          if (hit) return hit(m, f);
          throw new CatError(`no clause for tag '${v.name}`, at);
        };
      }
      case 'matchset': {
        const subject = this.expr(e.e, scope, limit);
        const empty = this.expr(e.empty, scope, limit);
        const body = this.expr(e.body, { names: [e.elt, e.rest], up: scope }, limit);
        const at = e.at;
        return (m, f) => {
          const v = subject(m, f);
          let split: [Value, Value] | null;
          try {
            split = splitSet(v, m.n);
          } catch (err) {
            throw locate(err, at);
          }
          if (!split) return empty(m, f);
          return body(m, { vals: split, up: f });
        };
      }
    }
  }

  private cond(c: Cond, scope: Scope | null, limit: number): CondCode {
    if (c.k === 'variant') {
      const v = c.v;
      return (m) => variantHolds(v, m.variants);
    }
    const a = this.expr(c.a, scope, limit);
    const b = this.expr(c.b, scope, limit);
    switch (c.k) {
      case 'eq': return (m, f) => {
        const x = a(m, f);
        return sameValue(x, b(m, f), m.n);
      };
      case 'subset': return (m, f) => {
        const x = a(m, f);
        return isEmptyValue(binop('diff', [x, b(m, f)], m.n));
      };
      case 'in': return (m, f) => {
        const x = a(m, f);
        const s = materialise(b(m, f));
        if (x.t === 'event') return asSet(s, m.n).has(x.e);
        if (x.t === 'pair') return asRel(s, m.n).has(x.a, x.b);
        return s.t === 'vset' && s.elems.has(keyOf(x));
      };
    }
  }

  /**
   * `let [rec] binds`: the code making the frame of the group's names over
   * `outer` (non-recursive values are computed outside the group; in a
   * `let rec`, functions see the group and the other names are a least
   * fixpoint from the empty relation, each round updating them in order).
   */
  binds(rec: boolean, binds: readonly Bind[], scope: Scope | null, limit: number): BindCode {
    const { offsets, names } = groupLayout(binds);
    const size = names.length;
    if (!rec) {
      const codes = binds.map((b) => this.expr(b.e, scope, limit));
      return (m, outer) => {
        const vals = new Array<Value | undefined>(size);
        for (let i = 0; i < binds.length; i++) {
          const b = binds[i]!;
          bindPat(b.pat, codes[i]!(m, outer), vals, offsets[i]!, b.at);
        }
        return { vals, up: outer };
      };
    }
    const inner: Scope = { names, up: scope };
    const funs: number[] = [];
    const values: number[] = [];
    binds.forEach((b, i) => (b.e.k === 'fun' ? funs : values).push(i));
    const codes = binds.map((b) => this.expr(b.e, inner, limit));
    return (m, outer) => {
      const vals = new Array<Value | undefined>(size);
      const frame: Frame = { vals, up: outer };
      for (const i of funs) bindPat(binds[i]!.pat, codes[i]!(m, frame), vals, offsets[i]!, binds[i]!.at);
      if (values.length === 0) return frame;
      for (const i of values) {
        const p = binds[i]!.pat;
        for (let j = 0; j < p.names.length; j++) if (p.names[j] !== null) vals[offsets[i]! + j] = EMPTY;
      }
      for (let round = 0; ; round++) {
        if (round > MAX_ROUNDS) throw new CatError('let rec: no fixpoint reached', binds[values[0]!]!.at);
        let grew = false;
        for (const i of values) {
          const name = binds[i]!.pat.names[0];
          const v = codes[i]!(m, frame);
          if (name === null || name === undefined) continue;
          const at = names.lastIndexOf(name);
          if (!isEmptyValue(binop('diff', [v, vals[at]!], m.n))) grew = true;
          vals[at] = v;
        }
        if (!grew) return frame;
      }
    };
  }
}

/**
 * Evaluates one binding group (`let [rec] binds`) over a top level of the
 * given names only, on a universe of n events: for tests and tools that
 * evaluate an expression outside a model run.
 */
export function evalBinds(rec: boolean, binds: readonly Bind[], names: ReadonlyMap<string, Value>, n: number, variants: ReadonlySet<string> = new Set()): Map<string, Value> {
  const table = new TopTable([]);
  const group = new CatCompiler(table).binds(rec, binds, null, EXECUTION_STEP);
  const top = new Array<Value | undefined>(table.size);
  for (const [name, slot] of table.natives) top[slot] = names.get(name);
  const frame = group({ n, variants, top, hoisted: [] }, null);
  const { names: inScope } = groupLayout(binds);
  const out = new Map<string, Value>();
  for (const name of inScope) if (name !== null && frame.vals[inScope.lastIndexOf(name)] !== undefined) out.set(name, frame.vals[inScope.lastIndexOf(name)]!);
  return out;
}

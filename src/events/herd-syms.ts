// herd7's names for symbolic values. An out-of-thin-air value (a cycle of
// reads-from and plain copies) never gets solved, and herd prints it as
// `S<n>`, the number of one of its fresh variables. To print the same n we
// replay how herd's C semantics allocates those variables, and how its
// solver merges them (the solver half is in src/explore/values.ts).
//
// Allocation (herd/CSem.ml over the event monad, herd/eventsMonad.ml):
// - one counter for the whole test, threads in order P0, P1, ...; within a
//   thread, herd evaluates the statement tree once, not path by path;
// - a fresh variable for every register read (pointer parameters included:
//   the `x` of `*x`), every memory read, every binary operator with a
//   variable operand (`v+0` and `v|0` excepted), and the comparison of an
//   `if` (a condition that is not a comparison becomes `e != 0`);
// - an `if` whose condition is not a constant evaluates its condition, then
//   its whole then-branch, then its whole else-branch; the code after a
//   statement is evaluated again for every outcome of that statement, in
//   herd's outcome order. The combinators build outcome lists by consing, so
//   `s; rest` yields reverse(concat of rest's outcomes per outcome of s) and
//   an `if` yields reverse(then-outcomes ++ else-outcomes): after a plain if,
//   the code that follows is allocated for the else path first.
//
// Register equations (herd's first solver stage, mem.ml solve_regs), per
// path: every register read `q := v`, v the value last written to the
// register; registers in descending name order, the reads of one register in
// program order; then the thread's own variable equations. They are merged by
// HerdUnionFind, each value being replaced by its direct parent.
//
// Exact for what herd's C parser accepts and the corpus uses: assignments,
// plain and marked loads and stores, fences, `if`/`else`, blocks, binary
// operators. Approximate (a deterministic best effort): the outcome order and
// argument re-evaluation of cmpxchg, atomic_add_unless, spin_trylock and
// spin_is_locked, RMW argument order for unusual primitives, and constructs
// herd7 does not parse at all (`while`, `?:`, `&&`/`||`, unary operators),
// which are numbered like Run's own choices. A path herd's walk cannot match
// gets no names, and the explorer falls back to its own numbering.
import type { Expr, Stmt } from '../litmus/ast.js';
import type { LocArg, Step, ValArg } from '../kernel/types.js';
import type { EventKind, ThreadTrace } from './types.js';
import type { InterpEnv } from './interp.js';
import { binop } from './values.js';
import { unop } from './sym.js';
import { HerdUnionFind } from './herd-uf.js';

const sites = new WeakMap<object, number>();
let nextSite = 1;

/** A stable number for an AST node, shared by Run's decision log and the walk below. */
export function siteOf(node: object): number {
  let s = sites.get(node);
  if (s === undefined) {
    s = nextSite++;
    sites.set(node, s);
  }
  return s;
}

/** A value as herd's semantics builds it: a fresh variable (v > 0) or the constant k. */
interface HV {
  v: number;
  k: number;
}
const K = (k: number): HV => ({ v: 0, k });
const V = (v: number): HV => ({ v, k: 0 });

/** One outcome (path) of herd's evaluation so far. */
interface St {
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

interface Out {
  st: St;
  v: HV;
}

interface CallSt {
  st: St;
  cache: Map<string, HV>;
  result: HV;
}

function clone(s: St): St {
  return { regs: new Map(s.regs), kinds: [...s.kinds], vals: [...s.vals], rr: [...s.rr], eqs: [...s.eqs], log: [...s.log] };
}

/** A state to evaluate an independent operand in; its lists are appended to each left outcome. */
function delta(s: St): St {
  return { regs: s.regs, kinds: [], vals: [], rr: [], eqs: [], log: [] };
}

function append(a: St, d: St): St {
  a.kinds.push(...d.kinds);
  a.vals.push(...d.vals);
  a.rr.push(...d.rr);
  a.eqs.push(...d.eqs);
  a.log.push(...d.log);
  return a;
}

/** herd's `>>=`: the continuation per outcome, results consed (so reversed). */
function bind<A, B>(outs: A[], f: (o: A) => B[]): B[] {
  const res: B[] = [];
  for (const o of outs) res.push(...f(o));
  return res.reverse();
}

class Unsupported extends Error {}

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);
const ALU: Record<string, string> = { add: '+', sub: '-', and: '&', or: '|', xor: '^', andnot: '&' };

/** A walk of one thread in herd's evaluation order; the counter is the test's. */
class Walk {
  private work = 0;

  constructor(private readonly env: InterpEnv, private readonly counter: { n: number }) {}

  private fresh(): number {
    return ++this.counter.n;
  }

  private tick(): void {
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

  /** An if condition: a comparison as it is, anything else as `e != 0`. */
  private cond(e: Expr, st: St): Out[] {
    if (e.kind === 'binary' && COMPARISONS.has(e.op)) return this.expr(e, st);
    return this.binop('!=', (x) => this.expr(e, x), (x) => [{ st: x, v: K(0) }], st);
  }

  // -- expressions -----------------------------------------------------------
  private emit(st: St, kind: EventKind, v: number): void {
    st.kinds.push(kind);
    st.vals.push(v);
  }

  private readReg(name: string, st: St): HV {
    const v = this.fresh();
    st.rr.push({ reg: name, v, w: st.regs.get(name) ?? K(0) });
    return V(v);
  }

  private load(st: St): HV {
    const m = this.fresh();
    this.emit(st, 'R', m);
    return V(m);
  }

  /** herd's M.op: constants fold, `v+0` and `v|0` are v, anything else is a fresh variable. */
  private op(op: string, a: HV, b: HV): HV {
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
  private one(e: Expr, st: St): HV {
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
  private address(e: Expr, st: St): Out[] {
    if (e.kind === 'deref') return this.expr(e.arg, st);
    if (e.kind === 'var') return [{ st, v: K(0) }];
    return [];
  }

  // -- primitives --------------------------------------------------------------
  private call(e: Extract<Expr, { kind: 'call' }>, st: St): Out[] {
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
          this.valArg(s.expect, e, b);
          const m = this.load(b.st);
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
        // herd's srcu_read_lock returns a constant cookie: no variable.
        this.locArg(s.loc, e, c);
        this.emit(st, 'R', 0);
        c.result = K(0);
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

/** An expression without calls or memory accesses (as Run's `pure`). */
function pure(e: Expr): boolean {
  switch (e.kind) {
    case 'int': case 'var': return true;
    case 'deref': case 'call': return false;
    case 'addr': case 'unary': case 'cast': return pure(e.arg);
    case 'binary': return pure(e.left) && pure(e.right);
    case 'ternary': return false;
  }
}

/** Register equations of one path (herd's first solver stage), merged. */
function registerStage(st: St): { uf: HerdUnionFind; eqs: Array<[number, number]> } {
  const byReg = new Map<string, Array<{ v: number; w: HV }>>();
  for (const r of st.rr) {
    let l = byReg.get(r.reg);
    if (!l) byReg.set(r.reg, (l = []));
    l.push(r);
  }
  const eqs: Array<[number, number]> = [];
  const names = [...byReg.keys()].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  for (const n of names) for (const r of byReg.get(n)!) if (r.w.v > 0 && r.w.v !== r.v) eqs.push([r.v, r.w.v]);
  for (const q of st.eqs) if (q[0] !== q[1]) eqs.push(q);
  const uf = new HerdUnionFind();
  for (const [a, b] of eqs) uf.union(a, b);
  return { uf, eqs };
}

/**
 * Walks one thread in herd's order, advancing the test-wide counter, and
 * attaches herd's names to each trace whose decisions (`keys`, from Run) and
 * events match one of herd's outcomes. Returns false when the walk failed;
 * the counter is then unreliable for later threads.
 */
export function attachHerdSyms(env: InterpEnv, traces: readonly ThreadTrace[], keys: readonly string[], counter: { n: number }): boolean {
  let outs: St[];
  try {
    const walk = new Walk(env, counter);
    outs = walk.seq(env.proc.body, 0, { regs: new Map(), kinds: [], vals: [], rr: [], eqs: [], log: [] });
  } catch (err) {
    if (err instanceof Unsupported) return false;
    throw err;
  }
  const byKey = new Map<string, St>();
  for (const o of outs) {
    const k = o.log.join(',');
    if (!byKey.has(k)) byKey.set(k, o);
  }
  const cache = new Map<St, ThreadTrace['herd']>();
  traces.forEach((tr, i) => {
    const st = byKey.get(keys[i]!);
    if (!st || st.kinds.length !== tr.events.length || st.kinds.some((k, j) => k !== tr.events[j]!.kind)) return;
    let h = cache.get(st);
    if (!h) {
      const { uf, eqs } = registerStage(st);
      const vars = new Int32Array(st.vals.length);
      st.vals.forEach((v, j) => {
        vars[j] = v > 0 ? uf.direct(v) : 0;
      });
      const leftover: number[] = [];
      for (const [a, b] of eqs) {
        const x = uf.direct(a), y = uf.direct(b);
        if (x !== y) leftover.push(x, y);
      }
      h = { vars, leftover };
      cache.set(st, h);
    }
    tr.herd = h;
  });
  return true;
}

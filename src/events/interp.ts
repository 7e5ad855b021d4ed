// Runs one process of a litmus test along every path. Read values stay
// symbolic; a path is fixed by the outcome of each branch whose condition
// depends on them (recorded as a constraint), by each conditional RMW's
// success or failure, by spin_trylock()/spin_is_locked() outcomes, and by the
// location an address computed from a read designates. The explorer evaluates
// the values once reads-from is chosen and drops paths whose constraints fail.
// Paths are enumerated by replaying a choice vector.
import type { Expr, Process, Range, Stmt } from '../litmus/ast.js';
import type { PrimitiveRegistry } from '../kernel/primitives.js';
import type { LocArg, Step, ValArg } from '../kernel/types.js';
import type { Constraint, ThreadEvent, ThreadTrace } from './types.js';
import { addrOf, locOfAddr } from './values.js';
import { isConst, mkBin, mkUn, readOf, type Sym } from './sym.js';
import { siteOf } from './herd-syms.js';

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
}

/** A (possibly symbolic) value and the local indices of the reads it depends on. */
interface Val {
  v: Sym;
  d: number[];
}

/** The hidden location that carries a read-side flavour's sections (e.g. IRQ-off). */
export function domainLocationName(domain: string): string {
  return `__${domain}`;
}

class PathEnd extends Error {
  constructor(readonly why: 'cut' | 'invalid', detail: string) {
    super(detail);
  }
}

export class TooManyPaths extends Error {}

function union(a: readonly number[], b: readonly number[]): number[] {
  if (a.length === 0) return b as number[];
  if (b.length === 0) return a as number[];
  const s = new Set([...a, ...b]);
  return [...s].sort((x, y) => x - y);
}

class Run {
  readonly events: ThreadEvent[] = [];
  readonly regs = new Map<string, Val>();
  readonly constraints: Constraint[] = [];
  /**
   * Every decision of the path (each branch, loop test, RMW or lock outcome,
   * constant ones included) as `<site><T|F>`: the key that matches the path
   * with herd's own enumeration in herd-syms.ts.
   */
  readonly log: string[] = [];
  /** Site of the primitive call whose steps are running. */
  callSite = 0;
  ctrl: number[] = [];
  pos = 0;
  line = 0;
  col = 0;

  constructor(private readonly env: InterpEnv, private readonly choices: number[], private readonly counts: number[]) {
    for (const p of env.proc.params) {
      const loc = env.locIndex.get(p.name);
      if (loc !== undefined) this.regs.set(p.name, { v: addrOf(loc), d: [] });
    }
    for (const [name, v] of env.initRegs) this.regs.set(name, { v, d: [] });
  }

  choose(n: number): number {
    const i = this.pos++;
    this.counts[i] = n;
    if (i < this.choices.length) return this.choices[i]!;
    this.choices.push(0);
    return 0;
  }

  emit(e: Omit<ThreadEvent, 'ctrl' | 'line' | 'col' | 'rmwClass' | 'rmwWrite' | 'addr' | 'data'> & Partial<ThreadEvent>): number {
    const ev: ThreadEvent = {
      rmwClass: false, rmwWrite: -1, addr: [], data: [],
      ...e,
      ctrl: this.ctrl, line: this.line, col: this.col,
    };
    this.events.push(ev);
    return this.events.length - 1;
  }

  read(loc: number, fields: Partial<ThreadEvent> & { kind: ThreadEvent['kind']; origin: string }): number {
    const i = this.events.length;
    return this.emit({ ...fields, loc, value: readOf(i) });
  }

  /** Decides the truth of a value: directly when constant, else by a recorded choice. */
  truth(v: Sym, site: number): boolean {
    let t: boolean;
    if (isConst(v)) t = v !== 0;
    else {
      t = this.choose(2) === 0;
      this.constraints.push({ value: v, truthy: t });
    }
    this.decided(site, t);
    return t;
  }

  decided(site: number, t: boolean): void {
    this.log.push(`${site}${t ? 'T' : 'F'}`);
  }

  at(r: Range): void {
    this.line = r.start.line;
    this.col = r.start.col;
  }

  // -- statements -----------------------------------------------------------
  exec(s: Stmt): void {
    switch (s.kind) {
      case 'decl':
        this.at(s.range);
        // A declaration without initialiser keeps a value given in the init block (`0:r2=a`).
        if (s.init) this.regs.set(s.name, this.eval(s.init));
        else if (!this.env.initRegs.has(s.name)) this.regs.set(s.name, { v: 0, d: [] });
        return;
      case 'assign': {
        this.at(s.range);
        if (s.target.kind === 'deref') {
          const a = this.eval(s.target.arg);
          const loc = this.locOf(a.v);
          const val = this.eval(s.value);
          this.emit({ kind: 'W', loc, value: val.v, addr: a.d, data: val.d, origin: 'plain store' });
        } else if (s.target.kind === 'var') {
          this.regs.set(s.target.name, this.eval(s.value));
        } else {
          throw new PathEnd('invalid', 'unsupported assignment target');
        }
        return;
      }
      case 'expr':
        this.at(s.range);
        this.eval(s.expr);
        return;
      case 'if': {
        this.at(s.range);
        const c = this.eval(s.cond);
        // Control dependencies cover the arms of the if only, as in herd7's C
        // semantics: code after the if statement does not depend on its condition.
        const saved = this.ctrl;
        this.ctrl = union(this.ctrl, c.d);
        if (this.truth(c.v, siteOf(s))) this.exec(s.then);
        else if (s.else) this.exec(s.else);
        this.ctrl = saved;
        return;
      }
      case 'while': {
        const saved = this.ctrl;
        for (let iter = 0; ; iter++) {
          this.at(s.range);
          const c = this.eval(s.cond);
          this.ctrl = union(this.ctrl, c.d);
          if (!this.truth(c.v, siteOf(s))) {
            this.ctrl = saved;
            return;
          }
          if (iter >= this.env.unroll) throw new PathEnd('cut', 'loop bound');
          this.exec(s.body);
        }
      }
      case 'block':
        for (const t of s.body) this.exec(t);
        return;
      case 'empty':
        return;
    }
  }

  // -- expressions ----------------------------------------------------------
  readonly domains = new Map<string, Val[]>();

  domainLoc(domain: string): number {
    const loc = this.env.locIndex.get(domainLocationName(domain));
    if (loc === undefined) throw new PathEnd('invalid', `no location for flavour ${domain}`);
    return loc;
  }

  locOf(v: Sym): number {
    if (isConst(v)) {
      const loc = locOfAddr(v, this.env.nlocs);
      if (loc < 0) throw new PathEnd('invalid', `access through a non-address value ${v}`);
      return loc;
    }
    // An address computed from a read: one path per location it may designate.
    const loc = this.choose(this.env.nlocs);
    this.constraints.push({ value: mkBin('==', v, addrOf(loc)), truthy: true });
    return loc;
  }

  eval(e: Expr): Val {
    switch (e.kind) {
      case 'int':
        return { v: e.value, d: [] };
      case 'var': {
        const r = this.regs.get(e.name);
        if (r) return r;
        const loc = this.env.locIndex.get(e.name);
        if (loc !== undefined) return { v: addrOf(loc), d: [] };
        return { v: 0, d: [] };
      }
      case 'deref': {
        const a = this.eval(e.arg);
        const loc = this.locOf(a.v);
        const i = this.read(loc, { kind: 'R', addr: a.d, origin: 'plain load' });
        return { v: readOf(i), d: [i] };
      }
      case 'addr':
        return this.address(e.arg);
      case 'unary': {
        const a = this.eval(e.arg);
        return { v: mkUn(e.op, a.v), d: a.d };
      }
      case 'binary': {
        const l = this.eval(e.left);
        if ((e.op === '&&' || e.op === '||') && !pure(e.right)) {
          // Short-circuit with side effects on the right: a branch.
          const t = this.truth(l.v, siteOf(e));
          if (e.op === '&&' && !t) return { v: 0, d: l.d };
          if (e.op === '||' && t) return { v: 1, d: l.d };
          const r = this.eval(e.right);
          return { v: mkBin('!=', r.v, 0), d: union(l.d, r.d) };
        }
        const r = this.eval(e.right);
        return { v: mkBin(e.op, l.v, r.v), d: union(l.d, r.d) };
      }
      case 'ternary': {
        const c = this.eval(e.cond);
        const b = this.eval(this.truth(c.v, siteOf(e)) ? e.then : e.else);
        return { v: b.v, d: union(c.d, b.d) };
      }
      case 'cast':
        return this.eval(e.arg);
      case 'call':
        return this.call(e);
    }
  }

  /** The address designated by an lvalue expression. */
  address(e: Expr): Val {
    if (e.kind === 'deref') return this.eval(e.arg);
    if (e.kind === 'var') {
      const loc = this.env.locIndex.get(e.name);
      if (loc !== undefined) return { v: addrOf(loc), d: [] };
    }
    throw new PathEnd('invalid', 'not an lvalue');
  }

  call(e: Extract<Expr, { kind: 'call' }>): Val {
    const def = this.env.registry.lookup(e.name);
    if (!def) throw new PathEnd('invalid', `unknown primitive ${e.name}`);
    const cache = new Map<string, Val>();
    const locOf = (l: LocArg): { loc: number; d: number[] } => {
      const key = `l${l.arg}${l.deref}`;
      let a = cache.get(key);
      if (!a) {
        const arg = e.args[l.arg];
        if (!arg) throw new PathEnd('invalid', 'missing argument');
        a = l.deref ? this.eval(arg) : this.address(arg);
        cache.set(key, a);
      }
      return { loc: this.locOf(a.v), d: a.d };
    };
    const valOf = (v: ValArg): Val => {
      if ('const' in v) return { v: v.const, d: [] };
      if ('bitOf' in v) {
        const b = valOf({ arg: v.bitOf });
        return { v: mkBin('<<', 1, b.v), d: b.d };
      }
      const key = `v${v.arg}`;
      let r = cache.get(key);
      if (!r) {
        const arg = e.args[v.arg];
        if (!arg) throw new PathEnd('invalid', 'missing argument');
        r = this.eval(arg);
        cache.set(key, r);
      }
      return r;
    };
    let result: Val = { v: 0, d: [] };
    const savedSite = this.callSite;
    this.callSite = siteOf(e);
    for (const step of def.steps) result = this.step(step, e.name, locOf, valOf) ?? result;
    this.callSite = savedSite;
    const t = def.test;
    if (t === 'eq0') result = { v: mkBin('==', result.v, 0), d: result.d };
    else if (t === 'lt0') result = { v: mkBin('<', result.v, 0), d: result.d };
    else if (t && 'neArg' in t) {
      const other = valOf({ arg: t.neArg });
      result = { v: mkBin('!=', result.v, other.v), d: union(result.d, other.d) };
    } else if (t && 'bitArg' in t) {
      const nr = valOf({ arg: t.bitArg });
      result = { v: mkBin('&', mkBin('>>', result.v, nr.v), 1), d: union(result.d, nr.d) };
    }
    return result;
  }

  step(s: Step, origin: string, locOf: (l: LocArg) => { loc: number; d: number[] }, valOf: (v: ValArg) => Val): Val | undefined {
    switch (s.op) {
      case 'load': {
        const l = locOf(s.loc);
        const i = this.read(l.loc, { kind: 'R', ...(s.tag ? { tag: s.tag } : {}), addr: l.d, origin });
        return { v: readOf(i), d: [i] };
      }
      case 'store': {
        const l = locOf(s.loc);
        const val = valOf(s.value);
        this.emit({ kind: 'W', ...(s.tag ? { tag: s.tag } : {}), loc: l.loc, value: val.v, addr: l.d, data: val.d, origin });
        return undefined;
      }
      case 'fence':
        this.emit({ kind: 'F', fence: s.tag, loc: -1, value: 0, origin });
        return undefined;
      case 'rmw': {
        const l = locOf(s.loc);
        const operand = valOf(s.value);
        const r = this.read(l.loc, { kind: 'R', tag: s.tag, addr: l.d, rmwClass: true, origin });
        const old = readOf(r);
        const nv = s.alu === 'xchg' ? operand.v : alu(s.alu, old, operand.v);
        const data = s.alu === 'xchg' ? operand.d : union([r], operand.d);
        const w = this.emit({ kind: 'W', tag: s.tag, loc: l.loc, value: nv, addr: l.d, data, rmwClass: true, origin });
        this.events[r]!.rmwWrite = w;
        if (s.returns === 'none') return { v: 0, d: [] };
        return { v: s.returns === 'old' ? old : nv, d: [r] };
      }
      case 'cmpxchg': {
        const l = locOf(s.loc);
        const expect = valOf(s.expect);
        const nv = valOf(s.value);
        const r = this.read(l.loc, { kind: 'R', tag: s.tag, addr: l.d, rmwClass: true, origin });
        const old = readOf(r);
        const ok = this.truth(mkBin('==', old, expect.v), this.callSite);
        if (ok) {
          const w = this.emit({ kind: 'W', tag: s.tag, loc: l.loc, value: nv.v, addr: l.d, data: nv.d, rmwClass: true, origin });
          this.events[r]!.rmwWrite = w;
        }
        if (s.returnsSuccess) return { v: ok ? 1 : 0, d: [r] };
        return { v: old, d: [r] };
      }
      case 'add-unless': {
        const l = locOf(s.loc);
        const add = valOf(s.value);
        const unless = valOf(s.unless);
        const r = this.read(l.loc, { kind: 'R', tag: s.tag, addr: l.d, rmwClass: true, origin });
        const old = readOf(r);
        if (!this.truth(mkBin('!=', old, unless.v), this.callSite)) return { v: 0, d: [r] };
        const w = this.emit({ kind: 'W', tag: s.tag, loc: l.loc, value: mkBin('+', old, add.v), addr: l.d, data: union([r], add.d), rmwClass: true, origin });
        this.events[r]!.rmwWrite = w;
        return { v: 1, d: [r] };
      }
      case 'lock': {
        const l = locOf(s.loc);
        this.emit({ kind: 'LKR', loc: l.loc, value: 0, addr: l.d, origin });
        this.emit({ kind: 'LKW', loc: l.loc, value: 1, addr: l.d, origin });
        return undefined;
      }
      case 'unlock': {
        const l = locOf(s.loc);
        this.emit({ kind: 'UL', loc: l.loc, value: 0, addr: l.d, origin });
        return undefined;
      }
      case 'trylock': {
        const l = locOf(s.loc);
        const got = this.choose(2) === 0;
        this.decided(this.callSite, got);
        if (got) {
          const r = this.emit({ kind: 'LKR', loc: l.loc, value: 0, addr: l.d, origin });
          this.emit({ kind: 'LKW', loc: l.loc, value: 1, addr: l.d, origin });
          return { v: 1, d: [r] };
        }
        const f = this.emit({ kind: 'LF', loc: l.loc, value: 1, addr: l.d, origin });
        return { v: 0, d: [f] };
      }
      case 'islocked': {
        const l = locOf(s.loc);
        const held = this.choose(2) === 0;
        this.decided(this.callSite, held);
        const i = this.emit({ kind: held ? 'RL' : 'RU', loc: l.loc, value: held ? 1 : 0, addr: l.d, origin });
        return { v: held ? 1 : 0, d: [i] };
      }
      case 'srcu-lock': {
        const l = locOf(s.loc);
        const i = this.read(l.loc, { kind: 'R', srcu: 'lock', addr: l.d, origin });
        return { v: readOf(i), d: [i] };
      }
      case 'srcu-unlock': {
        const l = locOf(s.loc);
        const val = valOf(s.value);
        this.emit({ kind: 'W', srcu: 'unlock', loc: l.loc, value: val.v, addr: l.d, data: val.d, origin });
        return undefined;
      }
      case 'srcu-sync': {
        const l = locOf(s.loc);
        this.emit({ kind: 'SRCU-SYNC', loc: l.loc, value: 0, addr: l.d, origin });
        return undefined;
      }
      case 'domain-lock': {
        // A read-side section of a named flavour: an SRCU-style lock on a hidden
        // location whose cookie is kept on a per-flavour stack.
        const loc = this.domainLoc(s.domain);
        const i = this.read(loc, { kind: 'R', srcu: 'lock', origin });
        const stack = this.domains.get(s.domain) ?? [];
        stack.push({ v: readOf(i), d: [i] });
        this.domains.set(s.domain, stack);
        return undefined;
      }
      case 'domain-unlock': {
        const loc = this.domainLoc(s.domain);
        const cookie = this.domains.get(s.domain)?.pop() ?? { v: 0, d: [] };
        this.emit({ kind: 'W', srcu: 'unlock', loc, value: cookie.v, data: cookie.d, origin });
        return undefined;
      }
      case 'domain-sync':
        this.emit({ kind: 'SRCU-SYNC', loc: this.domainLoc(s.domain), value: 0, origin });
        return undefined;
    }
  }
}

function alu(op: string, a: Sym, b: Sym): Sym {
  switch (op) {
    case 'add': return mkBin('+', a, b);
    case 'sub': return mkBin('-', a, b);
    case 'and': return mkBin('&', a, b);
    case 'or': return mkBin('|', a, b);
    case 'xor': return mkBin('^', a, b);
    case 'andnot': return mkBin('&', a, mkUn('~', b));
    default: throw new Error(`unknown alu op ${op}`);
  }
}

/** An expression without calls or memory accesses (safe to evaluate eagerly). */
function pure(e: Expr): boolean {
  switch (e.kind) {
    case 'int': case 'var': return true;
    case 'deref': case 'call': return false;
    case 'addr': case 'unary': case 'cast': return pure(e.arg);
    case 'binary': return pure(e.left) && pure(e.right);
    case 'ternary': return false;
  }
}

export interface ThreadPaths {
  traces: ThreadTrace[];
  /** Per trace: its decisions (see Run.log), joined by commas. */
  keys: string[];
  loopCut: boolean;
}

/** Every path of one process under the given candidate read values. */
export function threadPaths(env: InterpEnv): ThreadPaths {
  const traces: ThreadTrace[] = [];
  const keys: string[] = [];
  let loopCut = false;
  const choices: number[] = [];
  for (;;) {
    const counts: number[] = [];
    const run = new Run(env, choices, counts);
    try {
      for (const s of env.proc.body) run.exec(s);
      const regs = new Map<string, Sym>();
      for (const [k, v] of run.regs) regs.set(k, v.v);
      traces.push({ events: run.events, regs, constraints: run.constraints });
      keys.push(run.log.join(','));
      if (traces.length > env.maxPaths) throw new TooManyPaths(`P${env.thread} has more than ${env.maxPaths} paths`);
    } catch (err) {
      if (!(err instanceof PathEnd)) throw err;
      if (err.why === 'cut') loopCut = true;
    }
    // Odometer over the choice points this run met.
    choices.length = run.pos;
    let i = run.pos - 1;
    while (i >= 0 && choices[i]! + 1 >= counts[i]!) i--;
    if (i < 0) break;
    choices[i]!++;
    choices.length = i + 1;
  }
  return { traces, keys, loopCut };
}

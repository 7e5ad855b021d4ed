// One run of a process along one path (see interp.ts): its state, the choices
// that fix the path, statements and expressions. Calls of primitives are run
// by the subclass in interp-calls.ts.
import { expressionStatements } from './herd-statements.js';
import type { Expr, Range, Stmt } from '../litmus/ast.js';
import type { Constraint, Division, ThreadEvent } from './program.js';
import { addrOf, locOfAddr } from './value-encoding.js';
import { isConst, mkBin, mkUn, readOf, type Sym } from './sym.js';
import { siteOf } from './herd-sites.js';
import { PathEnd, pure, union, type InterpEnv, type Val } from './interp-common.js';

/** A run of one process along the path a choice vector fixes. */
export abstract class RunBase {
  readonly events: ThreadEvent[] = [];
  readonly regs = new Map<string, Val>();
  readonly constraints: Constraint[] = [];
  /** Divisions by zero or by a read-dependent value (ThreadTrace.divisions). */
  readonly divisions: Division[] = [];
  /**
   * Every decision of the path (each branch, loop test, RMW or lock outcome,
   * constant ones included) as `<site><T|F>`: the key that matches the path
   * with herd's own enumeration in herd-syms.ts.
   */
  readonly log: string[] = [];
  /** Site of the primitive call whose steps are running. */
  callSite = 0;
  ctrl: number[] = [];
  /** herd's number of the statement being run (herd-statements.ts): older defs' SRCU cookies. */
  statement = 0;
  pos = 0;
  line = 0;
  col = 0;

  constructor(protected readonly env: InterpEnv, private readonly choices: number[], private readonly counts: number[]) {
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

  /**
   * The events a branch on a condition depends on: its value's sources, less
   * a failed spin_trylock() (LF) or a spin_is_locked() (RL/RU) evaluated in
   * the condition itself. herd7 derives a control dependency only from a
   * load, or from a data flow (through a register) that starts at a read;
   * these lock reads are not loads to it, so `if (spin_trylock(s))` orders
   * nothing, while `r = spin_trylock(s); if (r)` does. `start` is the first
   * event of the condition's evaluation.
   */
  controlling(deps: number[], start: number): number[] {
    if (!deps.some((i) => i >= start)) return deps;
    return deps.filter((i) => {
      if (i < start) return true;
      const k = this.events[i]!.kind;
      return k !== 'LF' && k !== 'RL' && k !== 'RU';
    });
  }

  /**
   * Runs `first` then `second` as herd runs the operands of one expression:
   * no program order between the events of one and those of the other.
   */
  parallel<A, B>(first: () => A, second: () => B): [A, B] {
    const start = this.events.length;
    const a = first();
    const mid = this.events.length;
    const b = second();
    this.markParallel(start, mid);
    return [a, b];
  }

  /** Events from `mid` on are not po-after those in [start, mid). */
  markParallel(start: number, mid: number): void {
    if (mid === start) return;
    for (let j = mid; j < this.events.length; j++) {
      const ev = this.events[j]!;
      const prev = ev.parallelWith ?? [];
      for (let i = start; i < mid; i++) prev.push(i);
      ev.parallelWith = prev;
    }
  }

  read(loc: number, fields: Partial<ThreadEvent> & { kind: ThreadEvent['kind']; origin: string }): number {
    const i = this.events.length;
    return this.emit({ ...fields, loc, value: readOf(i) });
  }

  /**
   * Decides the truth of a value: directly when constant, else by a recorded
   * choice. `equation`: taken as true, it is one of herd's equations (see
   * Constraint.equation).
   */
  truth(v: Sym, site: number, equation = false): boolean {
    let t: boolean;
    if (isConst(v)) t = v !== 0;
    else {
      t = this.choose(2) === 0;
      this.constraints.push({ value: v, truthy: t, ...(equation && t ? { equation: true as const } : {}) });
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
    this.env.governor?.tick();
    switch (s.kind) {
      case 'decl':
        this.at(s.range);
        // A declaration without initialiser keeps a value given in the init block (`0:r2=a`).
        if (s.init) {
          this.statement++;
          this.regs.set(s.name, this.evalInto(s.name, s.init));
        }
        else if (!this.env.initRegs.has(s.name)) this.regs.set(s.name, { v: 0, d: [] });
        return;
      case 'assign': {
        this.at(s.range);
        this.statement++;
        if (s.target.kind === 'deref') {
          const target = s.target;
          const [a, val] = this.parallel(() => this.eval(target.arg), () => this.eval(s.value));
          const loc = this.locOf(a.v, 'write');
          if (loc >= 0) this.emit({ kind: 'W', loc, value: val.v, addr: a.d, data: val.d, origin: 'plain store' });
        } else if (s.target.kind === 'var') {
          this.regs.set(s.target.name, this.evalInto(s.target.name, s.value));
        } else {
          throw new PathEnd('invalid', 'unsupported assignment target');
        }
        return;
      }
      case 'expr':
        this.at(s.range);
        this.statement++;
        this.eval(s.expr);
        this.statement += expressionStatements(s.expr, this.env.registry) - 1;
        return;
      case 'if': {
        this.at(s.range);
        const own = ++this.statement;
        const start = this.events.length;
        const c = this.eval(s.cond);
        // Control dependencies cover the arms of the if only, as in herd7's C
        // semantics: code after the if statement does not depend on its condition.
        const saved = this.ctrl;
        this.ctrl = union(this.ctrl, this.controlling(c.d, start));
        const taken = this.truth(c.v, siteOf(s)) ? s.then : s.else;
        if (taken) {
          this.statement = own + 1;
          this.exec(taken);
        }
        this.ctrl = saved;
        return;
      }
      case 'while': {
        const saved = this.ctrl;
        for (let iter = 0; ; iter++) {
          this.at(s.range);
          this.statement++;
          const start = this.events.length;
          const c = this.eval(s.cond);
          this.ctrl = union(this.ctrl, this.controlling(c.d, start));
          if (!this.truth(c.v, siteOf(s))) {
            this.ctrl = saved;
            return;
          }
          if (iter >= this.env.unroll) throw new PathEnd('cut', 'loop bound', this.line, this.col);
          this.exec(s.body);
        }
      }
      case 'block':
        this.statement++;
        for (const t of s.body) this.exec(t);
        return;
      case 'empty':
        return;
    }
  }

  /** Evaluates the value assigned to register `name`; a load through a non-address on the way names it. */
  private evalInto(name: string, e: Expr): Val {
    const before = this.divisions.length;
    try {
      return this.eval(e);
    } catch (err) {
      if (err instanceof PathEnd && err.why === 'bad-address' && err.register === undefined) err.register = name;
      throw err;
    } finally {
      for (let i = before; i < this.divisions.length; i++) this.divisions[i]!.register ??= name;
    }
  }

  // -- expressions ----------------------------------------------------------
  /**
   * The location an address designates. herd rejects a load or RMW through a
   * value that is not an address, but accepts a store through one: it writes a
   * location no load can reach, so the store leaves no event here (-1).
   */
  locOf(v: Sym, access: 'read' | 'write' = 'read'): number {
    if (isConst(v)) {
      const loc = locOfAddr(v, this.env.nlocs);
      if (loc >= 0) return loc;
      if (access === 'write') return -1;
      throw new PathEnd('bad-address', `access through ${v}, which is not the address of a shared location`, this.line, this.col);
    }
    // An address computed from a read: one path per location it may designate,
    // and one where it designates none (a store then leaves no event; a load
    // ends the path, which herd rejects if an execution can follow it).
    const n = this.env.nlocs;
    const loc = this.choose(n + 1);
    if (loc === n) {
      for (let l = 0; l < n; l++) this.constraints.push({ value: mkBin('!=', v, addrOf(l)), truthy: true });
      if (access === 'write') return -1;
      throw new PathEnd('bad-address', 'access through a value that is not the address of a shared location', this.line, this.col);
    }
    this.constraints.push({ value: mkBin('==', v, addrOf(loc)), truthy: true });
    return loc;
  }

  eval(e: Expr): Val {
    switch (e.kind) {
      case 'int':
        return { v: e.value, d: [] };
      case 'var': {
        // A name that is neither a parameter nor assigned is a fresh register
        // holding 0 for herd, even when another process has a location of
        // that name (the missing-parameter warning says so).
        const r = this.regs.get(e.name);
        return r ?? { v: 0, d: [] };
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
        const start = this.events.length;
        const l = this.eval(e.left);
        const mid = this.events.length;
        if ((e.op === '&&' || e.op === '||') && !pure(e.right)) {
          // Short-circuit with side effects on the right: a branch.
          const t = this.truth(l.v, siteOf(e));
          if (e.op === '&&' && !t) return { v: 0, d: l.d };
          if (e.op === '||' && t) return { v: 1, d: l.d };
          const r = this.eval(e.right);
          return { v: mkBin('!=', r.v, 0), d: union(l.d, r.d) };
        }
        // herd puts no program order between the two operands' events.
        const r = this.eval(e.right);
        this.markParallel(start, mid);
        if ((e.op === '/' || e.op === '%') && (!isConst(r.v) || r.v === 0)) {
          this.divisions.push({ divisor: r.v, line: this.line, col: this.col });
        }
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

  /** A call of a primitive (interp-calls.ts). */
  abstract call(e: Extract<Expr, { kind: 'call' }>): Val;
}

// Semantic checks on a parsed litmus test. Errors are what herd7 rejects
// (unknown macros, wrong arity, misnumbered processes); warnings are what herd7
// silently accepts but is almost certainly a mistake (a typo'd register becomes
// a fresh local, a condition on a register nobody writes, ...).
//
// Codes: unknown-primitive, arity, void-value (errors); duplicate-process,
// process-numbering (errors); undeclared-register, missing-parameter,
// unknown-process, incompatible-filter, bad-access-argument, value-statement, int-range (errors); unassigned-register,
// unknown-location, duplicate-init, value-as-pointer (warnings); no-process (error).

import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { defaultRegistry, type PrimitiveRegistry } from '../kernel/primitives.js';
import type { Cond, Expr, LitmusTest, LocRef, Process, Range, Stmt } from './ast.js';
import { closest } from '../diagnostics/did-you-mean.js';
import { isVocabulary } from './extensions.js';
import { filterEquations } from './filter-equations.js';

interface ProcInfo {
  proc: Process;
  params: Set<string>;
  declared: Set<string>;
  assigned: Set<string>;
}

/** `registry` is the vocabulary calls are checked against (default: the built-in one). */
export function checkTest(test: LitmusTest, registry: PrimitiveRegistry = defaultRegistry()): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (severity: Severity, code: string, message: string, range: Range): void => {
    out.push({ severity, code, message, file: test.file, range });
  };

  // --- globals and init ------------------------------------------------------------
  const globals = new Set<string>();
  const initRegs = new Map<number, Set<string>>();
  const seenInit = new Map<string, Range>();
  for (const e of test.init) {
    const key = e.thread === undefined ? e.name : `${e.thread}:${e.name}`;
    const prev = seenInit.get(key);
    if (prev) report('warning', 'duplicate-init', `'${key}' is initialised twice (first at line ${prev.start.line})`, e.nameRange);
    else seenInit.set(key, e.nameRange);
    if (e.thread === undefined) globals.add(e.name);
    else {
      if (!initRegs.has(e.thread)) initRegs.set(e.thread, new Set());
      initRegs.get(e.thread)!.add(e.name);
    }
  }
  for (const p of test.processes) for (const q of p.params) globals.add(q.name);

  for (const e of test.init) if (e.value?.kind === 'int') checkInt32(e.value.value, e.range, report);

  // --- processes -------------------------------------------------------------------
  const procs = new Map<number, ProcInfo>();
  let next = 0;
  for (const p of test.processes) {
    const first = procs.get(p.id);
    if (first) {
      report('error', 'duplicate-process', `duplicate process P${p.id} (first defined at line ${first.proc.idRange.start.line})`, p.idRange);
      continue;
    }
    if (p.id !== next) {
      const want = `P${next}`;
      report('error', 'process-numbering', `process P${p.id} should be ${want}: processes must be numbered P0, P1, P2, ... in order`, p.idRange);
    }
    next = Math.max(next, p.id + 1);
    const info: ProcInfo = { proc: p, params: new Set(p.params.map((q) => q.name)), declared: new Set(), assigned: new Set() };
    procs.set(p.id, info);
    collectNames(p.body, info);
    checkBody(p, info, initRegs.get(p.id) ?? new Set(), globals, report, registry);
  }
  if (test.processes.length === 0) {
    report('error', 'no-process', 'the test has no processes', test.nameRange);
  }

  // --- condition, filter, locations --------------------------------------------------
  const checkLoc = (loc: LocRef, where: string): void => {
    if (loc.kind === 'global') {
      if (!globals.has(loc.name)) {
        report('warning', 'unknown-location', `'${loc.name}' in the ${where} is not a shared location of this test (not in the init block nor any process's parameters)`, loc.range);
      }
      return;
    }
    const info = procs.get(loc.thread);
    if (!info) {
      report('error', 'unknown-process', `${loc.thread}:${loc.name} in the ${where} names P${loc.thread}, which does not exist`, loc.range);
      return;
    }
    if (info.assigned.has(loc.name) || initRegs.get(loc.thread)?.has(loc.name)) return;
    const hint = closest(loc.name, [...info.assigned]);
    const why = info.declared.has(loc.name) ? 'is declared but never assigned by' : 'is never assigned by';
    report('warning', 'unassigned-register', `register ${loc.thread}:${loc.name} in the ${where} ${why} P${loc.thread}${hint ? ` (did you mean ${loc.thread}:${hint}?)` : ''}`, loc.range);
  };
  const walkCond = (c: Cond, where: string): void => {
    switch (c.kind) {
      case 'atom':
        if (c.value.kind === 'int') checkInt32(c.value.value, c.value.range, report);
        checkLoc(c.loc, where);
        if (c.value.kind === 'loc') checkLoc(c.value.loc, where);
        else if (c.value.kind === 'sym' && !globals.has(c.value.name)) {
          report('warning', 'unknown-location', `'${c.value.name}' in the ${where} is not a shared location of this test`, c.value.range);
        }
        return;
      case 'not':
        return walkCond(c.arg, where);
      case 'and':
      case 'or':
      case 'implies':
        walkCond(c.left, where);
        return walkCond(c.right, where);
      default:
        return;
    }
  };
  for (const l of test.locations) checkLoc(l, 'locations clause');
  if (test.filter) {
    walkCond(test.filter, 'filter');
    checkFilterEquations(test.filter, report);
  }
  walkCond(test.condition.expr, 'condition');
  return out;
}

/** Declared and assigned names of a process body. */
function collectNames(body: Stmt[], info: ProcInfo): void {
  const walk = (s: Stmt): void => {
    switch (s.kind) {
      case 'decl':
        info.declared.add(s.name);
        if (s.init) info.assigned.add(s.name);
        return;
      case 'assign':
        if (s.target.kind === 'var') info.assigned.add(s.target.name);
        return;
      case 'if':
        walk(s.then);
        if (s.else) walk(s.else);
        return;
      case 'while':
        return walk(s.body);
      case 'block':
        return s.body.forEach(walk);
      default:
        return;
    }
  };
  body.forEach(walk);
}

type Report = (severity: Severity, code: string, message: string, range: Range) => void;

function checkBody(p: Process, info: ProcInfo, initRegs: Set<string>, globals: Set<string>, report: Report, registry: PrimitiveRegistry): void {
  const known = (n: string): boolean => info.params.has(n) || info.declared.has(n) || initRegs.has(n);
  const warned = new Set<string>();
  const useName = (name: string, range: Range, isWrite: boolean): void => {
    if (known(name) || warned.has(name)) return;
    if (globals.has(name)) {
      warned.add(name);
      report('warning', 'missing-parameter', `'${name}' is a shared location but not a parameter of P${p.id}: herd treats it as a local register here (add it to P${p.id}'s parameters to share it)`, range);
      return;
    }
    if (isWrite || info.assigned.has(name)) return; // herd's implicit declaration by assignment
    warned.add(name);
    const hint = closest(name, [...info.declared, ...info.assigned, ...info.params]);
    report('warning', 'undeclared-register', `'${name}' is never declared nor assigned in P${p.id}: herd reads it as a fresh register${hint ? ` (did you mean ${hint}?)` : ''}`, range);
  };

  const expr = (e: Expr, valueUsed: boolean): void => {
    switch (e.kind) {
      case 'int':
        return checkInt32(e.value, e.range, report);
      case 'var':
        return useName(e.name, e.range, false);
      case 'deref':
      case 'addr':
      case 'unary':
        return expr(e.arg, true);
      case 'cast':
        return expr(e.arg, valueUsed && e.type !== 'void');
      case 'binary':
        expr(e.left, true);
        return expr(e.right, true);
      case 'ternary':
        expr(e.cond, true);
        expr(e.then, valueUsed);
        return expr(e.else, valueUsed);
      case 'call':
        checkCall(e, valueUsed, report, registry);
        checkAccessArgs(e, p, report, registry);
        for (const a of e.args) expr(a, true);
        return;
    }
  };
  const stmt = (s: Stmt): void => {
    switch (s.kind) {
      case 'decl':
        if (s.init) expr(s.init, true);
        return;
      case 'assign':
        if (s.target.kind === 'var') useName(s.target.name, s.target.range, true);
        else expr(s.target, true);
        return expr(s.value, true);
      case 'expr':
        // herd looks a call made as a statement up among linux-kernel.def's statement
        // macros only: a value-returning primitive there must be cast, `(void)xchg(x, 1);`.
        if (s.expr.kind === 'call' && !isVocabulary(s.expr.name) && registry.lookup(s.expr.name)?.returns) {
          report('error', 'value-statement', `'${s.expr.name}' returns a value: herd7 does not run it as a statement; write (void)${s.expr.name}(...) or assign its value`, s.expr.nameRange);
        }
        return expr(s.expr, false);
      case 'if':
        expr(s.cond, true);
        stmt(s.then);
        if (s.else) stmt(s.else);
        return;
      case 'while':
        expr(s.cond, true);
        return stmt(s.body);
      case 'block':
        return s.body.forEach(stmt);
      case 'empty':
        return;
    }
  };
  p.body.forEach(stmt);
}

function checkCall(e: Extract<Expr, { kind: 'call' }>, valueUsed: boolean, report: Report, registry: PrimitiveRegistry): void {
  const def = registry.lookup(e.name);
  if (!def) {
    const hint = closest(e.name, registry.names());
    report('error', 'unknown-primitive', `unknown primitive '${e.name}'${hint ? ` (did you mean ${hint}?)` : ''}`, e.nameRange);
    return;
  }
  const want = def.params.length;
  if (e.args.length !== want) {
    const args = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
    report('error', 'arity', `'${e.name}' takes ${args(want)} but ${e.args.length} ${e.args.length === 1 ? 'was' : 'were'} given`, e.range);
  }
  if (valueUsed && !def.returns) {
    report('error', 'void-value', `'${e.name}' does not return a value`, e.range);
  }
}

/** The argument positions a primitive accesses memory through, and whether it takes the location itself (`*x`). */
function locationArgs(def: NonNullable<ReturnType<PrimitiveRegistry['lookup']>>): Array<{ arg: number; deref: boolean }> {
  const out: Array<{ arg: number; deref: boolean }> = [];
  for (const st of def.steps) if ('loc' in st && !out.some((o) => o.arg === st.loc.arg)) out.push(st.loc);
  return out;
}

/**
 * herd's access primitives take either a location (READ_ONCE(*x), WRITE_ONCE(*x, v):
 * herd rejects anything but a dereference there) or a pointer (smp_load_acquire(x),
 * atomic_inc(x)). A pointer argument written `*x` with `x` an `int *` parameter is
 * a value where a pointer belongs: herd accepts it and accesses whatever address
 * that value is, which is almost never what was meant.
 */
function checkAccessArgs(e: Extract<Expr, { kind: 'call' }>, p: Process, report: Report, registry: PrimitiveRegistry): void {
  const def = registry.lookup(e.name);
  if (!def) return;
  for (const l of locationArgs(def)) {
    const a = e.args[l.arg];
    if (!a) continue;
    if (!l.deref && a.kind !== 'deref') {
      const shown = a.kind === 'var' ? `*${a.name}` : 'a dereference such as *x';
      report('error', 'bad-access-argument', `'${e.name}' accesses the location its argument designates: write ${shown}, not an address or value`, a.range);
    } else if (l.deref && a.kind === 'deref' && a.arg.kind === 'var') {
      const name = a.arg.name;
      const param = p.params.find((q) => q.name === name);
      if (param && param.pointer === 1) {
        report('warning', 'value-as-pointer', `'${e.name}' takes a pointer, but *${name} is the int value at ${name}: herd7 accesses the address that value holds (did you mean ${name} instead of *${name}?)`, a.range);
      }
    }
  }
}

/**
 * herd adds the `loc=v` equations of the filter's top-level conjunction to its
 * equation solving; two of them that pin one location to different values
 * make the test invalid.
 */
function checkFilterEquations(filter: Cond, report: Report): void {
  const seen = new Map<string, string>();
  for (const c of filterEquations(filter)) {
    const key = c.loc.kind === 'reg' ? `${c.loc.thread}:${c.loc.name}` : c.loc.name;
    const value = c.value.kind === 'int' ? String(c.value.value) : c.value.kind === 'sym' ? c.value.name : '';
    const prev = seen.get(key);
    if (prev === undefined) seen.set(key, value);
    else if (prev !== value) report('error', 'incompatible-filter', `the filter requires ${key}=${prev} and ${key}=${value} at once: no execution can pass it`, c.range);
  }
}

/** herd7's values are 32-bit: it cannot read a constant outside that range. */
function checkInt32(v: number, range: Range, report: Report): void {
  if (v > 2147483647 || v < -2147483648) report('error', 'int-range', `${v} does not fit in 32 bits, the size of herd7's values`, range);
}

// AST -> Program: shared locations, initial values, every path of every thread,
// the observed locations and the compiled condition.
import type { Cond, CondValue, Expr, LitmusTest, LocRef, Stmt } from '../litmus/ast.js';
import { defaultRegistry, type PrimitiveRegistry } from '../kernel/primitives.js';
import { filterEquations } from '../litmus/filter-equations.js';
import { domainLocationName, threadPaths, type InterpEnv } from './interp.js';
import { attachHerdSyms } from './herd-syms.js';
import type { FinalView, LocationInfo, ObservedLoc, Program, ThreadTrace } from './program.js';
import { addrOf } from './value-encoding.js';
import { isConst, mkBin } from './sym.js';
import type { Governor } from '../limits/governor.js';

export interface BuildOptions {
  registry?: PrimitiveRegistry;
  /** Loop unrolling bound, as herd's -unroll (default 2). */
  unroll?: number;
  /** Guard on paths per thread. */
  maxPaths?: number;
  /** Deadline and memory budget while paths are built (throws LimitStop). */
  governor?: Governor;
  /**
   * Keep only the executions that can reach the outcome the condition asks
   * about (see `targetConjuncts`): used to settle a verdict exactly when the
   * full enumeration stops at a limit.
   */
  settle?: boolean;
}

export class BuildError extends Error {}

/** Collects every shared location name, in first-seen order. */
function collectLocations(test: LitmusTest, registry: PrimitiveRegistry): LocationInfo[] {
  const out: LocationInfo[] = [];
  const seen = new Map<string, LocationInfo>();
  const add = (name: string, type?: string): LocationInfo => {
    let l = seen.get(name);
    if (!l) {
      l = { name, init: 0, ...(type ? { type } : {}) };
      seen.set(name, l);
      out.push(l);
    } else if (type && !l.type) {
      l.type = type;
    }
    return l;
  };
  for (const e of test.init) if (e.thread === undefined) add(e.name, e.type);
  for (const p of test.processes) for (const prm of p.params) add(prm.name, prm.type);
  for (const e of test.init) if (e.value?.kind === 'addr') add(e.value.name);
  const visitLoc = (l: LocRef): void => {
    if (l.kind === 'global') add(l.name);
  };
  const visitCond = (c: Cond): void => {
    if (c.kind === 'atom') {
      visitLoc(c.loc);
      if (c.value.kind === 'loc') visitLoc(c.value.loc);
      if (c.value.kind === 'sym') add(c.value.name);
    } else if (c.kind === 'not') visitCond(c.arg);
    else if (c.kind === 'and' || c.kind === 'or' || c.kind === 'implies') {
      visitCond(c.left);
      visitCond(c.right);
    }
  };
  test.locations.forEach(visitLoc);
  if (test.filter) visitCond(test.filter);
  visitCond(test.condition.expr);
  for (const d of usedDomains(test, registry)) add(domainLocationName(d));
  return out;
}

/** Read-side flavours (other than RCU and SRCU) the test's primitives use. */
function usedDomains(test: LitmusTest, registry: PrimitiveRegistry): string[] {
  const found = new Set<string>();
  const expr = (e: Expr): void => {
    switch (e.kind) {
      case 'call': {
        for (const st of registry.lookup(e.name)?.steps ?? []) if ('domain' in st) found.add(st.domain);
        e.args.forEach(expr);
        return;
      }
      case 'deref': case 'addr': case 'unary': case 'cast': expr(e.arg); return;
      case 'binary': expr(e.left); expr(e.right); return;
      case 'ternary': expr(e.cond); expr(e.then); expr(e.else); return;
      default: return;
    }
  };
  const stmt = (s: Stmt): void => {
    switch (s.kind) {
      case 'decl': if (s.init) expr(s.init); return;
      case 'assign': expr(s.target); expr(s.value); return;
      case 'expr': expr(s.expr); return;
      case 'if': expr(s.cond); stmt(s.then); if (s.else) stmt(s.else); return;
      case 'while': expr(s.cond); stmt(s.body); return;
      case 'block': s.body.forEach(stmt); return;
      default: return;
    }
  };
  for (const p of test.processes) p.body.forEach(stmt);
  return [...found].sort();
}

interface HerdWalk {
  env: InterpEnv;
  traces: ThreadTrace[];
  keys: readonly string[];
}

/**
 * herd's names of symbolic values (src/events/herd-syms.ts), which only a
 * cycle of values no write justifies needs (src/explore/value-solver.ts): a
 * second walk of every thread in herd's order, with herd's variable counter
 * running over the whole test, thread after thread. Each path gets the walk
 * as `herdWalk`, which makes every path's `herd` the first time it is called.
 */
function attachHerdSymsOnDemand(walks: readonly HerdWalk[]): void {
  let walked = false;
  const walkAll = (): void => {
    if (walked) return;
    walked = true;
    const counter = { n: 0 };
    for (const w of walks) if (!attachHerdSyms(w.env, w.traces, w.keys, counter)) break;
  };
  for (const w of walks) for (const tr of w.traces) tr.herdWalk = walkAll;
}

export function buildProgram(test: LitmusTest, opts: BuildOptions = {}): Program {
  const registry = opts.registry ?? defaultRegistry();
  const locations = collectLocations(test, registry);
  const locIndex = new Map(locations.map((l, i) => [l.name, i] as const));
  const valueOfInit = (v: NonNullable<LitmusTest['init'][number]['value']>): number => {
    if (v.kind === 'int') return v.value;
    const l = locIndex.get(v.name);
    if (l === undefined) throw new BuildError(`unknown location ${v.name}`);
    return addrOf(l);
  };
  const initRegs = test.processes.map(() => new Map<string, number>());
  for (const e of test.init) {
    if (!e.value) continue;
    if (e.thread === undefined) locations[locIndex.get(e.name)!]!.init = valueOfInit(e.value);
    else {
      const idx = test.processes.findIndex((p) => p.id === e.thread);
      if (idx >= 0) initRegs[idx]!.set(e.name, valueOfInit(e.value));
    }
  }

  const paths: ThreadTrace[][] = [];
  let loopCut = false;
  const cutThreads: ThreadTrace[][] = [];
  const badAddressThreads: ThreadTrace[][] = [];
  const herdWalks: HerdWalk[] = [];
  test.processes.forEach((proc, t) => {
    const env: InterpEnv = {
      thread: t, proc, locIndex, nlocs: locations.length, registry,
      unroll: opts.unroll ?? 2, initRegs: initRegs[t]!, maxPaths: opts.maxPaths ?? 100_000,
      ...(opts.governor ? { governor: opts.governor } : {}),
    };
    const r = threadPaths(env);
    herdWalks.push({ env, traces: r.traces, keys: r.keys });
    paths.push(r.traces);
    cutThreads.push(r.cut);
    badAddressThreads.push(r.badAddress);
    loopCut ||= r.loopCut;
  });

  attachHerdSymsOnDemand(herdWalks);

  if (test.filter) {
    pushConjunctsIntoPaths(test, conjuncts(test.filter, false), paths, locIndex);
    const eqs = filterEquations(test.filter);
    pinFilterValues(test, eqs, paths, locIndex);
    // Stopped paths have no final state for the filter, but herd's filter
    // equations on registers still apply to their values.
    pushConjunctsIntoPaths(test, eqs, cutThreads, locIndex);
    pushConjunctsIntoPaths(test, eqs, badAddressThreads, locIndex);
  }
  if (opts.settle) pushConjunctsIntoPaths(test, targetConjuncts(test), paths, locIndex, { checkOnly: true });

  const observed = observedLocations(test, locIndex);
  const threadIndex = new Map(test.processes.map((p, i) => [p.id, i] as const));
  const compile = (c: Cond) => compileCond(c, locIndex, threadIndex);
  return {
    name: test.name,
    locations,
    threads: paths,
    loopCut,
    ...(loopCut ? { cutThreads } : {}),
    ...(badAddressThreads.some((b) => b.length > 0) ? { badAddressThreads } : {}),
    observed,
    filterLocations: filterLocations(test, locIndex),
    filterEquals: filterEquals(test, locIndex),
    quantifier: test.condition.quantifier,
    condition: compile(test.condition.expr),
    ...(test.filter ? { filter: compile(test.filter) } : {}),
    conditionText: `${test.condition.quantifier} (${printCond(test.condition.expr)})`,
  };
}

/**
 * The atoms that every execution reaching the condition's target outcome
 * satisfies: for `exists` and `~exists` the target is the proposition (herd's
 * Positive executions), for `forall` its negation (the Negative ones). `and`
 * (or a negated `or`) splits; `not` flips; anything else is not used.
 */
export function targetConjuncts(test: LitmusTest): Cond[] {
  return conjuncts(test.condition.expr, test.condition.quantifier === 'forall');
}

/** Top-level conjuncts of `c` (of `not c` when `negate`) that are atoms, with `negate` applied to each. */
export function conjuncts(c: Cond, negate: boolean): Cond[] {
  const out: Cond[] = [];
  const split = (x: Cond, neg: boolean): void => {
    if (x.kind === 'not') split(x.arg, !neg);
    else if ((x.kind === 'and' && !neg) || (x.kind === 'or' && neg)) {
      split(x.left, neg);
      split(x.right, neg);
    } else if (x.kind === 'implies' && neg) {
      split(x.left, false);
      split(x.right, true);
    } else if (x.kind === 'atom') out.push(neg ? { ...x, op: x.op === '=' ? '!=' : '=' } : x);
  };
  split(c, negate);
  return out;
}

/** The filter's equations on registers whose final value is a read's: see ThreadTrace.pins. */
function pinFilterValues(test: LitmusTest, atoms: ReadonlyArray<Extract<Cond, { kind: 'atom' }>>, paths: ThreadTrace[][], locIndex: ReadonlyMap<string, number>): void {
  for (const c of atoms) {
    if (c.loc.kind !== 'reg') continue;
    const thread = c.loc.thread;
    const t = test.processes.findIndex((p) => p.id === thread);
    if (t < 0) continue;
    const want = c.value.kind === 'int' ? c.value.value : c.value.kind === 'sym' && locIndex.has(c.value.name) ? addrOf(locIndex.get(c.value.name)!) : NaN;
    if (Number.isNaN(want)) continue;
    for (const tr of paths[t]!) {
      const v = tr.regs.get(c.loc.name);
      if (v === undefined || isConst(v) || v.k !== 'r') continue;
      (tr.pins ??= []).push([v.e, want]);
    }
  }
}

/**
 * Conjuncts that test one register against a constant become constraints of
 * that thread's paths: an execution failing one is not wanted anyway (it fails
 * the filter, or misses the settled outcome), and as path constraints they
 * prune reads-from early.
 */
function pushConjunctsIntoPaths(test: LitmusTest, atoms: readonly Cond[], paths: ThreadTrace[][], locIndex: ReadonlyMap<string, number>, opts: { checkOnly?: boolean } = {}): void {
  for (const c of atoms) {
    if (c.kind !== 'atom' || c.loc.kind !== 'reg' || c.value.kind === 'loc') continue;
    const t = test.processes.findIndex((p) => p.id === (c.loc as { thread: number }).thread);
    if (t < 0) continue;
    const want = c.value.kind === 'int' ? c.value.value : locIndex.has(c.value.name) ? addrOf(locIndex.get(c.value.name)!) : NaN;
    if (Number.isNaN(want)) continue;
    const name = c.loc.name;
    paths[t] = paths[t]!.filter((tr) => {
      // A register loaded through a non-address has no value to test: herd
      // stops at it (src/explore/explore.ts), so the path stays.
      if (tr.stop?.register === name) return true;
      // A register a division computes: herd gives up when solving this
      // equation divides by zero (src/explore/divisions.ts), so the explorer
      // must reach the candidate; the filter still applies there.
      if (tr.divisions?.some((d) => d.register === name)) return true;
      const v = tr.regs.get(name) ?? 0;
      const test = mkBin('==', v, want);
      if (isConst(test)) return (test !== 0) === (c.op === '=');
      tr.constraints.push({ value: test, truthy: c.op === '=', ...(opts.checkOnly ? { checkOnly: true } : {}) });
      return true;
    });
  }
}

/** How an observed location is named in a final state: `0:r1` or `x`. */
export function observedName(o: ObservedLoc): string {
  return o.kind === 'reg' ? o.label : o.label.slice(1, -1);
}

/** The filter's equations on registers, by thread index, with the value each wants. */
function filterEquals(test: LitmusTest, locIndex: ReadonlyMap<string, number>): Array<{ thread: number; name: string; value: number }> {
  if (!test.filter) return [];
  const out: Array<{ thread: number; name: string; value: number }> = [];
  for (const c of filterEquations(test.filter)) {
    if (c.loc.kind !== 'reg') continue;
    const regThread = c.loc.thread;
    const thread = test.processes.findIndex((p) => p.id === regThread);
    const value = c.value.kind === 'int' ? c.value.value : c.value.kind === 'sym' && locIndex.has(c.value.name) ? addrOf(locIndex.get(c.value.name)!) : NaN;
    if (thread >= 0 && !Number.isNaN(value)) out.push({ thread, name: c.loc.name, value });
  }
  return out;
}

/** Memory locations the filter tests: herd observes them too (its FW covers them). */
function filterLocations(test: LitmusTest, locIndex: ReadonlyMap<string, number>): number[] {
  const out = new Set<number>();
  const visit = (c: Cond): void => {
    if (c.kind === 'atom') {
      for (const l of [c.loc, c.value.kind === 'loc' ? c.value.loc : undefined]) {
        if (l?.kind === 'global' && locIndex.has(l.name)) out.add(locIndex.get(l.name)!);
      }
    } else if (c.kind === 'not') visit(c.arg);
    else if (c.kind === 'and' || c.kind === 'or' || c.kind === 'implies') {
      visit(c.left);
      visit(c.right);
    }
  };
  if (test.filter) visit(test.filter);
  return [...out].sort((a, b) => a - b);
}

function observedLocations(test: LitmusTest, locIndex: ReadonlyMap<string, number>): ObservedLoc[] {
  const regs = new Map<string, { thread: number; name: string }>();
  const globals = new Set<string>();
  const visitLoc = (l: LocRef): void => {
    if (l.kind === 'reg') regs.set(`${l.thread}:${l.name}`, { thread: l.thread, name: l.name });
    else globals.add(l.name);
  };
  const visitCond = (c: Cond): void => {
    if (c.kind === 'atom') {
      visitLoc(c.loc);
      if (c.value.kind === 'loc') visitLoc(c.value.loc);
    } else if (c.kind === 'not') visitCond(c.arg);
    else if (c.kind === 'and' || c.kind === 'or' || c.kind === 'implies') {
      visitCond(c.left);
      visitCond(c.right);
    }
  };
  test.locations.forEach(visitLoc);
  visitCond(test.condition.expr);
  const regList = [...regs.values()].sort((a, b) => a.thread - b.thread || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: ObservedLoc[] = regList.map((r) => ({ kind: 'reg', thread: r.thread, name: r.name, label: `${r.thread}:${r.name}` }));
  const atomicInit = new Set(test.init.filter((e) => e.thread === undefined && e.type?.trim() === 'atomic_t').map((e) => e.name));
  for (const g of [...globals].sort()) {
    out.push({ kind: 'global', loc: locIndex.get(g)!, label: `[${g}]`, ...(atomicInit.has(g) ? { unsigned32: true } : {}) });
  }
  return out;
}

type Pred = (s: FinalView) => boolean;

function compileCond(c: Cond, locIndex: ReadonlyMap<string, number>, threadIndex: ReadonlyMap<number, number>): Pred {
  const readLoc = (l: LocRef): ((s: FinalView) => number) => {
    if (l.kind === 'reg') {
      const t = threadIndex.get(l.thread) ?? -1;
      return (s) => s.reg(t, l.name);
    }
    const i = locIndex.get(l.name)!;
    return (s) => s.mem(i);
  };
  const readVal = (v: CondValue): ((s: FinalView) => number) => {
    if (v.kind === 'int') return () => v.value;
    if (v.kind === 'sym') {
      const a = addrOf(locIndex.get(v.name)!);
      return () => a;
    }
    return readLoc(v.loc);
  };
  switch (c.kind) {
    case 'true': return () => true;
    case 'false': return () => false;
    case 'atom': {
      const l = readLoc(c.loc);
      const v = readVal(c.value);
      return c.op === '=' ? (s) => l(s) === v(s) : (s) => l(s) !== v(s);
    }
    case 'not': {
      const a = compileCond(c.arg, locIndex, threadIndex);
      return (s) => !a(s);
    }
    case 'and': case 'or': case 'implies': {
      const a = compileCond(c.left, locIndex, threadIndex);
      const b = compileCond(c.right, locIndex, threadIndex);
      if (c.kind === 'and') return (s) => a(s) && b(s);
      if (c.kind === 'or') return (s) => a(s) || b(s);
      return (s) => !a(s) || b(s);
    }
  }
}

function printLoc(l: LocRef): string {
  return l.kind === 'reg' ? `${l.thread}:${l.name}` : `[${l.name}]`;
}

type CondOp = 'top' | 'and' | 'or' | 'implies';

/** herd's bracketing of a binary connective `here` printed under `above`. */
function needsParens(above: CondOp, here: Exclude<CondOp, 'top'>): boolean {
  if (above === 'top' || above === here) return false;
  if (above === 'or') return here === 'implies';
  return true;
}

/**
 * herd's spelling of a condition: `not (...)` around every negation (an `x!=v`
 * atom is a negated equality), `/\` and `\/` flat, and brackets around an
 * operand of `=>` that is a conjunction or a disjunction and around a `=>`
 * inside `/\` or `\/`.
 */
export function printCond(c: Cond, above: CondOp = 'top'): string {
  switch (c.kind) {
    case 'true': return 'true';
    case 'false': return 'false';
    case 'atom': {
      const v = c.value.kind === 'int' ? String(c.value.value) : c.value.kind === 'sym' ? c.value.name : printLoc(c.value.loc);
      const eq = `${printLoc(c.loc)}=${v}`;
      return c.op === '=' ? eq : `not (${eq})`;
    }
    case 'not': return `not (${printCond(c.arg)})`;
    case 'and':
    case 'or':
    case 'implies': {
      const sep = c.kind === 'and' ? ' /\\ ' : c.kind === 'or' ? ' \\/ ' : ' => ';
      const s = `${printCond(c.left, c.kind)}${sep}${printCond(c.right, c.kind)}`;
      return needsParens(above, c.kind) ? `(${s})` : s;
    }
  }
}

// One-step reductions of an IrTest, most aggressive first: drop a thread,
// the filter or `locations`, a statement (or keep one branch of an if, the
// body of a while), a condition atom, an init entry, a parameter, and
// simplify expressions and numbers. The shrinker tries them in this order.
import type { IrExpr, IrInit, IrProp, IrStmt, IrTest, IrThread } from './litmus-ir.js';

function without<T>(list: readonly T[], i: number): T[] {
  return [...list.slice(0, i), ...list.slice(i + 1)];
}

function replaced<T>(list: readonly T[], i: number, items: T[]): T[] {
  return [...list.slice(0, i), ...items, ...list.slice(i + 1)];
}

export function exprVariants(e: IrExpr): IrExpr[] {
  switch (e.k) {
    case 'num': return e.v === 0 ? [] : e.v === 1 ? [{ k: 'num', v: 0 }] : [{ k: 'num', v: 1 }, { k: 'num', v: 0 }];
    case 'name': return [];
    case 'deref': return exprVariants(e.e).filter((x) => x.k !== 'num').map((x) => ({ k: 'deref', e: x }));
    case 'call': return e.args.flatMap((a, i) => exprVariants(a).map((v) => ({ ...e, args: replaced(e.args, i, [v]) })));
    case 'bin': return [e.a, e.b, ...exprVariants(e.a).map((a) => ({ ...e, a })), ...exprVariants(e.b).map((b) => ({ ...e, b }))];
  }
}

function stmtVariants(s: IrStmt): IrStmt[][] {
  switch (s.k) {
    case 'decl': return [];
    case 'assign': return [...(s.declare ? [[{ k: 'assign', reg: s.reg, e: s.e } as IrStmt]] : []), ...exprVariants(s.e).map((e) => [{ ...s, e }])];
    case 'expr': return [...(s.voidCast ? [[{ k: 'expr', e: s.e } as IrStmt]] : []), ...exprVariants(s.e).map((e) => [{ ...s, e }])];
    case 'block': return [s.body, ...listVariants(s.body).map((body) => [{ ...s, body }])];
    case 'store': return exprVariants(s.e).map((e) => [{ ...s, e }]);
    case 'call': return s.args.flatMap((a, i) => exprVariants(a).map((v) => [{ ...s, args: replaced(s.args, i, [v]) }]));
    case 'if': {
      const out: IrStmt[][] = [s.then];
      if (s.else) out.push(s.else, [{ k: 'if', c: s.c, then: s.then }]);
      out.push(...listVariants(s.then).map((then) => [{ ...s, then }]));
      if (s.else) out.push(...listVariants(s.else).map((els) => [{ ...s, else: els }]));
      out.push(...exprVariants(s.c).map((c) => [{ ...s, c }]));
      return out;
    }
    case 'while':
      return [s.body, ...listVariants(s.body).map((body) => [{ ...s, body }]), ...exprVariants(s.c).map((c) => [{ ...s, c }])];
  }
}

/** Statement lists one step smaller: each statement removed, then each statement reduced. */
export function listVariants(list: IrStmt[]): IrStmt[][] {
  const out: IrStmt[][] = [];
  list.forEach((s, i) => { if (s.k !== 'decl') out.push(without(list, i)); });
  list.forEach((s, i) => { if (s.k === 'decl') out.push(without(list, i)); });
  list.forEach((s, i) => { for (const v of stmtVariants(s)) out.push(replaced(list, i, v)); });
  return out;
}

/** The proposition without the atoms `drop` selects (undefined if none is left). */
export function pruneProp(p: IrProp, drop: (loc: string) => boolean): IrProp | undefined {
  switch (p.k) {
    case 'atom': return drop(p.loc) ? undefined : p;
    case 'const': return p;
    case 'not': { const q = pruneProp(p.p, drop); return q && { k: 'not', p: q }; }
    default: {
      const a = pruneProp(p.a, drop), b = pruneProp(p.b, drop);
      return a && b ? { ...p, a, b } : a ?? b;
    }
  }
}

export function propVariants(p: IrProp): IrProp[] {
  switch (p.k) {
    case 'atom': return [];
    case 'const': return [];
    case 'not': return [p.p, ...propVariants(p.p).map((q) => ({ k: 'not', p: q }) as IrProp)];
    default: return [p.a, p.b, ...propVariants(p.a).map((a) => ({ ...p, a })), ...propVariants(p.b).map((b) => ({ ...p, b }))];
  }
}

function renumberLoc(loc: string, removed: number): string | undefined {
  const m = /^(\d+):(.*)$/.exec(loc);
  if (!m) return loc;
  const t = Number(m[1]);
  if (t === removed) return undefined;
  return t > removed ? `${t - 1}:${m[2]}` : loc;
}

function renumberProp(p: IrProp, removed: number): IrProp | undefined {
  const pruned = pruneProp(p, (loc) => renumberLoc(loc, removed) === undefined);
  if (!pruned) return undefined;
  const walk = (q: IrProp): IrProp => {
    switch (q.k) {
      case 'atom': return { ...q, loc: renumberLoc(q.loc, removed)! };
      case 'const': return q;
      case 'not': return { k: 'not', p: walk(q.p) };
      default: return { ...q, a: walk(q.a), b: walk(q.b) };
    }
  };
  return walk(pruned);
}

function withoutThread(t: IrTest, i: number): IrTest | undefined {
  if (t.threads.length <= 1) return undefined;
  const prop = renumberProp(t.prop, i);
  if (!prop) return undefined;
  const out: IrTest = { ...t, threads: without(t.threads, i), prop };
  const init = t.init.filter((e) => renumberLoc(e.loc, i) !== undefined).map((e) => ({ ...e, loc: renumberLoc(e.loc, i)! }));
  out.init = init;
  if (t.filter) {
    const f = renumberProp(t.filter, i);
    if (f) out.filter = f; else delete out.filter;
  }
  if (t.locations) out.locations = t.locations.map((l) => renumberLoc(l, i)).filter((l): l is string => !!l);
  return out;
}

function initVariants(e: IrInit): IrInit[] {
  const out: IrInit[] = [];
  if (e.value !== undefined && e.type) { const { value: _v, atomicInit: _a, amp: _m, ...bare } = e; out.push(bare); }
  if (e.amp) out.push({ ...e, amp: false });
  if (e.atomicInit) out.push({ ...e, atomicInit: false });
  if (e.value !== undefined && /^[1-9]\d*$/.test(e.value)) out.push({ ...e, value: '0' });
  return out;
}

function withThreads(t: IrTest, f: (th: IrThread, i: number) => IrThread): IrTest {
  return { ...t, threads: t.threads.map(f) };
}

/** Every name a statement list mentions (registers and locations). */
export function namesIn(body: IrStmt[]): Set<string> {
  const out = new Set<string>();
  const expr = (e: IrExpr): void => {
    if (e.k === 'name') out.add(e.name);
    else if (e.k === 'deref') expr(e.e);
    else if (e.k === 'call') e.args.forEach(expr);
    else if (e.k === 'bin') { expr(e.a); expr(e.b); }
  };
  const stmt = (s: IrStmt): void => {
    switch (s.k) {
      case 'decl': return;
      case 'assign': out.add(s.reg); expr(s.e); return;
      case 'expr': expr(s.e); return;
      case 'block': s.body.forEach(stmt); return;
      case 'store': expr(s.target); expr(s.e); return;
      case 'call': s.args.forEach(expr); return;
      case 'if': expr(s.c); s.then.forEach(stmt); s.else?.forEach(stmt); return;
      case 'while': expr(s.c); s.body.forEach(stmt); return;
    }
  };
  body.forEach(stmt);
  return out;
}

/** Every one-step reduction of `t`. */
export function testVariants(t: IrTest): IrTest[] {
  const out: IrTest[] = [];
  for (let i = t.threads.length - 1; i >= 0; i--) { const v = withoutThread(t, i); if (v) out.push(v); }
  if (t.filter) { const { filter: _f, ...rest } = t; out.push(rest); }
  if (t.locations) { const { locations: _l, ...rest } = t; out.push(rest); }
  t.threads.forEach((th, i) => {
    for (const body of listVariants(th.body)) out.push(withThreads(t, (x, j) => (j === i ? { ...x, body } : x)));
  });
  for (const prop of propVariants(t.prop)) out.push({ ...t, prop });
  if (t.filter) for (const filter of propVariants(t.filter)) out.push({ ...t, filter });
  if (t.locations && t.locations.length > 1) t.locations.forEach((_, i) => out.push({ ...t, locations: without(t.locations!, i) }));
  t.init.forEach((e, i) => {
    out.push({ ...t, init: without(t.init, i) });
    for (const v of initVariants(e)) out.push({ ...t, init: replaced(t.init, i, [v]) });
  });
  // Only parameters a thread does not use: without its parameter a location's
  // name becomes a register (0) in herd7, a different test (and often a
  // different divergence of the same kind).
  const unused = t.threads.map((th) => th.params.filter((p) => !namesIn(th.body).has(p.name)).map((p) => p.name));
  const everywhere = (t.threads[0]?.params ?? []).map((p) => p.name).filter((n) => unused.every((u) => u.includes(n)));
  everywhere.forEach((n) => out.push(withThreads(t, (th) => ({ ...th, params: th.params.filter((q) => q.name !== n) }))));
  t.threads.forEach((th, i) => th.params.forEach((p, k) => {
    if (unused[i]!.includes(p.name) && !everywhere.includes(p.name)) out.push(withThreads(t, (x, j) => (j === i ? { ...x, params: without(x.params, k) } : x)));
  }));
  if (t.bracketImplies) { const { bracketImplies: _b, ...rest } = t; if (JSON.stringify(rest.prop).includes('implies') === false) out.push(rest); }
  return out;
}

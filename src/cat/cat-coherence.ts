// Whether a model itself requires what the explorer assumes when it keeps
// only coherent (rf, co) choices per location: SC per location (an
// `acyclic` check over a union holding po-loc (or po), rf, co and fr) and
// RMW atomicity (an `empty` check over rmw with fr(e) and co(e)). Decided
// syntactically; a model without both is given every candidate execution.
import type { Expr } from './cat-ast.js';
import type { Step } from './cat-ast.js';

const MAX_DEPTH = 12;

/** The names a union is made of, expanding top-level definitions (and `po & loc` as po-loc). */
function unionAtoms(e: Expr, defs: ReadonlyMap<string, Expr>, out: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (e.k === 'op' && e.op === 'union') {
    for (const a of e.args) unionAtoms(a, defs, out, depth + 1);
  } else if (e.k === 'op' && e.op === 'inter' && e.args.length === 2 && e.args.every((a) => a.k === 'var' && (a.name === 'po' || a.name === 'loc'))) {
    out.add('po-loc');
  } else if (e.k === 'var') {
    out.add(e.name);
    const d = defs.get(e.name);
    if (d) unionAtoms(d, defs, out, depth + 1);
  }
}

/** Every name an expression mentions, expanding top-level definitions. */
function mentions(e: Expr, defs: ReadonlyMap<string, Expr>, out: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH) return;
  switch (e.k) {
    case 'var': {
      out.add(e.name);
      const d = defs.get(e.name);
      if (d) mentions(d, defs, out, depth + 1);
      return;
    }
    case 'op': e.args.forEach((a) => mentions(a, defs, out, depth + 1)); return;
    case 'op1': mentions(e.e, defs, out, depth + 1); return;
    default: return;
  }
}

/** What a model's checks require: SC per location (`sc`) and RMW atomicity (`atomic`). */
export function coherenceChecks(steps: readonly Step[]): { sc: boolean; atomic: boolean } {
  const defs = new Map<string, Expr>();
  let sc = false, atomic = false;
  for (const s of steps) {
    if (s.k === 'let' && !s.rec) {
      for (const b of s.binds) if (!b.pat.tuple && b.pat.names[0] && b.e.k !== 'fun') defs.set(b.pat.names[0], b.e);
    }
    if (s.k !== 'test' || s.mode === 'flag' || s.neg) continue;
    if (s.test === 'acyclic') {
      const atoms = new Set<string>();
      unionAtoms(s.e, defs, atoms, 0);
      if ((atoms.has('po-loc') || atoms.has('po')) && ['rf', 'co', 'fr'].every((x) => atoms.has(x))) sc = true;
    } else if (s.test === 'empty') {
      const names = new Set<string>();
      mentions(s.e, defs, names, 0);
      if (names.has('rmw') && (names.has('fre') || names.has('fr')) && (names.has('coe') || names.has('co'))) atomic = true;
    }
  }
  return { sc, atomic };
}

export function requiresCoherence(steps: readonly Step[]): boolean {
  const c = coherenceChecks(steps);
  return c.sc && c.atomic;
}

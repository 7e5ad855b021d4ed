// Finer than static steps: inside a step that depends on rf/co, the parts
// that do not (`po ; [UL]`, `fencerel(Mb)`, `[Marked]`) have the same value
// for every execution of a layout. This marks the largest such
// subexpressions with a slot number; the evaluator computes each once per
// layout (CatEval's hoisted values) and reuses it. cat is pure, so a
// subexpression whose free names are all bound to layout-constant values
// has a layout-constant value.
//
// A name is layout-constant at a step when its latest binding before the
// step is: a native other than the per-execution ones, a static `let`, an
// enum or a procedure. Names bound inside the expression (function
// parameters, `let ... in`, `match` variables, a `let rec`'s own names) are
// not: their values vary with the call or the fixpoint round.
import type { BinOp, Expr } from './cat-ast.js';
import type { Step } from './cat-ast.js';
import { DynamicNames } from './cat-dynamic.js';

/** An expression node, with the slot of its layout-constant value when it is one worth keeping. */
export type HoistableExpr = Expr & { slot?: number };

/** Marks the hoistable subexpressions of the steps that run per execution; returns the number of slots. */
export function markHoisted(steps: readonly Step[]): number {
  const dynamic = new DynamicNames();
  let slots = 0;
  const mark = (e: Expr): void => {
    (e as HoistableExpr).slot = slots++;
  };
  /** Whether e is layout-constant; marks the largest constant parts of e when it is not. */
  const walk = (e: Expr, local: ReadonlySet<string>): boolean => {
    const constant = analyse(e, local);
    if (constant && worthKeeping(e)) mark(e);
    return constant;
  };
  const all = (es: readonly Expr[], local: ReadonlySet<string>): boolean => {
    // Every child is walked (no short cut), so each constant child is marked when the parent is not.
    const flags = es.map((x) => analyse(x, local));
    const constant = flags.every(Boolean);
    if (!constant) es.forEach((x, i) => flags[i] && worthKeeping(x) && mark(x));
    return constant;
  };
  const withNames = (local: ReadonlySet<string>, names: readonly (string | null)[]): ReadonlySet<string> => {
    const more = names.filter((x): x is string => x !== null);
    return more.length === 0 ? local : new Set([...local, ...more]);
  };
  /** Whether e is layout-constant, marking the constant parts of its non-constant children. */
  const analyse = (e: Expr, local: ReadonlySet<string>): boolean => {
    switch (e.k) {
      case 'var': return !local.has(e.name) && !dynamic.has(e.name);
      case 'empty': case 'univ': case 'tag': return true;
      case 'explicit': case 'tuple': return all(e.elems, local);
      case 'op1': return all([e.e], local);
      case 'op': {
        const flags = e.args.map((x) => analyse(x, local));
        if (flags.every(Boolean)) return true;
        e.args = grouped(e.op, e.args, flags, mark);
        return false;
      }
      case 'app': return all([e.fn, e.arg], local);
      case 'fun':
        // A closure is made where it is written; its body runs per call.
        walk(e.body, withNames(local, e.pat.names));
        return false;
      case 'let': {
        const names = e.binds.flatMap((b) => b.pat.names);
        const inner = withNames(local, names);
        for (const b of e.binds) walk(b.e, e.rec ? inner : local);
        walk(e.body, inner);
        return false;
      }
      case 'try': return all([e.e, e.alt], local);
      case 'if': return all(e.cond.k === 'variant' ? [e.then, e.else] : [e.cond.a, e.cond.b, e.then, e.else], local);
      case 'matchtag': return all([e.e, ...e.clauses.map(([, x]) => x), ...(e.dflt ? [e.dflt] : [])], local);
      case 'matchset':
        // Its body runs once per element: it is never constant itself.
        walk(e.e, local);
        walk(e.empty, local);
        walk(e.body, withNames(local, [e.elt, e.rest]));
        return false;
    }
  };
  for (const s of steps) {
    switch (s.k) {
      case 'let': {
        const local = s.rec ? withNames(new Set(), s.names) : new Set<string>();
        // A static step runs once; the bodies of the functions it binds run per call.
        if (!s.static) for (const b of s.binds) walk(b.e, local);
        else for (const b of s.binds) if (b.e.k === 'fun') walk(b.e.body, withNames(local, b.e.pat.names));
        break;
      }
      case 'test': if (!s.static) walk(s.e, new Set()); break;
      case 'with': walk(s.e, new Set()); break;
      case 'call': walk(s.arg, new Set()); break;
      case 'procedure':
        // Its checks run in a scope of their own: the parameters are local.
        for (const ins of s.body) if (ins.k === 'test') walk(ins.e, withNames(new Set(), s.pat.names));
        break;
      default: break;
    }
    dynamic.bound(s);
  }
  return slots;
}

/**
 * The arguments of an operator that is not constant, with its constant ones
 * marked, and grouped where the operator allows it: `rf ; po ; [W] ; po`
 * becomes `rf ; (po ; [W] ; po)` (`;` is associative), and the constant
 * arguments of `|` and `&` (associative and commutative) become one.
 */
function grouped(op: BinOp, args: Expr[], constant: readonly boolean[], mark: (e: Expr) => void): Expr[] {
  const group = (xs: Expr[]): Expr => {
    if (xs.length === 1) {
      if (worthKeeping(xs[0]!)) mark(xs[0]!);
      return xs[0]!;
    }
    const g: Expr = { k: 'op', op, args: xs, at: xs[0]!.at };
    mark(g);
    return g;
  };
  if (op === 'seq') {
    const out: Expr[] = [];
    for (let i = 0; i < args.length;) {
      if (!constant[i]) {
        out.push(args[i++]!);
        continue;
      }
      const run: Expr[] = [];
      while (i < args.length && constant[i]) run.push(args[i++]!);
      out.push(group(run));
    }
    return out;
  }
  if (op === 'union' || op === 'inter') {
    const fixed = args.filter((_x, i) => constant[i]);
    if (fixed.length === 0) return args;
    // The constant part takes the place of the first constant argument.
    const at = constant.indexOf(true);
    const rest = args.filter((_x, i) => !constant[i]);
    return [...rest.slice(0, at), group(fixed), ...rest.slice(at)];
  }
  args.forEach((x, i) => constant[i] && worthKeeping(x) && mark(x));
  return args;
}

/** Names, constants and closures cost nothing to evaluate again. */
function worthKeeping(e: Expr): boolean {
  return e.k !== 'var' && e.k !== 'empty' && e.k !== 'univ' && e.k !== 'tag' && e.k !== 'fun';
}

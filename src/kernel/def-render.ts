// Definitions rendered in herd's .def notation: each step as its built-in
// (__load, __atomic_op_return, __fence, ...), a value-returning primitive as
// an expression whose test is written out (`__cmpxchg{MB}(ref,count,0) ==
// count`, `__load{ONCE}(*ref) >= 1024`), a void one as `{ step; ... }`.
// `exportability` says whether herd7 itself can read the rendering: herd's
// .def has no shifts, no sequence inside an expression and no IRQ-off flavour.
import type { AccessTag, FenceTag, LocArg, PrimitiveDef, ResultTest, Step, ValArg } from './primitive-def.js';

/** An lvalue argument, as __load/__store take it: `*p` or `X`. */
function loc(l: LocArg, params: readonly string[]): string {
  const p = params[l.arg] ?? `#${l.arg}`;
  return l.deref ? `*${p}` : p;
}
/** An address argument, as __xchg, __atomic_op, __lock... take it: `p` or `&X`. */
function ptr(l: LocArg, params: readonly string[]): string {
  const p = params[l.arg] ?? `#${l.arg}`;
  return l.deref ? p : `&${p}`;
}
function val(v: ValArg, params: readonly string[]): string {
  if ('const' in v) return String(v.const);
  if ('bitOf' in v) return `1<<${params[v.bitOf] ?? `#${v.bitOf}`}`;
  return params[v.arg] ?? `#${v.arg}`;
}
const ALU_SIGN: Record<string, string> = { add: '+', sub: '-', and: '&', or: '|', xor: '^', andnot: '&~' };
function tag(t: AccessTag | undefined): string {
  return t ? `{${t}}` : '';
}
/** herd writes the full fence as {MB}, the others in lower case. */
function fenceTag(t: FenceTag): string {
  return t === 'mb' ? 'MB' : t;
}

/** One step in .def notation; the IRQ-off flavour's steps, which have no .def form, in angle brackets. */
export function stepText(s: Step, params: readonly string[]): string {
  switch (s.op) {
    // A plain access is C itself in herd's .def.
    case 'load': return s.tag ? `__load${tag(s.tag)}(${loc(s.loc, params)})` : loc(s.loc, params);
    case 'store': return s.tag ? `__store${tag(s.tag)}(${loc(s.loc, params)},${val(s.value, params)})` : `${loc(s.loc, params)} = ${val(s.value, params)}`;
    case 'fence': return `__fence{${fenceTag(s.tag)}}`;
    case 'rmw':
      if (s.alu === 'xchg') return `__xchg${tag(s.tag)}(${ptr(s.loc, params)},${val(s.value, params)})`;
      return `${s.returns === 'none' ? '__atomic_op' : s.returns === 'new' ? '__atomic_op_return' : '__atomic_fetch_op'}${tag(s.tag)}(${ptr(s.loc, params)},${ALU_SIGN[s.alu]},${val(s.value, params)})`;
    case 'cmpxchg': {
      const call = `__cmpxchg${tag(s.tag)}(${ptr(s.loc, params)},${val(s.expect, params)},${val(s.value, params)})`;
      return s.returnsSuccess ? `${call} == ${val(s.expect, params)}` : call;
    }
    case 'add-unless': return `__atomic_add_unless${tag(s.tag)}(${ptr(s.loc, params)},${val(s.value, params)},${val(s.unless, params)})`;
    case 'lock': case 'unlock': case 'trylock': case 'islocked': return `__${s.op}(${ptr(s.loc, params)})`;
    case 'srcu-lock': return `__load{srcu-lock}(${loc(s.loc, params)})`;
    case 'srcu-unlock': return `__store{srcu-unlock}(${loc(s.loc, params)},${val(s.value, params)})`;
    case 'srcu-sync': return `__srcu{sync-srcu}(${ptr(s.loc, params)})`;
    case 'domain-lock': return `<${s.domain} section begins>`;
    case 'domain-unlock': return `<${s.domain} section ends>`;
    case 'domain-sync': return `<${s.domain} grace period>`;
  }
}

/** Whether a step produces the primitive's value. */
export function producesValue(s: Step): boolean {
  switch (s.op) {
    case 'load': case 'cmpxchg': case 'add-unless': case 'trylock': case 'islocked': case 'srcu-lock': return true;
    case 'rmw': return s.returns !== 'none';
    default: return false;
  }
}

/** `e` with the result test applied, as a .def expression. */
export function withTest(e: string, t: ResultTest | undefined, params: readonly string[]): string {
  if (t === undefined) return e;
  if (t === 'eq0') return `${e} == 0`;
  if (t === 'lt0') return `${e} < 0`;
  if ('neArg' in t) return `${e} != ${params[t.neArg] ?? '?'}`;
  if ('geConst' in t) return `${e} >= ${t.geConst}`;
  return `(${e} >> ${params[t.bitArg] ?? '?'}) & 1`;
}

/**
 * The body of a definition: an expression for a value-returning primitive
 * (a GNU statement expression `({ ...; value; })` when it has several steps),
 * `{ step; ... }` for a void one.
 */
export function bodyText(d: PrimitiveDef): string {
  const steps = d.steps.map((s) => stepText(s, d.params));
  if (!d.returns) return `{ ${steps.map((s) => `${s}; `).join('')}}`;
  let vi = -1;
  d.steps.forEach((s, i) => { if (producesValue(s)) vi = i; });
  if (d.steps.length === 1 || vi < 0) return withTest(steps.join('; '), d.test, d.params);
  if (vi === steps.length - 1) {
    return `({ ${steps.slice(0, vi).map((s) => `${s}; `).join('')}${withTest(steps[vi]!, d.test, d.params)}; })`;
  }
  const before = steps.slice(0, vi).map((s) => `${s}; `).join('');
  const after = steps.slice(vi + 1).map((s) => `${s}; `).join('');
  return `({ ${before}int v = ${steps[vi]}; ${after}${withTest('v', d.test, d.params)}; })`;
}

const EXPORT_PARAMS = ['X', 'Y', 'Z', 'W'];

export type Exportability = { ok: true; text: string } | { ok: false; reason: string };

/** Whether herd7 can read the definition as a .def line, and the line. */
export function exportability(d: PrimitiveDef): Exportability {
  if (d.steps.some((s) => s.op === 'domain-lock' || s.op === 'domain-unlock' || s.op === 'domain-sync')) {
    return { ok: false, reason: 'an IRQ-off section or IPI sync: LKMM has no such flavour (litmus-check lower maps it to RCU when that is sound)' };
  }
  if (d.steps.some((s) => 'value' in s && 'bitOf' in s.value) || (d.test !== undefined && typeof d.test === 'object' && 'bitArg' in d.test)) {
    return { ok: false, reason: 'a bit mask 1<<nr: herd7 has no shifts (litmus-check lower folds a constant nr)' };
  }
  if (d.returns && d.steps.length > 1) {
    return { ok: false, reason: 'several steps and a value: a .def expression cannot sequence them (litmus-check lower writes them as statements)' };
  }
  // herd's lexer takes some names as keywords (`lock`, `unlock`): the parameters become X, Y, Z, W.
  const renamed = { ...d, params: d.params.map((_, i) => EXPORT_PARAMS[i] ?? `X${i}`) };
  return { ok: true, text: `${d.name}(${renamed.params.join(',')}) ${bodyText(renamed)}` };
}

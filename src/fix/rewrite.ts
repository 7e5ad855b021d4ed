// Rewrites a call of a one-step access primitive into the primitive that does
// the same access with another ordering (READ_ONCE -> smp_load_acquire,
// atomic_inc -> atomic_inc_return, xchg_release -> xchg_relaxed, ...). The
// counterpart is found in the registry by the shape of its step, not by
// name; its arguments are rebuilt from the call's (an lvalue `*p` becomes
// the pointer `p` and back, constants fill value parameters).
import type { Expr } from '../litmus/ast.js';
import type { PrimitiveDef, PrimitiveRegistry } from '../kernel/primitives.js';
import type { AccessTag, LocArg, Step, ValArg } from '../kernel/primitive-def.js';
import type { TextEdit } from './fix-records.js';

export type Call = Extract<Expr, { kind: 'call' }>;
type AccessStep = Extract<Step, { op: 'load' | 'store' | 'rmw' | 'cmpxchg' | 'add-unless' }>;

const ACCESS_OPS = new Set(['load', 'store', 'rmw', 'cmpxchg', 'add-unless']);

/** The single access step of a one-step primitive, or undefined. */
export function accessStep(def: PrimitiveDef | undefined): AccessStep | undefined {
  if (!def || def.steps.length !== 1) return undefined;
  const s = def.steps[0]!;
  return ACCESS_OPS.has(s.op) ? (s as AccessStep) : undefined;
}

/** Registry groups in the order their primitives are preferred as rewrites (the LKMM's own spellings first). */
const GROUP_RANK = ['once', 'acquire-release', 'xchg', 'atomic'];

function groupRank(g: string): number {
  const i = GROUP_RANK.indexOf(g);
  return i < 0 ? GROUP_RANK.length : i;
}

/** How many leading words (between underscores) two names share: atomic_inc and atomic_inc_return share 2. */
function commonWords(a: string, b: string): number {
  const wa = a.split('_').filter(Boolean);
  const wb = b.split('_').filter(Boolean);
  let i = 0;
  while (i < wa.length && i < wb.length && wa[i] === wb[i]) i++;
  return i;
}

/** Where each parameter of the target comes from: an argument of the call (maybe re-shaped) or a literal. */
type ArgSpec =
  | { arg: number; loc?: { from: boolean; to: boolean }; shift?: boolean }
  | { literal: string };

function sameSpec(a: ArgSpec, b: ArgSpec): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Maps the source step's value operand onto the target's, or null when the target needs something the call lacks. */
function mapValue(from: ValArg, to: ValArg, specs: Map<number, ArgSpec>): boolean {
  let spec: ArgSpec;
  let param: number;
  if ('const' in to) return 'const' in from && from.const === to.const;
  if ('bitOf' in to) {
    if (!('bitOf' in from)) return false;
    spec = { arg: from.bitOf };
    param = to.bitOf;
  } else {
    param = to.arg;
    if ('arg' in from) spec = { arg: from.arg };
    else if ('const' in from) spec = { literal: String(from.const) };
    else spec = { arg: from.bitOf, shift: true };
  }
  const prev = specs.get(param);
  if (prev && !sameSpec(prev, spec)) return false;
  specs.set(param, spec);
  return true;
}

function mapLoc(from: LocArg, to: LocArg, specs: Map<number, ArgSpec>): boolean {
  const spec: ArgSpec = from.deref === to.deref ? { arg: from.arg } : { arg: from.arg, loc: { from: from.deref, to: to.deref } };
  const prev = specs.get(to.arg);
  if (prev && !sameSpec(prev, spec)) return false;
  specs.set(to.arg, spec);
  return true;
}

/**
 * A test of the result the target lacks, written around the call instead:
 * `== 0`, `< 0`, or (`success`, for a cmpxchg that returns whether it
 * succeeded, such as folio_ref_freeze()) `== EXPECTED` on one that returns the old value.
 */
export type Wrap = 'eq0' | 'lt0' | 'success';

/** The argument specs that make `target` do `src`'s access, or null when the shapes differ. */
function argSpecs(src: PrimitiveDef, target: PrimitiveDef, asStatement: boolean, wrap: Wrap | undefined): ArgSpec[] | null {
  const s = accessStep(src);
  const t = accessStep(target);
  if (!s || !t || s.op !== t.op) return null;
  if (wrap === 'success') {
    if (s.op !== 'cmpxchg' || t.op !== 'cmpxchg' || !s.returnsSuccess || t.returnsSuccess || target.test !== undefined || !('arg' in t.expect)) return null;
  } else if (wrap) {
    if (src.test !== wrap || target.test !== undefined || s.op !== 'rmw' || t.op !== 'rmw' || s.returns !== 'new' || t.returns !== 'new') return null;
  } else if (JSON.stringify(src.test ?? null) !== JSON.stringify(target.test ?? null)) return null;
  if (src.returns !== target.returns && !asStatement && wrap !== 'success') return null;
  const specs = new Map<number, ArgSpec>();
  if (!mapLoc(s.loc, t.loc, specs)) return null;
  if (s.op === 'store' && t.op === 'store') {
    if (!mapValue(s.value, t.value, specs)) return null;
  } else if (s.op === 'rmw' && t.op === 'rmw') {
    if (s.alu !== t.alu || !mapValue(s.value, t.value, specs)) return null;
    // A void RMW may become a value-returning one used as a statement, and back.
    if (s.returns !== t.returns && s.returns !== 'none' && t.returns !== 'none') return null;
  } else if (s.op === 'cmpxchg' && t.op === 'cmpxchg') {
    if (Boolean(s.returnsSuccess) !== Boolean(t.returnsSuccess) && wrap !== 'success') return null;
    if (!mapValue(s.expect, t.expect, specs) || !mapValue(s.value, t.value, specs)) return null;
  } else if (s.op === 'add-unless' && t.op === 'add-unless') {
    if (!mapValue(s.value, t.value, specs) || !mapValue(s.unless, t.unless, specs)) return null;
  } else if (s.op !== 'load') {
    return null;
  }
  const out: ArgSpec[] = [];
  for (let i = 0; i < target.params.length; i++) {
    const spec = specs.get(i);
    if (!spec) return null;
    out.push(spec);
  }
  return out;
}

export interface Counterpart {
  def: PrimitiveDef;
  specs: ArgSpec[];
  /** The source's result test, written out around the call. */
  wrap?: Wrap;
}

/**
 * The primitives that do `def`'s access with tag `tag`, best first: those
 * with the same result test, else (for a tested value-returning RMW such as
 * atomic_dec_and_test) those returning the new value, tested in the text.
 */
export function counterparts(def: PrimitiveDef, tag: AccessTag | undefined, reg: PrimitiveRegistry, asStatement: boolean): Counterpart[] {
  const find = (wrap: Wrap | undefined): Counterpart[] => {
    const out: Counterpart[] = [];
    for (const cand of reg.all()) {
      if (cand.name === def.name) continue;
      const t = accessStep(cand);
      if (!t || t.tag !== tag) continue;
      const specs = argSpecs(def, cand, asStatement, wrap);
      if (specs) out.push({ def: cand, specs, ...(wrap ? { wrap } : {}) });
    }
    return out;
  };
  let out = find(undefined);
  if (out.length === 0 && (def.test === 'eq0' || def.test === 'lt0')) out = find(def.test);
  const step = accessStep(def);
  if (out.length === 0 && step?.op === 'cmpxchg' && step.returnsSuccess) out = find('success');
  return out.sort((a, b) =>
    commonWords(b.def.name, def.name) - commonWords(a.def.name, def.name) ||
    groupRank(a.def.group) - groupRank(b.def.group) ||
    (a.def.name < b.def.name ? -1 : a.def.name > b.def.name ? 1 : 0));
}

function text(src: string, e: Expr): string {
  return src.slice(e.range.start.offset, e.range.end.offset);
}

const SIMPLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `*x` as a pointer (`x`), or `x` as an lvalue (`*x`), keeping the user's spelling. */
export function reshape(src: string, e: Expr, toPointer: boolean): string {
  if (toPointer) {
    if (e.kind === 'deref') return src.slice(e.range.start.offset + 1, e.range.end.offset).trim();
    return `&${SIMPLE.test(text(src, e)) ? text(src, e) : `(${text(src, e)})`}`;
  }
  if (e.kind === 'addr') return src.slice(e.range.start.offset + 1, e.range.end.offset).trim();
  return `*${SIMPLE.test(text(src, e)) ? text(src, e) : `(${text(src, e)})`}`;
}

function argText(src: string, call: Call, spec: ArgSpec): string | null {
  if ('literal' in spec) return spec.literal;
  const a = call.args[spec.arg];
  if (!a) return null;
  if (spec.loc) return reshape(src, a, spec.loc.to);
  if (spec.shift) return `1 << ${SIMPLE.test(text(src, a)) || a.kind === 'int' ? text(src, a) : `(${text(src, a)})`}`;
  return text(src, a);
}

/**
 * The edits that turn `call` into a call of `target`. When the arguments stay
 * in place, only the name and the re-shaped arguments are rewritten, so that
 * changes nested in other arguments still apply.
 */
export function rewriteCall(src: string, call: Call, cp: Counterpart): TextEdit[] | null {
  const { def: target, specs } = cp;
  const texts = specs.map((s) => argText(src, call, s));
  if (texts.some((t) => t === null)) return null;
  if (cp.wrap === 'success') {
    const t = accessStep(target);
    const expect = t?.op === 'cmpxchg' && 'arg' in t.expect ? texts[t.expect.arg]! : null;
    if (expect === null) return null;
    const e = SIMPLE.test(expect) || /^-?\d+$/.test(expect) ? expect : `(${expect})`;
    return [{ start: call.range.start.offset, end: call.range.end.offset, text: `(${target.name}(${texts.join(', ')}) == ${e})`, order: 0 }];
  }
  if (cp.wrap) {
    const text = `(${target.name}(${texts.join(', ')}) ${cp.wrap === 'eq0' ? '== 0' : '< 0'})`;
    return [{ start: call.range.start.offset, end: call.range.end.offset, text, order: 0 }];
  }
  const inPlace = specs.length === call.args.length && specs.every((s, i) => 'arg' in s && s.arg === i && !s.shift);
  if (inPlace) {
    const edits: TextEdit[] = [{ start: call.nameRange.start.offset, end: call.nameRange.end.offset, text: target.name, order: 0 }];
    specs.forEach((s, i) => {
      if ('arg' in s && s.loc) {
        const a = call.args[i]!;
        edits.push({ start: a.range.start.offset, end: a.range.end.offset, text: texts[i]!, order: 0 });
      }
    });
    return edits;
  }
  return [{ start: call.range.start.offset, end: call.range.end.offset, text: `${target.name}(${texts.join(', ')})`, order: 0 }];
}

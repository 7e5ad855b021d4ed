// One step of a primitive's meaning written as a call of an LKMM primitive
// herd7 knows: the step is unified with the single step of each LKMM
// definition (same operation, annotation, arithmetic; the LKMM parameters
// bound to the step's operands), preferring the definition whose constants
// match (atomic_inc(v) over atomic_add(1, v)). Tests (`== 0`, bit nr, ...)
// are applied by the caller, so only test-less LKMM definitions are used.
import { lkmmPrimitives } from '../kernel/lkmm-table.js';
import type { LocArg, PrimitiveDef, Step, ValArg } from '../kernel/primitive-def.js';

/** The text of one operand of the call being lowered, already lowered itself. */
export interface Operands {
  /** Argument i as a pointer expression (`ref`) when the step dereferences it, or as an lvalue (`x`). */
  arg(i: number): string;
  /** A constant bit mask `1<<nr` folded, or null when nr is not a constant. */
  mask(i: number): number | null;
}

export class LoweringRefused extends Error {}

type Binding = Map<number, { text: string; consts: number }>;

function atomic(text: string): string {
  return /^[\w.]+$/.test(text) ? text : `(${text})`;
}

/** The step's location as the LKMM parameter of kind `want` expects it. */
function locText(mine: LocArg, want: LocArg, ops: Operands): string | null {
  const t = ops.arg(mine.arg);
  if (mine.deref === want.deref) return t;
  // LKMM wants an lvalue (READ_ONCE(X)) and we have a pointer: *p; or the reverse: &x.
  return want.deref ? `&${atomic(t)}` : `*${atomic(t)}`;
}

function valText(v: ValArg, ops: Operands): string {
  if ('const' in v) return String(v.const);
  if ('bitOf' in v) {
    const m = ops.mask(v.bitOf);
    if (m === null) throw new LoweringRefused('a bit number that is not a constant: herd7\'s C has no shift to build the mask 1<<nr');
    return String(m);
  }
  return ops.arg(v.arg);
}

/** Binds LKMM value operand `want` to ours; false when they cannot match. */
function bindVal(want: ValArg, mine: ValArg, ops: Operands, b: Binding): boolean {
  if ('const' in want) return 'const' in mine && mine.const === want.const;
  if ('bitOf' in want) return false;
  b.set(want.arg, { text: valText(mine, ops), consts: 0 });
  return true;
}

function bindLoc(want: LocArg, mine: LocArg, ops: Operands, b: Binding): boolean {
  const t = locText(mine, want, ops);
  if (t === null) return false;
  b.set(want.arg, { text: t, consts: 0 });
  return true;
}

/** Tries to express `mine` as the single step of LKMM definition `d`. */
function unify(d: PrimitiveDef, mine: Step, ops: Operands, asStatement: boolean): LkmmCall | null {
  if (d.steps.length !== 1 || d.test !== undefined) return null;
  const theirs = d.steps[0]!;
  if (theirs.op !== mine.op) return null;
  const b: Binding = new Map();
  let consts = 0;
  switch (mine.op) {
    case 'load': {
      const t = theirs as typeof mine;
      if (t.tag !== mine.tag || Boolean(t.detached) !== Boolean(mine.detached) || !bindLoc(t.loc, mine.loc, ops, b)) return null;
      break;
    }
    case 'store': {
      const t = theirs as typeof mine;
      if (t.tag !== mine.tag || !bindLoc(t.loc, mine.loc, ops, b) || !bindVal(t.value, mine.value, ops, b)) return null;
      if ('const' in t.value) consts++;
      break;
    }
    case 'fence':
      if ((theirs as typeof mine).tag !== mine.tag) return null;
      break;
    case 'rmw': {
      const t = theirs as typeof mine;
      if (t.tag !== mine.tag || t.alu !== mine.alu) return null;
      // A result we drop may come from any form of the same annotation.
      // A result that is dropped may come from another value-returning form with the same annotation.
      if (t.returns !== mine.returns && !(asStatement && t.returns !== 'none')) return null;
      if (!bindLoc(t.loc, mine.loc, ops, b) || !bindVal(t.value, mine.value, ops, b)) return null;
      if ('const' in t.value) consts++;
      if (t.returns !== mine.returns) consts -= 2;
      break;
    }
    case 'cmpxchg': {
      const t = theirs as typeof mine;
      if (t.tag !== mine.tag || !bindLoc(t.loc, mine.loc, ops, b) || !bindVal(t.expect, mine.expect, ops, b) || !bindVal(t.value, mine.value, ops, b)) return null;
      break;
    }
    case 'add-unless': {
      const t = theirs as typeof mine;
      if (t.tag !== mine.tag || !bindLoc(t.loc, mine.loc, ops, b) || !bindVal(t.value, mine.value, ops, b) || !bindVal(t.unless, mine.unless, ops, b)) return null;
      break;
    }
    case 'srcu-lock': {
      const t = theirs as typeof mine;
      if (Boolean(t.cookie) !== Boolean(mine.cookie) || !bindLoc(t.loc, mine.loc, ops, b)) return null;
      break;
    }
    case 'lock': case 'unlock': case 'trylock': case 'islocked': case 'srcu-sync': {
      const t = theirs as typeof mine;
      if (!bindLoc(t.loc, mine.loc, ops, b)) return null;
      break;
    }
    case 'srcu-unlock': {
      const t = theirs as typeof mine;
      if (Boolean(t.cookie) !== Boolean(mine.cookie) || !bindLoc(t.loc, mine.loc, ops, b) || !bindVal(t.value, mine.value, ops, b)) return null;
      break;
    }
    default:
      return null;
  }
  const args: string[] = [];
  for (let i = 0; i < d.params.length; i++) {
    const got = b.get(i);
    if (!got) return null;
    args.push(got.text);
  }
  return { text: `${d.name}(${args.join(', ')})`, returns: d.returns, score: consts * 10 - d.params.length };
}

export interface LkmmCall {
  text: string;
  /** Whether the LKMM primitive returns a value (herd7 then wants it in an expression, not as a statement). */
  returns: boolean;
  score: number;
}

/** `mine` as a call of an LKMM primitive; throws LoweringRefused when none expresses it. */
export function lkmmCallFor(mine: Step, ops: Operands, opts: { asStatement: boolean }): LkmmCall {
  let best: LkmmCall | null = null;
  for (const d of lkmmPrimitives) {
    const u = unify(d, mine, ops, opts.asStatement);
    if (u && (!best || u.score > best.score)) best = u;
  }
  if (!best) throw new LoweringRefused(noPrimitive(mine));
  return best;
}

/** Why no LKMM primitive performs `mine`. */
function noPrimitive(mine: Step): string {
  if ((mine.op === 'srcu-lock' || mine.op === 'srcu-unlock') && mine.cookie) {
    return "herd's older SRCU events (__srcu{srcu-lock}, __srcu{srcu-unlock}) are no LKMM primitive: today's srcu_read_lock() reads the srcu_struct, and its unlock writes it";
  }
  if (mine.op === 'load' && mine.detached) return "herd's __load{deref} read carries no dependency to its value's uses, and every LKMM read does";
  return `no LKMM primitive performs the step ${JSON.stringify(mine)}`;
}

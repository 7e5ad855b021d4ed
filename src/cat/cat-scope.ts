// Where a loaded model's names live, decided once when the model is
// compiled (cat-compile.ts). The top level is an array of binding slots:
// one per name a step binds (in step order), one each for the per-execution
// rf and FW (bound before the first step), and one per native name the
// model reads (event sets, po, primitives: filled from the layout). A name
// read at step i means its latest binding before step i, as in herd: a
// function sees the values its free names had where it was defined. Names
// bound inside an expression (function parameters, `let ... in`, `match`)
// live in frames, arrays chained outwards, addressed by (hops, index).
import type { Step } from './cat-ast.js';
import type { Value } from './cat-values.js';

/** The step before the first: where the per-execution rf and FW are bound. */
export const EXECUTION_STEP = -1;

interface Binding {
  step: number;
  slot: number;
}

/** The binding slots of a model's top level. */
export class TopTable {
  /** Each name's bindings by a step (or as rf and FW), in step order. */
  private readonly byName = new Map<string, Binding[]>();
  /** The slots of the natives the model reads, by name. */
  private readonly nativeSlots = new Map<string, number>();
  private count = 0;

  constructor(steps: readonly Step[]) {
    this.bind('rf', EXECUTION_STEP);
    this.bind('FW', EXECUTION_STEP);
    steps.forEach((s, i) => {
      for (const name of boundNames(s)) this.bind(name, i);
    });
  }

  get size(): number {
    return this.count;
  }

  /** The natives the model reads, with their slots (filled per layout). */
  get natives(): IterableIterator<[string, number]> {
    return this.nativeSlots.entries();
  }

  /** The slot of `name` as bound at `step` (it must be). */
  slotAt(name: string, step: number): number {
    const b = this.byName.get(name)?.find((x) => x.step === step);
    if (!b) throw new Error(`internal: ${name} is not bound at step ${step}`);
    return b.slot;
  }

  /**
   * The slots a read of `name` after step `limit` may find its value in, the
   * latest binding first, the native last (a slot is tried when the ones
   * before it are unset).
   */
  candidates(name: string, limit: number): number[] {
    const out = this.before(name, limit).map((b) => b.slot);
    let native = this.nativeSlots.get(name);
    if (native === undefined) this.nativeSlots.set(name, (native = this.count++));
    out.push(native);
    return out;
  }

  /** Where a read of `name` after step `limit` finds it: the step of its latest binding, or 'native'. */
  boundAt(name: string, limit: number): number | 'native' {
    return this.before(name, limit)[0]?.step ?? 'native';
  }

  /** The value `name` has after step `limit`, natives included (names looked up as a model runs). */
  lookup(vals: readonly (Value | undefined)[], natives: ReadonlyMap<string, Value>, name: string, limit: number): Value | undefined {
    return firstSet(vals, this.before(name, limit)) ?? natives.get(name);
  }

  /** Every name bound by a step (or as rf and FW) up to step `limit`, with its value. */
  *entriesAt(vals: readonly (Value | undefined)[], limit: number): IterableIterator<[string, Value]> {
    for (const name of this.byName.keys()) {
      const v = firstSet(vals, this.before(name, limit));
      if (v !== undefined) yield [name, v];
    }
  }

  /** The bindings of `name` at steps up to `limit`, the latest first. */
  private before(name: string, limit: number): Binding[] {
    const out: Binding[] = [];
    const bs = this.byName.get(name) ?? [];
    for (let i = bs.length - 1; i >= 0; i--) if (bs[i]!.step <= limit) out.push(bs[i]!);
    return out;
  }

  private bind(name: string, step: number): void {
    let bs = this.byName.get(name);
    if (!bs) this.byName.set(name, (bs = []));
    // Steps are bound in order (rf and FW first).
    bs.push({ step, slot: this.count++ });
  }
}

/** The value in the first of the bindings whose slot is set. */
function firstSet(vals: readonly (Value | undefined)[], bs: readonly Binding[]): Value | undefined {
  for (const b of bs) {
    const v = vals[b.slot];
    if (v !== undefined) return v;
  }
  return undefined;
}

/** The names a step binds at the top level (an enum: its name and `'tag` for each tag). */
export function boundNames(s: Step): string[] {
  switch (s.k) {
    case 'let': return s.names;
    case 'with': case 'procedure': return [s.name];
    case 'enum': return [s.name, ...s.tags.map((t) => `'${t}`)];
    default: return [];
  }
}

/** The compile-time shape of the frames: each scope's names, by index. */
export interface Scope {
  readonly names: readonly (string | null)[];
  readonly up: Scope | null;
}

/** Where a local name is: `hops` frames out, at `index`; every binding in scope, innermost first. */
export function localCandidates(scope: Scope | null, name: string): Array<{ hops: number; index: number }> {
  const out: Array<{ hops: number; index: number }> = [];
  let hops = 0;
  for (let s = scope; s; s = s.up, hops++) {
    // The last of equal names wins, as when they are bound in order.
    const index = s.names.lastIndexOf(name);
    if (index >= 0) out.push({ hops, index });
  }
  return out;
}

// The shared state of one generated test: its locations, their kinds and the
// values written to them, and the registers each thread sets, so that the
// condition asks about values the program can produce.
import type { Rng } from './rng.js';
import type { IrInit, IrParam } from './litmus-ir.js';

export type LocKind = 'int' | 'atomic' | 'ptr' | 'lock' | 'srcu';
export type RegKind = 'int' | 'ptr';

/** Constructs the generator can leave out (see README, "Differential testing"). */
export type Feature =
  /** `=>` unbracketed next to /\ and \/. */
  | 'implies-precedence'
  /** Several loads inside one expression. */
  | 'multi-load'
  | 'is-locked'
  /** A spinlock or srcu_struct in the condition or `locations`. */
  | 'lock-final'
  /** Negative values in atomic_t locations declared in the init section. */
  | 'atomic-init'
  | 'filter'
  /** Tests written to be rejected (user errors). */
  | 'errors'
  /** `<>`, `==` and `final` spellings in the condition. */
  | 'cond-spellings'
  /** A value-returning primitive as a bare statement (`xchg(x, 1);`, not `(void)xchg(x, 1);`). */
  | 'value-statement'
  /** Arithmetic past 32 bits (herd7 wraps, or dies on such a constant). */
  | 'int32-limits';

export const ALL_FEATURES: readonly Feature[] = ['implies-precedence', 'multi-load', 'is-locked', 'lock-final', 'atomic-init', 'filter', 'errors', 'cond-spellings', 'value-statement', 'int32-limits'];

export class World {
  readonly ints: string[];
  readonly atomics: string[];
  readonly ptrs: string[];
  readonly lock: string | undefined;
  readonly srcu: string | undefined;
  /** Pointer -> its initial target. */
  readonly ptrInit = new Map<string, string>();
  /** Location -> values stored to it (numbers as text, or location names). */
  readonly written = new Map<string, Set<string>>();
  /** Per thread: register -> kind, for registers set at the thread's top level. */
  readonly regs: Map<string, RegKind>[] = [];
  readonly init: IrInit[] = [];

  constructor(readonly rng: Rng, shape: { ints: number; atomics: number; ptrs: number; lock: boolean; srcu: boolean }, readonly avoid: ReadonlySet<Feature>) {
    this.ints = ['x', 'y', 'z', 'w'].slice(0, Math.max(1, shape.ints));
    this.atomics = ['a', 'b'].slice(0, shape.atomics);
    this.ptrs = ['p', 'q'].slice(0, shape.ptrs);
    this.lock = shape.lock ? 's' : undefined;
    this.srcu = shape.srcu ? 'ss' : undefined;
    for (const l of [...this.ints, ...this.atomics]) this.written.set(l, new Set(['0']));
    for (const p of this.ptrs) {
      const target = rng.pick(this.ints);
      this.ptrInit.set(p, target);
      this.written.set(p, new Set([target]));
    }
    this.makeInit();
  }

  kindOf(loc: string): LocKind {
    if (this.atomics.includes(loc)) return 'atomic';
    if (this.ptrs.includes(loc)) return 'ptr';
    if (loc === this.lock) return 'lock';
    if (loc === this.srcu) return 'srcu';
    return 'int';
  }

  private makeInit(): void {
    const r = this.rng;
    for (const x of this.ints) {
      const roll = r.next();
      if (roll < 0.45) continue;
      if (roll < 0.65) this.init.push({ loc: x, type: 'int' });
      else {
        const v = String(r.int(0, 2));
        this.written.get(x)!.add(v);
        this.init.push(r.chance(0.5) ? { loc: x, type: 'int', value: v } : { loc: x, value: v });
      }
    }
    for (const a of this.atomics) {
      const roll = r.next();
      if (roll < 0.3 || this.avoid.has('atomic-init')) continue;
      if (roll < 0.55) { this.init.push({ loc: a, type: 'atomic_t' }); continue; }
      const v = String(r.int(0, 2));
      this.written.get(a)!.add(v);
      this.init.push({ loc: a, type: 'atomic_t', value: v, atomicInit: r.chance(0.6) });
    }
    for (const p of this.ptrs) {
      const t = this.ptrInit.get(p)!;
      // herd7 takes `&x` only after a type (`int *p = &x;`).
      this.init.push(r.chance(0.8) ? { loc: p, type: 'int *', value: t, ...(r.chance(0.3) ? { amp: true } : {}) } : { loc: p, value: t });
    }
  }

  params(): IrParam[] {
    return [
      ...this.ints.map((name) => ({ type: 'int *', name })),
      ...this.atomics.map((name) => ({ type: 'atomic_t *', name })),
      ...this.ptrs.map((name) => ({ type: 'int **', name })),
      ...(this.lock ? [{ type: 'spinlock_t *', name: this.lock }] : []),
      ...(this.srcu ? [{ type: 'struct srcu_struct *', name: this.srcu }] : []),
    ];
  }

  noteWrite(loc: string, v: string): void {
    this.written.get(loc)?.add(v);
  }

  /** A value location `loc` may hold at the end (for condition atoms). */
  valueFor(loc: string): string {
    const seen = [...(this.written.get(loc) ?? new Set(['0']))];
    if (this.kindOf(loc) === 'ptr') return this.rng.pick(seen);
    return this.rng.chance(0.8) ? this.rng.pick(seen) : String(this.rng.int(0, 3));
  }
}

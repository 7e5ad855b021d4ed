// Builds the body of one thread: statements drawn from the families of
// gen-families.ts within a budget of memory accesses, registers numbered per
// thread, declarations in front.
import type { IrExpr, IrStmt, IrThread } from './litmus-ir.js';
import type { RegKind, World } from './gen-world.js';
import { FAMILIES, type FamilyName } from './gen-families.js';
import type { ThreadBuilder } from './gen-family-kit.js';

export type FamilyWeights = Partial<Record<FamilyName, number>>;

export class ThreadGen implements ThreadBuilder {
  /** Registers set anywhere in this thread, in order. */
  readonly regs = new Map<string, RegKind>();
  /** Registers whose value is known to be set on every path (usable later in expressions). */
  readonly ready = new Map<string, RegKind>();
  /** Registers declared where they are first set (`int r = e;`), or in the init section. */
  readonly inlineDeclared = new Set<string>();
  private nextReg = 0;
  /** Nesting depth of the statement being generated. */
  depth = 0;
  /** Set while inside a critical section of the spinlock. */
  inLock = false;

  constructor(readonly world: World, readonly index: number, public budget: number, readonly weights: FamilyWeights) {}

  get rng() {
    return this.world.rng;
  }

  newReg(kind: RegKind): string {
    const r = `r${this.nextReg++}`;
    this.regs.set(r, kind);
    if (this.depth === 0) this.ready.set(r, kind);
    return r;
  }

  /** A ready integer register, if any. */
  intReg(): string | undefined {
    const ints = [...this.ready].filter(([, k]) => k === 'int').map(([r]) => r);
    return ints.length ? this.rng.pick(ints) : undefined;
  }

  ptrReg(): string | undefined {
    const ps = [...this.ready].filter(([, k]) => k === 'ptr').map(([r]) => r);
    return ps.length ? this.rng.pick(ps) : undefined;
  }

  /** A small value to store into `loc`: a number, or (a data dependency) an expression over a register. */
  value(loc: string, allowDep = true): IrExpr {
    const r = this.rng;
    const reg = allowDep ? this.intReg() : undefined;
    if (reg && r.chance(0.3)) {
      const shape = r.int(0, 3);
      if (shape === 0) return { k: 'name', name: reg };
      if (shape === 1) return { k: 'bin', op: '+', a: { k: 'name', name: reg }, b: { k: 'num', v: 1 } };
      if (shape === 2) return { k: 'bin', op: '&', a: { k: 'name', name: reg }, b: { k: 'num', v: 0 } };
      return { k: 'bin', op: '*', a: { k: 'name', name: reg }, b: { k: 'num', v: 2 } };
    }
    const v = r.int(1, 3);
    this.world.noteWrite(loc, String(v));
    return { k: 'num', v };
  }

  /** Statements for a nested block, spending at most `budget` accesses. */
  block(budget: number): IrStmt[] {
    const saved = this.budget;
    this.budget = Math.max(1, budget);
    this.depth++;
    const out: IrStmt[] = [];
    const n = this.rng.int(1, 2);
    for (let i = 0; i < n && this.budget > 0; i++) this.step(out, true);
    this.depth--;
    const spent = Math.max(1, budget) - this.budget;
    this.budget = saved - spent;
    return out;
  }

  /** One family's statements appended to `out`. */
  step(out: IrStmt[], nested = false): void {
    const w: FamilyWeights = { ...this.weights };
    if (nested) for (const f of ['lock', 'trylock', 'trylock-if', 'rcu-reader', 'srcu-reader', 'while', 'ctrl-dep', 'block', 'decl-init', 'init-reg'] as FamilyName[]) w[f] = (w[f] ?? 0) * 0.2;
    if (this.inLock) { w.lock = 0; w.trylock = 0; w['trylock-if'] = 0; }
    const name = this.rng.weighted(w);
    FAMILIES[name](this, out);
  }

  build(): IrThread {
    const body: IrStmt[] = [];
    let guard = 0;
    while (this.budget > 0 && guard++ < 12) this.step(body);
    const decls: IrStmt[] = [];
    for (const [r, kind] of this.regs) if (!this.inlineDeclared.has(r) && this.rng.chance(0.8)) decls.push({ k: 'decl', name: r, ...(kind === 'ptr' ? { ptr: true } : {}) });
    return { params: this.world.params(), body: [...decls, ...body] };
  }
}

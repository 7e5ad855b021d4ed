// Lexical environments of the cat interpreter. A model's top level is one
// TopEnv: each name keeps its values by the index of the step that bound it,
// and a view at step i sees the latest binding before i, so a function keeps
// seeing the values its free names had where it was defined (as in herd)
// while a lookup costs a map access, not a walk over every earlier `let`.
// Inner scopes (let ... in, function bodies) are small maps chained on a view.
import type { Value } from './cat-values.js';

export class TopEnv {
  private readonly m = new Map<string, { at: number[]; vals: Value[] }>();

  /** Binds `name` at step `at` (a later run of the same step overwrites its value). */
  set(name: string, at: number, v: Value): void {
    let e = this.m.get(name);
    if (!e) this.m.set(name, (e = { at: [], vals: [] }));
    let i = e.at.length - 1;
    while (i >= 0 && e.at[i]! > at) i--;
    if (i >= 0 && e.at[i] === at) e.vals[i] = v;
    else {
      e.at.splice(i + 1, 0, at);
      e.vals.splice(i + 1, 0, v);
    }
  }

  /** Every name with the value it has at step `limit` (names not bound by then are left out). */
  *entriesAt(limit: number): IterableIterator<[string, Value]> {
    for (const name of this.m.keys()) {
      const v = this.get(name, limit);
      if (v !== undefined) yield [name, v];
    }
  }

  /** The value bound last at a step <= limit. */
  get(name: string, limit: number): Value | undefined {
    const e = this.m.get(name);
    if (!e) return undefined;
    for (let i = e.at.length - 1; i >= 0; i--) if (e.at[i]! <= limit) return e.vals[i];
    return undefined;
  }
}

export class CatEnv {
  /** This scope's own names (made on the first binding: a view of the top level has none). */
  private vars: Map<string, Value> | undefined;
  /** A view of `top` at step `limit` (then `parent` is what lies below the top level). */
  constructor(readonly parent?: CatEnv, private readonly top?: TopEnv, private readonly limit = 0) {}

  set(name: string, v: Value): this {
    (this.vars ??= new Map()).set(name, v);
    return this;
  }

  get(name: string): Value | undefined {
    for (let e: CatEnv | undefined = this; e; e = e.parent) {
      const v = e.vars?.get(name);
      if (v !== undefined) return v;
      if (e.top) {
        const t = e.top.get(name, e.limit);
        if (t !== undefined) return t;
      }
    }
    return undefined;
  }
}

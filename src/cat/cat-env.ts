// Lexical environments of the cat interpreter: a chain of small maps. Each
// top-level `let` adds a layer, so a function keeps seeing the values its
// free names had where it was defined, as in herd.
import type { Value } from './cat-values.js';

export class CatEnv {
  private readonly vars = new Map<string, Value>();
  constructor(readonly parent?: CatEnv) {}

  set(name: string, v: Value): this {
    this.vars.set(name, v);
    return this;
  }

  get(name: string): Value | undefined {
    for (let e: CatEnv | undefined = this; e; e = e.parent) {
      const v = e.vars.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }
}

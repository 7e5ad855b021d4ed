// Which top-level names of a cat model may change from one candidate
// execution to the next: the load-time analyses (static steps in
// cat-program.ts, layout-constant subexpressions in cat-hoist.ts) walk the
// steps in order with one of these.
import type { Step } from './cat-ast.js';

/** Names that change from one candidate execution to the next (different-values reads the execution's values). */
export const DYNAMIC_NATIVES = ['rf', 'FW', 'different-values'];

/**
 * The top-level names whose values may change from one execution to the
 * next, as the steps, in order, bind them: rf, FW and different-values at
 * first; a non-static `let`'s names and a `with`'s name become dynamic; a
 * static `let`'s names, a procedure and an enum's names become constant.
 * Shared by markStatic and the hoister (cat-hoist.ts).
 */
export class DynamicNames {
  private readonly names = new Set(DYNAMIC_NATIVES);

  has(name: string): boolean {
    return this.names.has(name);
  }

  /** Whether any of `names` is dynamic. */
  any(names: Iterable<string>): boolean {
    for (const x of names) if (this.names.has(x)) return true;
    return false;
  }

  /** What step `s` binds, once its own `static` mark is set. */
  bound(s: Step): void {
    switch (s.k) {
      case 'let':
        for (const x of s.names) {
          if (s.static) this.names.delete(x);
          else this.names.add(x);
        }
        break;
      case 'with': this.names.add(s.name); break;
      case 'procedure': this.names.delete(s.name); break;
      case 'enum':
        this.names.delete(s.name);
        for (const t of s.tags) this.names.delete(`'${t}`);
        break;
      default: break;
    }
  }
}

// herd's "wanted final values": the `loc=v` atoms of a filter's top-level
// conjunction (no negation, disjunction or implication is looked into). herd
// adds them to its equation solving (src/events/build.ts pins values with
// them) and rejects a test whose filter pins one location to two values
// (src/litmus/checks.ts).
import type { Cond } from './ast.js';

export type EqualityAtom = Extract<Cond, { kind: 'atom' }> & { op: '=' };

export function filterEquations(c: Cond): EqualityAtom[] {
  const out: EqualityAtom[] = [];
  const walk = (x: Cond): void => {
    if (x.kind === 'and') {
      walk(x.left);
      walk(x.right);
    } else if (x.kind === 'atom' && x.op === '=' && x.value.kind !== 'loc') out.push(x as EqualityAtom);
  };
  walk(c);
  return out;
}

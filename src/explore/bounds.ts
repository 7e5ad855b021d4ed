// Bounds on whole subtrees of the search. Every axiom grows with rf and co
// (coherence and atomicity are settled per location), so when the union of a
// partial execution with every remaining choice passes the model, every
// completion does.
import { Rel } from '../relations/matrix.js';
import { evaluate } from '../model/lkmm.js';
import { execGraph, type Layout } from './graph-build.js';
import type { LocChoice } from './locations.js';

/** Adds one location's reads-from pairs and coherence order to rf and co. */
export function addChoice(rf: Rel, co: Rel, ch: LocChoice): void {
  for (const [w, r] of ch.rf) rf.add(w, r);
  for (let i = 0; i < ch.co.length; i++) for (let j = i + 1; j < ch.co.length; j++) co.add(ch.co[i]!, ch.co[j]!);
}

/**
 * Upper bounds for whole subtrees. Every axiom grows with rf and co (coherence
 * and atomicity are settled per location), so when the union of the partial
 * execution with every remaining choice passes the model, every completion
 * does. Flags may differ between executions only with plain accesses (see
 * `racy` in explore.ts) or SRCU accesses (no bounds: the srcu flags depend on
 * reads-from); explanations, which keep relations, get no bounds either.
 */
export function bulkBounds(L: Layout, perLoc: LocChoice[][], order: number[], wanted: boolean):
  { check(depth: number, rf: Rel, co: Rel, rmwSeq?: Rel): readonly string[] | undefined } | undefined {
  const S = L.sets;
  if (!wanted || !S.SrcuLock.isEmpty() || !S.SrcuUnlock.isEmpty()) return undefined;
  const sufRf: Rel[] = new Array<Rel>(order.length + 1), sufCo: Rel[] = new Array<Rel>(order.length + 1);
  sufRf[order.length] = new Rel(L.n);
  sufCo[order.length] = new Rel(L.n);
  for (let d = order.length - 1; d >= 0; d--) {
    const rf = sufRf[d + 1]!.clone(), co = sufCo[d + 1]!.clone();
    for (const ch of perLoc[order[d]!]!) addChoice(rf, co, ch);
    sufRf[d] = rf;
    sufCo[d] = co;
  }
  const upRf = new Rel(L.n), upCo = new Rel(L.n);
  return {
    check(depth, rf, co, rmwSeq) {
      upRf.copyFrom(rf).unionWith(sufRf[depth]!);
      upCo.copyFrom(co).unionWith(sufCo[depth]!);
      const v = evaluate(execGraph(L, upRf, upCo, rmwSeq), { coherent: true });
      return v.allowed ? v.flags : undefined;
    },
  };
}

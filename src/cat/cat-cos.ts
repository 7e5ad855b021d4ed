// `with co from generate_cos(pco)`, the standard idiom for coherence orders,
// when generate_cos is the project's own (src/cat/lib/cross.cat):
//
//   let co_locs(pco, wss) = map (fun ws -> linearisations(ws, pco)) wss
//   let generate_orders(s, pco) = cross(co_locs(pco, partition s))
//   let generate_cos(pco) = generate_orders(W, pco)
//
// with partition the project's stdlib's (classes-loc) and map,
// linearisations, cross and classes-loc the built-in ones. Then the element
// of that set the explorer's candidate X stands for (cat-lazy.ts standIn) is,
// for each location's writes (W's events grouped by location), X's pairs
// among them when they are a strict total order extending pco's: the same
// answer, without building the set of linearisations, its keys and the
// cross. Recognised only when every one of those names is bound as above
// where it is read (a model that binds its own map or partition first gets
// the cat definitions).
import { join } from 'node:path';
import type { Expr, Step } from './cat-ast.js';
import { newRel, newSet } from './cat-alloc.js';
import { linearisationOf } from './cat-lazy.js';
import { LIB_DIR } from './cat-program.js';
import type { TopTable } from './cat-scope.js';
import { asRel, asSet, relV, type Value } from './cat-values.js';
import type { BitSet } from '../relations/bitset.js';
import type { Rel } from '../relations/matrix.js';

const CROSS = join(LIB_DIR, 'cross.cat');
const STDLIB = join(LIB_DIR, 'stdlib.cat');

/** Whether `name`, read after step `limit`, is bound by a `let` of `file` binding it alone (its step), or built in. */
function boundIn(steps: readonly Step[], table: TopTable, name: string, limit: number, file: string | 'native'): number | undefined {
  const at = table.boundAt(name, limit);
  if (file === 'native') return at === 'native' ? -1 : undefined;
  if (at === 'native') return undefined;
  const s = steps[at]!;
  return s.k === 'let' && !s.rec && s.file === file && s.names.length === 1 && s.names[0] === name ? at : undefined;
}

/**
 * The argument of a `with` step's `generate_cos(pco)` when generate_cos and
 * the names it uses are the project's own (see above); undefined otherwise.
 * Also the step whose view W is read in (generate_cos's).
 */
export function recognisedGenerateCos(e: Expr, limit: number, steps: readonly Step[], table: TopTable): { pco: Expr; wLimit: number } | undefined {
  if (e.k !== 'app' || e.fn.k !== 'var' || e.fn.name !== 'generate_cos') return undefined;
  const cos = boundIn(steps, table, 'generate_cos', limit, CROSS);
  if (cos === undefined) return undefined;
  const orders = boundIn(steps, table, 'generate_orders', cos - 1, CROSS);
  if (orders === undefined) return undefined;
  const locs = boundIn(steps, table, 'co_locs', orders - 1, CROSS);
  const partition = boundIn(steps, table, 'partition', orders - 1, STDLIB);
  if (locs === undefined || partition === undefined) return undefined;
  if (boundIn(steps, table, 'cross', orders - 1, 'native') === undefined) return undefined;
  if (boundIn(steps, table, 'map', locs - 1, 'native') === undefined || boundIn(steps, table, 'linearisations', locs - 1, 'native') === undefined) return undefined;
  if (boundIn(steps, table, 'classes-loc', partition - 1, 'native') === undefined) return undefined;
  return { pco: e.arg, wLimit: cos - 1 };
}

/**
 * standIn(generate_cos(pco), X) for W's value `w`: the union of each
 * location's linearisation X stands for, null when some location's writes
 * have none. Errors as the cat definitions raise them (classes-loc and
 * linearisations take a set and a relation).
 */
export function cosStandIn(pco: Value, w: Value, X: Rel, locs: ArrayLike<number>): Value | null {
  const n = X.n;
  const byLoc = new Map<number, BitSet>();
  asSet(w, n).forEach((e) => {
    const l = locs[e]!;
    if (l < 0) return;
    let b = byLoc.get(l);
    if (!b) byLoc.set(l, (b = newSet(n)));
    b.add(e);
  });
  const acc = newRel(n);
  if (byLoc.size === 0) return relV(acc);
  const order = asRel(pco, n);
  for (const nodes of byLoc.values()) {
    const c = linearisationOf(nodes, order, X);
    if (c === null) return null;
    acc.unionWith(c);
  }
  return relV(acc);
}

// rmw-sequence, (rf ; rmw)*, computed once per search node instead of once
// per model evaluation. It depends only on the reads-from of RMW reads, i.e.
// on the choices of the locations read by RMWs, which the explorer orders
// first: below the depth where those are all chosen, every evaluation of the
// subtree shares it.
import { Rel } from '../relations/matrix.js';
import type { LocChoice } from './locations.js';

export class RmwSeqCache {
  /** The depth below which every RMW location is chosen. */
  readonly depth: number;
  private readonly on: boolean;
  private readonly rel: Rel;
  private readonly key: Array<LocChoice | undefined>;
  private made = false;

  /** `rmwLoc[l]`: location l is read by an RMW; `order`: the search order (RMW locations first). */
  constructor(n: number, private readonly rmw: Rel, private readonly order: readonly number[], rmwLoc: readonly boolean[]) {
    let d = 0;
    while (d < order.length && rmwLoc[order[d]!]) d++;
    this.depth = d;
    this.on = d > 0 && d < order.length && !rmw.isEmpty();
    this.rel = new Rel(n);
    this.key = new Array<LocChoice | undefined>(d);
  }

  /** At a node of depth `depth`, with rf `rf` from the choices `chosen`. */
  enter(depth: number, rf: Rel, chosen: readonly LocChoice[]): void {
    if (!this.on || depth !== this.depth) return;
    this.rel.composeInto(rf, this.rmw).reflexiveTransitiveClosure();
    for (let i = 0; i < this.depth; i++) this.key[i] = chosen[this.order[i]!];
    this.made = true;
  }

  /**
   * The rmw-sequence for an evaluation at node depth `depth` whose RMW
   * choices are `chosen`'s, or undefined when it was not made for them.
   */
  at(depth: number, chosen: readonly LocChoice[]): Rel | undefined {
    if (!this.on || !this.made || depth < this.depth) return undefined;
    for (let i = 0; i < this.depth; i++) if (chosen[this.order[i]!] !== this.key[i]) return undefined;
    return this.rel;
  }
}

// rmw-sequence, (rf ; rmw)*, computed once per search node instead of once
// per model evaluation. It depends only on the reads-from of the reads in the
// domain of rmw (atomic RMWs, and lock acquisitions' LKR events through
// lock.cat's lk-rmw), i.e. on the choices of the locations holding such
// reads. When those locations come first in the search order, every
// evaluation below the depth where they are all chosen shares it; otherwise
// the cache stays off.
import { Rel } from '../relations/matrix.js';
import type { LocChoice } from './locations.js';

export class RmwSeqCache {
  /** The depth below which every RMW location is chosen. */
  readonly depth: number;
  private readonly on: boolean;
  private readonly rel: Rel;
  private readonly key: Array<LocChoice | undefined>;
  private made = false;

  /** `rmwLoc[l]`: location l has an event in the domain of rmw; `order`: the search order. */
  constructor(n: number, private readonly rmw: Rel, private readonly order: readonly number[], rmwLoc: readonly boolean[]) {
    let d = 0;
    while (d < order.length && rmwLoc[order[d]!]) d++;
    this.depth = d;
    let later = false;
    for (let k = d; k < order.length; k++) if (rmwLoc[order[k]!]) later = true;
    this.on = d > 0 && d < order.length && !later && !rmw.isEmpty();
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

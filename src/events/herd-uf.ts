// herd7's union-find over symbolic variables (its lib/partition.ml), which
// decides how an unsolved value prints: equations `a := b` are merged in list
// order by rank, the left-hand root winning a tie; lookups compress paths; and
// in the end every variable is replaced by its DIRECT parent, which is not
// always the root once a class holds four or more variables.

export class HerdUnionFind {
  private readonly parent = new Map<number, number>();
  private readonly rank = new Map<number, number>();

  private find(x: number): number {
    const p = this.parent.get(x);
    if (p === undefined || p === x) return x;
    const r = this.find(p);
    this.parent.set(x, r);
    return r;
  }

  /** Merges the classes of `a` and `b` for the equation `a := b`. */
  union(a: number, b: number): void {
    const ra = this.find(a), rb = this.find(b);
    if (ra === rb) return;
    const ka = this.rank.get(ra) ?? 0, kb = this.rank.get(rb) ?? 0;
    if (ka > kb) this.parent.set(rb, ra);
    else if (kb > ka) this.parent.set(ra, rb);
    else {
      this.parent.set(rb, ra);
      this.rank.set(ra, ka + 1);
    }
  }

  /** What herd substitutes for `x`: its direct parent, or itself for a root. */
  direct(x: number): number {
    return this.parent.get(x) ?? x;
  }
}

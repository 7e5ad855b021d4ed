// Groupings of one location's choices, cached per list.
import type { LocChoice } from './locations.js';

/** Interchangeable choices of one location: a representative and how many. */
export interface Group {
  rep: LocChoice;
  weight: number;
}

/**
 * A choice's value signature: the final value it leaves and the value each of
 * its reads sees. Choices of one location with equal signatures are
 * interchangeable for values, condition and state when every write stores a
 * constant (`values` then holds every write's value).
 */
export function valueSignature(values: ArrayLike<number>, ch: LocChoice): string {
  let key = String(values[ch.final]!);
  for (const [w, r] of ch.rf) key += `,${r}:${values[w]!}`;
  return key;
}

/**
 * Choices that give the location's reads the same values and leave the same
 * final value (interchangeable for values, condition and state when every
 * write stores a constant), one representative per group. Cached per list.
 */
export class ValueGroups {
  private readonly cache = new WeakMap<readonly LocChoice[], Group[]>();
  constructor(private readonly values: ArrayLike<number>) {}

  of(list: readonly LocChoice[]): Group[] {
    let gs = this.cache.get(list);
    if (gs) return gs;
    const byKey = new Map<string, Group>();
    for (const ch of list) {
      const key = valueSignature(this.values, ch);
      const g = byKey.get(key);
      if (g) g.weight++;
      else byKey.set(key, { rep: ch, weight: 1 });
    }
    gs = [...byKey.values()];
    this.cache.set(list, gs);
    return gs;
  }
}

const byCoCache = new WeakMap<readonly LocChoice[], LocChoice[][]>();

/** The choices of a list grouped by coherence order (they then differ only in reads-from). Cached per list. */
export function coOrderGroups(list: readonly LocChoice[]): LocChoice[][] {
  let groups = byCoCache.get(list);
  if (groups) return groups;
  const byCo = new Map<string, LocChoice[]>();
  for (const ch of list) {
    const k = ch.co.join(',');
    const g = byCo.get(k);
    if (g) g.push(ch);
    else byCo.set(k, [ch]);
  }
  groups = [...byCo.values()];
  byCoCache.set(list, groups);
  return groups;
}

/**
 * Boxes: the remaining choices (locations `order[depth..]`) split by
 * coherence order, location by location. Choices of one coherence order
 * differ only in reads-from, so the union of a box (one order per location) is
 * a much tighter bound than the union of everything. Each box is a full
 * per-location list array. Null when there is one box or more than `max`.
 */
export function coBoxes(order: readonly number[], depth: number, lists: readonly (readonly LocChoice[])[], max = 32): (readonly LocChoice[])[][] | null {
  let boxes: (readonly LocChoice[])[][] = [lists.slice()];
  for (let d = depth; d < order.length; d++) {
    const k = order[d]!;
    const groups = coOrderGroups(lists[k]!);
    if (groups.length === 1) continue;
    if (boxes.length * groups.length > max) return null;
    const next: (readonly LocChoice[])[][] = [];
    for (const b of boxes) {
      for (const g of groups) {
        const nb = b.slice();
        nb[k] = g;
        next.push(nb);
      }
    }
    boxes = next;
  }
  return boxes.length > 1 ? boxes : null;
}

// Memoised counting of whole allowed subtrees.
//
// When every write stores a constant and flags cannot vary between
// executions (the preconditions of grouped counting), what an allowed subtree
// contributes - its final states, their counts, Positive and Negative - is a
// function of the values alone: the values the prefix's choices give their
// reads and leave in memory, and the multiset of value signatures left in
// each remaining location's list. Lock-word tests reach the same such key
// tens of thousands of times (a different coherence order of the lock word,
// the same values), so the first visit records the contribution and later
// visits only count how often it recurs; the states are added once per key,
// multiplied, when the layout is done.
import type { LocChoice } from './locations.js';
import { valueSignature } from './choice-groups.js';
import type { Layout } from './graph-build.js';
import type { StateTable } from './states.js';

/** What one key's subtree contributed on its first visit. */
export interface MemoEntry {
  /** Candidate executions in the subtree (leaves times their group weights). */
  total: number;
  positive: number;
  negative: number;
  /** The recorded states: `width` values each, with their satisfaction and count. */
  obs: number[];
  sat: boolean[];
  counts: number[];
  /** Visits after the first (the recorded states are added `hits` more times on flush). */
  hits: number;
}

/** Recorded states across all entries stop growing past this (the memo then only serves existing keys). */
const MAX_RECORDED = 1 << 18;

/** After this many keys, the memo is kept only while keys recur at least once each on average. */
const TRIAL_KEYS = 256;

export class CompletionMemo {
  private readonly entries = new Map<string, MemoEntry>();
  private readonly sigs = new Map<LocChoice, number>();
  private readonly sigIds: Array<Map<string, number>>;
  private recorded = 0;
  private hitCount = 0;

  constructor(private readonly L: Layout, private readonly width: number, private readonly maxRecorded = MAX_RECORDED) {
    this.sigIds = Array.from({ length: L.nlocs }, () => new Map<string, number>());
  }

  /** A location's choice's value signature: equal for choices interchangeable for values. */
  private sig(l: number, ch: LocChoice): number {
    let s = this.sigs.get(ch);
    if (s !== undefined) return s;
    const key = valueSignature(this.L.values, ch);
    const ids = this.sigIds[l]!;
    s = ids.get(key);
    if (s === undefined) {
      s = ids.size;
      ids.set(key, s);
    }
    this.sigs.set(ch, s);
    return s;
  }

  /** The key of the subtree below `depth`: the prefix's signatures and each remaining list's signature multiset. */
  key(depth: number, order: readonly number[], chosen: readonly LocChoice[], lists: readonly (readonly LocChoice[])[]): string {
    let key = `${depth}`;
    for (let d = 0; d < depth; d++) key += `,${this.sig(order[d]!, chosen[order[d]!]!)}`;
    for (let d = depth; d < order.length; d++) key += this.listPart(order[d]!, lists[order[d]!]!);
    return key;
  }

  private readonly parts = new WeakMap<readonly LocChoice[], string>();
  private readonly tmp: number[] = [];

  /** A remaining list's part of a key: its sorted signatures (cached per list: most lists recur unchanged). */
  private listPart(l: number, list: readonly LocChoice[]): string {
    let part = this.parts.get(list);
    if (part !== undefined) return part;
    const tmp = this.tmp;
    tmp.length = 0;
    for (let i = 0; i < list.length; i++) tmp.push(this.sig(l, list[i]!));
    tmp.sort((a, b) => a - b);
    part = `|${tmp.join(',')}`;
    this.parts.set(list, part);
    return part;
  }

  /**
   * Whether the memo still pays: tests whose subtrees never repeat a key (an
   * RCU chain's million distinct states) would only pay for keys and copies.
   */
  get useful(): boolean {
    return this.entries.size < TRIAL_KEYS || this.hitCount >= this.entries.size;
  }

  get(key: string): MemoEntry | undefined {
    const e = this.entries.get(key);
    if (e) this.hitCount++;
    return e;
  }

  /** A new entry to record into, or undefined when the memo is full. */
  start(key: string): MemoEntry | undefined {
    if (this.recorded >= this.maxRecorded) return undefined;
    const e: MemoEntry = { total: 0, positive: 0, negative: 0, obs: [], sat: [], counts: [], hits: 0 };
    this.entries.set(key, e);
    return e;
  }

  /**
   * Records one counted state of the entry being filled; false when the memo
   * is full, and the entry is then dropped (its subtree is simply not memoised).
   */
  record(key: string, e: MemoEntry, obs: Float64Array, sat: boolean, n: number): boolean {
    if (this.recorded >= this.maxRecorded) {
      this.entries.delete(key);
      return false;
    }
    for (let k = 0; k < this.width; k++) e.obs.push(obs[k]!);
    e.sat.push(sat);
    e.counts.push(n);
    if (sat) e.positive += n;
    else e.negative += n;
    this.recorded++;
    return true;
  }

  /** Adds every repeated visit's states to the table (the first visits added theirs as they went). */
  flush(states: StateTable): void {
    const w = this.width;
    const obs = new Float64Array(w);
    for (const e of this.entries.values()) {
      if (e.hits === 0) continue;
      for (let i = 0; i < e.sat.length; i++) {
        for (let k = 0; k < w; k++) obs[k] = e.obs[i * w + k]!;
        states.add(obs, e.sat[i]!, e.counts[i]! * e.hits);
      }
      e.hits = 0;
    }
  }
}

// Final states seen so far, keyed by their numeric values. A large test can
// end in millions of distinct states (a 20-process RCU chain has 2^20 - 1), so
// a state costs one short key string and a few array slots while exploring;
// the printed records are built once at the end.
import { formatValue, isSymToken, locOfAddr } from '../events/values.js';

export interface StateRecord {
  values: string[];
  executions: number;
  satisfies: boolean;
}

/** Character codes below this stand for themselves in a key. */
const DIRECT = 0xd000;

export class StateTable {
  private readonly index = new Map<string, number>();
  private readonly vals: number[] = [];
  private readonly counts: number[] = [];
  private readonly sat: boolean[] = [];

  private readonly codes: Uint16Array;

  /** `width` values per state. */
  constructor(private readonly width: number) {
    this.codes = new Uint16Array(width);
  }

  get size(): number {
    return this.counts.length;
  }

  /** Counts one execution ending in the state `obs[0..width)`. */
  add(obs: Float64Array, satisfies: boolean): void {
    const k = this.width;
    const codes = this.codes;
    let direct = true;
    for (let i = 0; i < k && direct; i++) {
      const v = obs[i]!;
      if (v >= 0 && v < DIRECT && (v | 0) === v) codes[i] = v;
      else direct = false;
    }
    // Small non-negative integers are one character; anything else is escaped.
    let key: string;
    if (direct) key = String.fromCharCode.apply(null, codes as unknown as number[]);
    else {
      key = '';
      for (let i = 0; i < k; i++) {
        const v = obs[i]!;
        key += v >= 0 && v < DIRECT && (v | 0) === v ? String.fromCharCode(v) : `\ue000${v === 0 ? 0 : v};`;
      }
    }
    const at = this.index.get(key);
    if (at !== undefined) {
      this.counts[at]!++;
      return;
    }
    this.index.set(key, this.counts.length);
    for (let i = 0; i < k; i++) this.vals.push(obs[i]! === 0 ? 0 : obs[i]!);
    this.counts.push(1);
    this.sat.push(satisfies);
  }

  /**
   * Adds the states of `other`, a table filled by another search of the same
   * test. A state whose satisfaction is `exact` takes other's count (that
   * search counted every such execution); any other keeps the larger count.
   */
  absorb(other: StateTable, exact: boolean): void {
    const k = this.width;
    for (const [key, j] of other.index) {
      const i = this.index.get(key);
      const n = other.counts[j]!;
      if (i !== undefined) {
        this.counts[i] = other.sat[j] === exact ? n : Math.max(this.counts[i]!, n);
        continue;
      }
      this.index.set(key, this.counts.length);
      for (let c = 0; c < k; c++) this.vals.push(other.vals[j * k + c]!);
      this.counts.push(n);
      this.sat.push(other.sat[j]!);
    }
  }

  /** The states as printed records, sorted as herd7 prints them. */
  records(locNames: readonly string[]): StateRecord[] {
    const k = this.width, vals = this.vals;
    const small: string[] = [];
    const text = (v: number): string => {
      if (v >= 0 && v < 256 && (v | 0) === v) return (small[v] ??= String(v));
      return formatValue(v, locNames);
    };
    // herd7's order, column by column: symbolic values (by number), then
    // integers, then addresses (by location name).
    const rank = (v: number): number => (isSymToken(v) ? 0 : locOfAddr(v, locNames.length) >= 0 ? 2 : 1);
    const cmp = (a: number, b: number): number => {
      for (let i = 0; i < k; i++) {
        const x = vals[a * k + i]!, y = vals[b * k + i]!;
        if (x === y) continue;
        const rx = rank(x), ry = rank(y);
        if (rx !== ry) return rx - ry;
        if (rx === 2) {
          const nx = text(x), ny = text(y);
          if (nx !== ny) return nx < ny ? -1 : 1;
          continue;
        }
        return x - y;
      }
      return 0;
    };
    const order = Array.from({ length: this.counts.length }, (_v, i) => i).sort(cmp);
    return order.map((s) => {
      const values = new Array<string>(k);
      for (let i = 0; i < k; i++) values[i] = text(vals[s * k + i]!);
      return { values, executions: this.counts[s]!, satisfies: this.sat[s]! };
    });
  }
}

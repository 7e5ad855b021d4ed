// Final states seen so far, keyed by their numeric values. A large test can
// end in millions of distinct states (a 20-process RCU chain has 2^20 - 1), so
// a state costs one short key string and a few array slots while exploring;
// the printed records are built once at the end.
import type { Program } from '../events/program.js';
import { formatValue, isSymToken, locOfAddr } from '../events/value-encoding.js';

export interface StateRecord {
  values: string[];
  executions: number;
  satisfies: boolean;
}

/** Character codes below this stand for themselves in a key. */
const DIRECT = 0xd000;

/** A StateTable's contents as plain, structured-cloneable data. */
export interface StateData {
  width: number;
  vals: Float64Array;
  counts: number[];
  sat: boolean[];
}

/** How put() merges a count into a state already in the table. */
type CountMerge = 'add' | 'replace' | 'max';

export class StateTable {
  /**
   * Keys by kind, a function of the state alone: states of 0/1 values (up to
   * 52 columns) as binary numbers, states of values below 16 (up to 13
   * columns) as base-16 numbers, any other as a short string. Number keys
   * cost no allocation; a 20-process RCU chain has a million distinct states.
   */
  private readonly bin = new Map<number, number>();
  private readonly hex = new Map<number, number>();
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

  /** Counts `n` executions (default one) ending in the state `obs[0..width)`. */
  add(obs: Float64Array, satisfies: boolean, n = 1): void {
    this.put(obs, 0, n, satisfies, 'add');
  }

  /**
   * Counts `n` executions ending in the state `src[off..off+width)`. An
   * existing state's count grows by `n` (`add`), becomes `n` (`replace`) or
   * the larger of the two (`max`): see absorb.
   */
  private put(src: ArrayLike<number>, off: number, n: number, satisfies: boolean, merge: CountMerge): void {
    const k = this.width;
    let binary = k <= 52, small = k <= 13;
    for (let i = 0; i < k && (binary || small); i++) {
      const v = src[off + i]!;
      if (v !== 0 && v !== 1) binary = false;
      if (!(v >= 0 && v < 16 && (v | 0) === v)) small = false;
    }
    let map: Map<number, number> | undefined;
    let num = 0;
    let key = '';
    if (binary || small) {
      map = binary ? this.bin : this.hex;
      const base = binary ? 2 : 16;
      for (let i = 0; i < k; i++) num = num * base + src[off + i]!;
    } else key = this.stringKey(src, off);
    const at = map ? map.get(num) : this.index.get(key);
    if (at !== undefined) {
      if (merge === 'replace') this.counts[at] = n;
      else if (merge === 'max') this.counts[at] = Math.max(this.counts[at]!, n);
      else this.counts[at]! += n;
      return;
    }
    if (map) map.set(num, this.counts.length);
    else this.index.set(key, this.counts.length);
    for (let i = 0; i < k; i++) this.vals.push(src[off + i]! === 0 ? 0 : src[off + i]!);
    this.counts.push(n);
    this.sat.push(satisfies);
  }

  /** A string key: small non-negative integers are one character; anything else is escaped. */
  private stringKey(src: ArrayLike<number>, off: number): string {
    const k = this.width;
    const codes = this.codes;
    let direct = true;
    for (let i = 0; i < k && direct; i++) {
      const v = src[off + i]!;
      if (v >= 0 && v < DIRECT && (v | 0) === v) codes[i] = v;
      else direct = false;
    }
    if (direct) return String.fromCharCode.apply(null, codes as unknown as number[]);
    let key = '';
    for (let i = 0; i < k; i++) {
      const v = src[off + i]!;
      key += v >= 0 && v < DIRECT && (v | 0) === v ? String.fromCharCode(v) : `\ue000${v === 0 ? 0 : v};`;
    }
    return key;
  }

  /**
   * Adds the states of `other`, a table filled by another search of the same
   * test. A state whose satisfaction is `exact` takes other's count (that
   * search counted every such execution); any other keeps the larger count.
   */
  absorb(other: StateTable, exact: boolean): void {
    const k = this.width;
    for (let j = 0; j < other.counts.length; j++) {
      const sat = other.sat[j]!;
      this.put(other.vals, j * k, other.counts[j]!, sat, sat === exact ? 'replace' : 'max');
    }
  }

  /** The table as plain data (to send to another thread). */
  toData(): StateData {
    return { width: this.width, vals: Float64Array.from(this.vals), counts: this.counts.slice(), sat: this.sat.slice() };
  }

  /** Adds the states of a table of the same width, counts added (a disjoint share of the same search). */
  merge(data: StateData): void {
    if (data.width !== this.width) throw new RangeError(`state width ${data.width} != ${this.width}`);
    for (let j = 0; j < data.counts.length; j++) this.put(data.vals, j * this.width, data.counts[j]!, data.sat[j]!, 'add');
  }

  /** The states as printed records, sorted as herd7 prints them. */
  records(locNames: readonly string[], unsigned32?: readonly boolean[]): StateRecord[] {
    const k = this.width;
    let vals = this.vals;
    if (unsigned32?.some((u) => u)) {
      // herd prints an atomic_t declared in the init section as unsigned 32-bit.
      vals = vals.slice();
      for (let j = 0; j < vals.length; j++) {
        const v = vals[j]!;
        if (unsigned32[j % k] && v < 0 && v >= -(2 ** 31) && Number.isInteger(v)) vals[j] = v >>> 0;
      }
    }
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

/** Per state column, whether herd prints it as unsigned 32-bit (an atomic_t declared in the init section). */
export function unsigned32Columns(program: Pick<Program, 'observed'>): boolean[] {
  return program.observed.map((o) => o.kind === 'global' && o.unsigned32 === true);
}

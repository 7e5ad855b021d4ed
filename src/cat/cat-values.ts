// Values of the cat interpreter: event sets and relations (the relation
// core's BitSet and Rel), the polymorphic empty set `0`/`{}` and universe `_`,
// tags, events, pairs, tuples, sets of values, functions, and the lazy sets
// `linearisations(...)` and `cross(...)` return (materialised only on demand).
import { newRel, newSet } from './cat-alloc.js';
import { BitSet } from '../relations/bitset.js';
import { Rel } from '../relations/matrix.js';
import type { Instr, Pat } from './cat-ast.js';

export type Value =
  | { t: 'set'; r?: undefined; s: BitSet }
  | { t: 'rel'; r: Rel; s?: undefined }
  | { t: 'empty'; r?: undefined; s?: undefined }
  | { t: 'univ'; r?: undefined; s?: undefined }
  | { t: 'tag'; enumName: string; name: string }
  | { t: 'event'; e: number }
  | { t: 'pair'; a: number; b: number }
  | { t: 'tuple'; elems: Value[] }
  | { t: 'vset'; elems: Map<string, Value> }
  | { t: 'clo'; pat: Pat; body: Code; frame: Frame | null; name: string }
  | { t: 'prim'; name: string; fn: (v: Value, m: CatMachine) => Value }
  | { t: 'proc'; pat: Pat; body: Instr[]; tests: (Code | null)[] }
  | { t: 'lin'; nodes: BitSet; order: Rel }
  | { t: 'cross'; parts: Value[] };

/** What compiled code runs against: one layout of one model. */
export interface CatMachine {
  readonly n: number;
  readonly variants: ReadonlySet<string>;
  /** The top level's values, by slot (cat-scope.ts TopTable). */
  readonly top: (Value | undefined)[];
  /** Values of the layout-constant subexpressions (cat-hoist.ts), by slot, once computed. */
  readonly hoisted: (Value | undefined)[];
}

/** Compiled code (cat-compile.ts): a value from the machine and the frame of local names. */
export type Code = (m: CatMachine, f: Frame | null) => Value;

/** A frame of local names (function parameters, `let ... in`, `match` variables). */
export interface Frame {
  readonly vals: (Value | undefined)[];
  readonly up: Frame | null;
}

export class CatError extends Error {
  constructor(message: string, readonly at?: number) {
    super(message);
  }
}

// Relations, event sets, 0 and _ share one object shape ({t, r, s}), so that
// the evaluator's tests of `t` on them stay monomorphic.
export const EMPTY: Value = { t: 'empty', r: undefined, s: undefined };
export const UNIV: Value = { t: 'univ', r: undefined, s: undefined };
export const relV = (r: Rel): Value & { t: 'rel' } => ({ t: 'rel', r, s: undefined });
export const setV = (s: BitSet): Value & { t: 'set' } => ({ t: 'set', r: undefined, s });

export function typeName(v: Value): string {
  switch (v.t) {
    case 'set': return 'event set';
    case 'rel': return 'relation';
    case 'empty': return 'empty set';
    case 'univ': return 'universe';
    case 'tag': return 'tag';
    case 'event': return 'event';
    case 'pair': return 'pair of events';
    case 'tuple': return 'tuple';
    case 'vset': case 'lin': case 'cross': return 'set of values';
    case 'clo': case 'prim': return 'function';
    case 'proc': return 'procedure';
  }
}

/** A canonical key: equal values have equal keys (for sets of values). */
export function keyOf(v: Value): string {
  switch (v.t) {
    case 'empty': return 'Z';
    case 'set': return v.s.isEmpty() ? 'Z' : `S${setKey(v.s)}`;
    case 'rel': return v.r.isEmpty() ? 'Z' : `R${relKey(v.r)}`;
    case 'univ': return 'U';
    case 'tag': return `T${v.enumName}:${v.name}`;
    case 'event': return `E${v.e}`;
    case 'pair': return `P${v.a}.${v.b}`;
    case 'tuple': return `(${v.elems.map(keyOf).join(';')})`;
    case 'vset': return v.elems.size === 0 ? 'Z' : `{${[...v.elems.keys()].sort().join(';')}}`;
    // The linearisations of S extending r depend on r's pairs within S only.
    case 'lin': return `L${setKey(v.nodes)}/${relKeyWithin(v.order, v.nodes)}`;
    case 'cross': return `X(${v.parts.map(keyOf).join(';')})`;
    default: throw new CatError(`a ${typeName(v)} cannot be an element of a set`);
  }
}

// Keys are built in one pass over the bits (sets and relations are keyed
// often: every `++` and `match` on a set of values).
let keyText = '';
let keySep = '';
function addElem(i: number): void {
  keyText += keySep + i;
  keySep = ',';
}
function addPair(a: number, b: number): void {
  keyText += `${keySep}${a}.${b}`;
  keySep = ',';
}
/** `1,4,7` for {1, 4, 7}. */
function setKey(s: BitSet): string {
  keyText = '';
  keySep = '';
  s.forEach(addElem);
  return keyText;
}
/** `0.1,2.3` for {(0,1), (2,3)}, in row order. */
function relKey(r: Rel): string {
  keyText = '';
  keySep = '';
  r.forEachEdge(addPair);
  return keyText;
}

/** relKey of r's pairs between elements of s. */
function relKeyWithin(r: Rel, s: BitSet): string {
  keyText = '';
  keySep = '';
  // Row by row, as relKey: the pairs among s's few elements only.
  const xs = s.toArray();
  for (const a of xs) for (const b of xs) if (r.has(a, b)) addPair(a, b);
  return keyText;
}

export function vsetOf(elems: Iterable<Value>): Value {
  const m = new Map<string, Value>();
  for (const e of elems) m.set(keyOf(e), e);
  return { t: 'vset', elems: m };
}

/** The elements of a set of values, in key order (deterministic). */
export function vsetElems(v: Value & { t: 'vset' }): Value[] {
  return [...v.elems.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, x]) => x);
}

/** The n×n relation of a value that denotes one (0 and _ included). */
export function asRel(v: Value, n: number): Rel {
  switch (v.t) {
    case 'rel': return v.r;
    case 'empty': return newRel(n);
    case 'univ': return newRel(n).fill();
    case 'pair': return newRel(n).add(v.a, v.b);
    case 'vset':
      if (v.elems.size === 0) return newRel(n);
      break;
  }
  throw new CatError(`expected a relation, found a ${typeName(v)}`);
}

export function asSet(v: Value, n: number): BitSet {
  switch (v.t) {
    case 'set': return v.s;
    case 'empty': return newSet(n);
    case 'univ': return newSet(n).fill();
    case 'event': return newSet(n).add(v.e);
    case 'vset':
      if (v.elems.size === 0) return newSet(n);
      break;
  }
  throw new CatError(`expected a set of events, found a ${typeName(v)}`);
}

export const isRelLike = (v: Value): boolean => v.t === 'rel' || v.t === 'pair';
export const isSetLike = (v: Value): boolean => v.t === 'set' || v.t === 'event';

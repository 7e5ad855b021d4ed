// Each cat operator, evaluated by the interpreter over the relation core,
// against a naive reference definition on sets of pairs (random relations).
import { describe, expect, it } from 'vitest';
import { BitSet } from '../../src/relations/bitset.js';
import { Rel } from '../../src/relations/matrix.js';
import { evalBinds } from '../../src/cat/cat-compile.js';
import { parseCat } from '../../src/cat/cat-parser.js';
import { primitives } from '../../src/cat/cat-prims.js';
import { standIn } from '../../src/cat/cat-lazy.js';
import { materialise } from '../../src/cat/cat-lazy.js';
import type { Instr } from '../../src/cat/cat-ast.js';
import type { Value } from '../../src/cat/cat-values.js';

const N = 7;
type Pairs = Set<string>;
const key = (a: number, b: number): string => `${a},${b}`;
const all = (): number[] => [...Array(N).keys()];

function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}
function randomPairs(r: () => number, p: number): Pairs {
  const out: Pairs = new Set();
  for (const a of all()) for (const b of all()) if (r() < p) out.add(key(a, b));
  return out;
}
function randomSet(r: () => number): Set<number> {
  return new Set(all().filter(() => r() < 0.5));
}
const toRel = (p: Pairs): Rel => Rel.fromPairs(N, [...p].map((k) => k.split(',').map(Number) as [number, number]));
const toBits = (s: Set<number>): BitSet => BitSet.of(N, s);
const pairsOf = (v: Value): Pairs => {
  if (v.t === 'empty') return new Set();
  if (v.t !== 'rel') throw new Error(`not a relation: ${v.t}`);
  return new Set(v.r.toPairs().map(([a, b]) => key(a, b)));
};
const setOf = (v: Value): Set<number> => (v.t === 'empty' ? new Set() : new Set((v as { s: BitSet }).s.toArray()));

// Reference definitions.
const compose = (a: Pairs, b: Pairs): Pairs => {
  const out: Pairs = new Set();
  for (const x of all()) for (const y of all()) for (const z of all()) if (a.has(key(x, y)) && b.has(key(y, z))) out.add(key(x, z));
  return out;
};
const plus = (a: Pairs): Pairs => {
  let cur = new Set(a);
  for (;;) {
    const next = new Set([...cur, ...compose(cur, a)]);
    if (next.size === cur.size) return cur;
    cur = next;
  }
};
const idPairs = (): Pairs => new Set(all().map((x) => key(x, x)));

type Names = Map<string, Value>;

function evaluate(text: string, env: Names): Value {
  const f = parseCat(`let it = ${text}`, 'ops.cat');
  const i = f.instrs[0] as Instr & { k: 'let' };
  return evalBinds(false, i.binds, env, N).get('it')!;
}

function envWith(a: Pairs, b: Pairs, S: Set<number>, T: Set<number>): Names {
  const env: Names = new Map();
  env.set('a', { t: 'rel', r: toRel(a) }).set('b', { t: 'rel', r: toRel(b) });
  env.set('S', { t: 'set', s: toBits(S) }).set('T', { t: 'set', s: toBits(T) });
  for (const [name, fn] of primitives({ n: N, locs: new Int32Array(N).fill(0), values: () => new Int32Array(N), lookup: (x) => env.get(x) })) env.set(name, { t: 'prim', name, fn });
  return env;
}

describe('cat operators against reference definitions', () => {
  for (let seed = 1; seed <= 12; seed++) {
    const r = rng(seed);
    const a = randomPairs(r, 0.2), b = randomPairs(r, 0.25), S = randomSet(r), T = randomSet(r);
    const env = envWith(a, b, S, T);
    it(`random relations #${seed}`, () => {
      expect(pairsOf(evaluate('a | b', env))).toEqual(new Set([...a, ...b]));
      expect(pairsOf(evaluate('a & b', env))).toEqual(new Set([...a].filter((x) => b.has(x))));
      expect(pairsOf(evaluate('a \\ b', env))).toEqual(new Set([...a].filter((x) => !b.has(x))));
      expect(pairsOf(evaluate('a ; b', env))).toEqual(compose(a, b));
      expect(pairsOf(evaluate('a+', env))).toEqual(plus(a));
      expect(pairsOf(evaluate('a*', env))).toEqual(new Set([...plus(a), ...idPairs()]));
      expect(pairsOf(evaluate('a?', env))).toEqual(new Set([...a, ...idPairs()]));
      expect(pairsOf(evaluate('a^-1', env))).toEqual(new Set([...a].map((k) => k.split(',').reverse().join(','))));
      expect(pairsOf(evaluate('~a', env))).toEqual(new Set(all().flatMap((x) => all().map((y) => key(x, y))).filter((k) => !a.has(k))));
      expect(pairsOf(evaluate('[S]', env))).toEqual(new Set([...S].map((x) => key(x, x))));
      expect(pairsOf(evaluate('S * T', env))).toEqual(new Set([...S].flatMap((x) => [...T].map((y) => key(x, y)))));
      expect(pairsOf(evaluate('[S] ; a ; [T]', env))).toEqual(new Set([...a].filter((k) => { const [x, y] = k.split(',').map(Number); return S.has(x!) && T.has(y!); })));
      expect(setOf(evaluate('domain(a)', env))).toEqual(new Set([...a].map((k) => Number(k.split(',')[0]))));
      expect(setOf(evaluate('range(a)', env))).toEqual(new Set([...a].map((k) => Number(k.split(',')[1]))));
      expect(setOf(evaluate('S | T', env))).toEqual(new Set([...S, ...T]));
      expect(setOf(evaluate('S & T', env))).toEqual(new Set([...S].filter((x) => T.has(x))));
      expect(setOf(evaluate('S \\ T', env))).toEqual(new Set([...S].filter((x) => !T.has(x))));
      expect(setOf(evaluate('~S', env))).toEqual(new Set(all().filter((x) => !S.has(x))));
    });
  }

  it('0 and _ take the other operand\'s type', () => {
    const env = envWith(new Set([key(0, 1)]), new Set(), new Set([2]), new Set());
    expect(pairsOf(evaluate('a | 0', env))).toEqual(new Set([key(0, 1)]));
    expect(setOf(evaluate('S | 0', env))).toEqual(new Set([2]));
    expect(setOf(evaluate('S & _', env))).toEqual(new Set([2]));
    expect(evaluate('0 | 0', env).t).toBe('empty');
  });

  it('++ adds an element: an event to a set, a pair to a relation, anything else to a set of values', () => {
    const env = envWith(new Set([key(0, 1), key(2, 3)]), new Set(), new Set([4, 5]), new Set());
    const m = (text: string): Value => evaluate(text, env);
    expect(pairsOf(m('match a with || {} -> 0 || p ++ rest -> p ++ 0 end'))).toEqual(new Set([key(0, 1)]));
    expect(setOf(m('match S with || {} -> 0 || e ++ rest -> e ++ 0 end'))).toEqual(new Set([4]));
    const vs = m('a ++ {}');
    expect(vs.t === 'vset' && vs.elems.size).toBe(1);
  });

  it('the built-in map gives what its cat definition gives, for every kind of image', () => {
    const r = rng(99);
    const env = envWith(randomPairs(r, 0.3), randomPairs(r, 0.2), randomSet(r), randomSet(r));
    env.set('E', { t: 'set', s: toBits(new Set([1, 3, 5])) });
    const catMap = 'let mymap f = let rec go S = match S with || {} -> {} || e ++ rest -> f e ++ go rest end in go in';
    const cases = [
      ['fun e -> e', 'S'], // events: an event set
      ['fun e -> [e]', 'S'], // relations: a set of relations
      ['fun p -> p', 'a'], // pairs: a relation
      ['fun e -> {e}', 'E'], // sets: a set of sets
      ['fun e -> [e] ; a', 'T'],
      ['fun s -> domain(s)', 'mymap (fun e -> [e] ; a) T'], // over a set of values
      ['fun e -> e', '{}'],
    ];
    for (const [f, S] of cases) {
      const mine = evaluate(`map (${f}) (${S.replace('mymap', 'map')})`, env);
      const cat = evaluate(`${catMap} mymap (${f}) (${S})`, env);
      expect(mine, `${f} over ${S}`).toEqual(cat);
    }
    // A mix the rules of ++ refuse: the same error.
    const err = (text: string): string => {
      try {
        evaluate(text, env);
        return 'no error';
      } catch (e) {
        return (e as Error).message;
      }
    };
    // 3 (in E) gives an event and comes last; 2 gives a relation, added to the event set {3}.
    env.set('M', { t: 'set', s: toBits(new Set([2, 3])) });
    const mixed = (m: string): string => err(`${m === 'mymap' ? catMap : ''} ${m} (fun e -> if e in E then e else [e]) M`);
    expect(mixed('map')).toBe(mixed('mymap'));
    expect(mixed('map')).toMatch(/expected a set of values, found a event set/);
  });

  it('let rec computes a least fixpoint in order, as herd (rcu-rscs style matching)', () => {
    // Two sequential sections L0 U1 L2 U3: the matching must pair L0-U1 and L2-U3 only.
    const env: Names = new Map();
    env.set('po', { t: 'rel', r: Rel.fromPairs(4, [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]]) });
    env.set('L', { t: 'set', s: BitSet.of(4, [0, 2]) }).set('U', { t: 'set', s: BitSet.of(4, [1, 3]) });
    for (const [name, fn] of primitives({ n: 4, locs: new Int32Array(4), values: () => new Int32Array(4), lookup: (x) => env.get(x) })) env.set(name, { t: 'prim', name, fn });
    const f = parseCat(`let m = let rec
      ul = L \\ domain(matched)
      and uu = U \\ range(matched)
      and un = ul | uu
      and upo = [un] ; po ; [un]
      and lu = [ul] ; po ; [uu]
      and matched = matched | (lu \\ (upo ; upo))
      in matched`, 'm.cat');
    const v = evalBinds(false, (f.instrs[0] as Instr & { k: 'let' }).binds, env, 4).get('m')!;
    expect(v.t === 'rel' && v.r.toPairs()).toEqual([[0, 1], [2, 3]]);
  });
});

describe('linearisations and cross (lazy) and the stand-in of with', () => {
  it('linearisations enumerates the total orders extending the relation', () => {
    const lin: Value = { t: 'lin', nodes: BitSet.of(4, [0, 1, 2]), order: Rel.fromPairs(4, [[0, 1]]) };
    const m = materialise(lin);
    expect(m.t === 'vset' && m.elems.size).toBe(3);
  });

  it('cross picks one element per set and unions them', () => {
    const one = (pairs: Array<[number, number]>): Value => ({ t: 'rel', r: Rel.fromPairs(4, pairs) });
    const s1: Value = { t: 'vset', elems: new Map([['a', one([[0, 1]])], ['b', one([[1, 0]])]]) };
    const s2: Value = { t: 'vset', elems: new Map([['c', one([[2, 3]])]]) };
    const m = materialise({ t: 'cross', parts: [s1, s2] });
    expect(m.t === 'vset' && m.elems.size).toBe(2);
  });

  it('with: the candidate stands for the element it restricts to, or for none', () => {
    const lin: Value = { t: 'lin', nodes: BitSet.of(4, [0, 1, 2]), order: Rel.fromPairs(4, [[0, 1]]) };
    const ok = Rel.fromPairs(4, [[0, 1], [0, 2], [1, 2], [3, 3]]);
    const hit = standIn({ t: 'cross', parts: [lin] }, ok);
    expect(hit && hit.t === 'rel' && hit.r.toPairs()).toEqual([[0, 1], [0, 2], [1, 2]]);
    // Against the order 0 -> 1: no element.
    expect(standIn(lin, Rel.fromPairs(4, [[1, 0], [0, 2], [1, 2]]))).toBeNull();
    // Not total: no element.
    expect(standIn(lin, Rel.fromPairs(4, [[0, 1], [0, 2]]))).toBeNull();
  });
});

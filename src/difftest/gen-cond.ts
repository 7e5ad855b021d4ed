// The final part of a generated test: the quantified condition, and at times
// a filter and a `locations` clause, over the registers the threads set and
// the locations' final values.
import type { IrAtomOp, IrProp, IrQuantifier } from './litmus-ir.js';
import type { ThreadGen } from './gen-thread.js';
import type { World } from './gen-world.js';

export interface CondPart {
  quantifier: IrQuantifier;
  prop: IrProp;
  filter?: IrProp;
  locations?: string[];
  bracketImplies: boolean;
}

interface Observable {
  /** As written in the condition: `0:r1`, `x` or `[x]`. */
  loc: string;
  value: () => string;
}

function observables(world: World, threads: ThreadGen[], regsOnly: boolean): Observable[] {
  const r = world.rng, out: Observable[] = [];
  threads.forEach((t, i) => {
    for (const [reg, kind] of t.regs) {
      out.push({ loc: `${i}:${reg}`, value: () => (kind === 'ptr' ? r.pick(world.ints) : String(r.chance(0.85) ? r.int(0, 2) : r.int(-1, 3))) });
    }
  });
  if (regsOnly && out.length) return out;
  const locs = [...world.ints, ...world.atomics, ...world.ptrs];
  if (!world.avoid.has('lock-final') && r.chance(0.1)) locs.push(...[world.lock, world.srcu].filter((l): l is string => !!l));
  for (const l of locs) out.push({ loc: r.chance(0.3) ? `[${l}]` : l, value: () => world.valueFor(l) });
  return out;
}

function atomOp(world: World): IrAtomOp {
  const r = world.rng;
  if (world.avoid.has('cond-spellings')) return r.chance(0.9) ? '=' : '!=';
  return r.weighted({ '=': 80, '==': 8, '!=': 6, '<>': 6 });
}

function atom(world: World, obs: Observable[]): IrProp {
  const r = world.rng, o = r.pick(obs);
  if (r.chance(0.06)) {
    // Two locations compared: `0:r0=1:r1`, `x=[y]`, `[x]=0:r1`.
    const o2 = r.pick(obs);
    const v = /:/.test(o2.loc) ? o2.loc : `[${o2.loc.replace(/^\[(.*)\]$/, '$1')}]`;
    return { k: 'atom', loc: o.loc, op: r.chance(0.8) || world.avoid.has('cond-spellings') ? '=' : '==', v };
  }
  return { k: 'atom', loc: o.loc, op: atomOp(world), v: o.value() };
}

function prop(world: World, obs: Observable[], atoms: number): IrProp {
  const r = world.rng;
  if (atoms <= 1) {
    if (r.chance(0.03)) return { k: 'const', v: r.chance(0.5) };
    const a = atom(world, obs);
    return r.chance(0.1) ? { k: 'not', p: a } : a;
  }
  const left = r.int(1, atoms - 1);
  const a = prop(world, obs, left), b = prop(world, obs, atoms - left);
  const k = r.weighted({ and: 50, or: 30, implies: 12 });
  const p: IrProp = { k, a, b } as IrProp;
  return r.chance(0.08) ? { k: 'not', p } : p;
}

export function genCondition(world: World, threads: ThreadGen[]): CondPart {
  const r = world.rng;
  const obs = observables(world, threads, false);
  const quantifier = r.weighted<IrQuantifier>({ exists: 60, '~exists': 20, forall: 20, final: world.avoid.has('cond-spellings') ? 0 : 2 });
  const part: CondPart = {
    quantifier,
    prop: prop(world, obs, Number(r.weighted({ '1': 15, '2': 40, '3': 30, '4': 15 }))),
    bracketImplies: world.avoid.has('implies-precedence') || r.chance(0.3),
  };
  const regObs = observables(world, threads, true);
  if (!world.avoid.has('filter') && r.chance(0.15)) part.filter = prop(world, regObs, r.int(1, 2));
  if (r.chance(0.15)) {
    const n = r.int(1, 3), locs = new Set<string>();
    for (let i = 0; i < n; i++) locs.add(r.pick(obs).loc.replace(/^\[(.*)\]$/, '$1'));
    part.locations = [...locs];
  }
  return part;
}

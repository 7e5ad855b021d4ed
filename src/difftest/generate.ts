// The seeded generator of C litmus tests: generate(seed, options) gives the
// same test for the same seed and options, on every machine.
import type { IrExpr, IrTest, IrThread } from './litmus-ir.js';
import { Rng } from './rng.js';
import { World, type Feature } from './gen-world.js';
import { ThreadGen } from './gen-thread.js';
import { genCondition } from './gen-cond.js';
import { PROFILES, PROFILE_MIX, type Profile } from './gen-profiles.js';
import { ERROR_KINDS, injectError } from './gen-errors.js';

export interface GenOptions {
  /** A profile of gen-profiles.ts; drawn from PROFILE_MIX when absent. */
  profile?: string;
  /** Constructs to leave out. */
  avoid?: ReadonlySet<Feature>;
  /** The test's name (default derived from the seed). */
  name?: string;
}

export interface Generated {
  test: IrTest;
  profile: string;
  /** The error injected by the errors profile, if any. */
  error?: string;
}

export function generate(seed: number, opts: GenOptions = {}): Generated {
  const rng = new Rng(seed);
  const avoid = opts.avoid ?? new Set<Feature>();
  let profileName = opts.profile ?? rng.weighted(PROFILE_MIX);
  if (profileName === 'errors' && avoid.has('errors') && !opts.profile) profileName = 'mixed';
  const profile: Profile | undefined = PROFILES[profileName];
  if (!profile) throw new Error(`unknown profile '${profileName}' (known: ${Object.keys(PROFILES).join(', ')})`);
  const nThreads = Number(rng.weighted(profile.threads));
  const accesses = rng.int(profile.accesses[0], profile.accesses[1]);
  const world = new World(rng, {
    ints: Number(rng.weighted({ '1': 10, '2': 50, '3': 30, '4': 10 })),
    atomics: rng.chance(profile.atomics) ? rng.int(1, 2) : 0,
    ptrs: rng.chance(profile.ptrs) ? rng.int(1, 2) : 0,
    lock: rng.chance(profile.lock),
    srcu: rng.chance(profile.srcu),
  }, avoid);
  const gens: ThreadGen[] = [];
  let left = accesses;
  for (let i = 0; i < nThreads; i++) {
    const share = Math.max(1, Math.round(left / (nThreads - i)));
    left -= share;
    gens.push(new ThreadGen(world, i, share, profile.families));
  }
  const threads = gens.map((g) => g.build());
  crossThreadSrcu(world, gens, threads);
  const cond = genCondition(world, gens);
  const test: IrTest = {
    name: opts.name ?? `difftest-${seed.toString(16)}`,
    init: world.init,
    threads,
    quantifier: cond.quantifier,
    prop: cond.prop,
    ...(cond.filter ? { filter: cond.filter } : {}),
    ...(cond.locations ? { locations: cond.locations } : {}),
    ...(cond.bracketImplies ? { bracketImplies: true } : {}),
  };
  const result: Generated = { test, profile: profileName };
  if (profile.errors && rng.chance(profile.errors) && !avoid.has('errors')) {
    const kind = rng.pick(ERROR_KINDS);
    injectError(test, kind, rng);
    result.error = kind;
  }
  return result;
}

/** srcu_down_read() in one thread, its index passed through memory to srcu_up_read() in another. */
function crossThreadSrcu(world: World, gens: ThreadGen[], threads: IrThread[]): void {
  const ss = world.srcu, r = world.rng;
  if (!ss || gens.length < 2 || !r.chance(0.35)) return;
  const a = r.int(0, gens.length - 1);
  const b = (a + r.int(1, gens.length - 1)) % gens.length;
  const idx = world.ints[world.ints.length - 1]!;
  const name = (n: string): IrExpr => ({ k: 'name', name: n });
  const down = gens[a]!.newReg('int');
  threads[a]!.body.push(
    { k: 'assign', reg: down, e: { k: 'call', fn: 'srcu_down_read', args: [name(ss)] } },
    r.chance(0.5)
      ? { k: 'call', fn: 'smp_store_release', args: [name(idx), name(down)] }
      : { k: 'call', fn: 'WRITE_ONCE', args: [{ k: 'deref', e: name(idx) }, name(down)] },
  );
  const up = gens[b]!.newReg('int');
  const load: IrExpr = r.chance(0.5)
    ? { k: 'call', fn: 'smp_load_acquire', args: [name(idx)] }
    : { k: 'call', fn: 'READ_ONCE', args: [{ k: 'deref', e: name(idx) }] };
  threads[b]!.body.push({ k: 'assign', reg: up, e: load }, { k: 'call', fn: 'srcu_up_read', args: [name(ss), name(up)] });
}

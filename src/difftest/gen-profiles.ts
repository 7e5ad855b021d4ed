// Generator profiles: how many threads, how many accesses, which locations and
// which statement families. A campaign draws a profile per test (PROFILE_MIX)
// so that it covers every family; --profile fixes one.
import type { FamilyWeights } from './gen-thread.js';

export interface Profile {
  /** Weights of thread counts 2..8. */
  threads: Record<string, number>;
  /** Memory accesses per test (total over threads), inclusive range. */
  accesses: [number, number];
  /** Probabilities of the kinds of locations. */
  atomics: number;
  ptrs: number;
  lock: number;
  srcu: number;
  families: FamilyWeights;
  /** Probability that the test is turned into a user error (errors profile). */
  errors?: number;
}

const BASE: FamilyWeights = {
  'once-read': 10, 'once-write': 10, 'plain-read': 3, 'plain-write': 3, acquire: 4, release: 4, 'store-mb': 2,
  xchg: 2, 'ptr-xchg': 1, 'atomic-op': 3, 'atomic-return': 3, 'atomic-fetch': 3, 'atomic-xchg': 2, 'atomic-test': 2,
  'atomic-rw': 2, 'add-unless': 1, fence: 6, lock: 3, trylock: 1, 'is-locked': 1, 'rcu-reader': 2, 'rcu-pointer': 2,
  'srcu-reader': 1, 'sync-rcu': 2, 'ctrl-dep': 3, 'addr-dep': 2, 'multi-load': 1, while: 1, 'reg-arith': 1,
  'decl-init': 2, 'expr-stmt': 2, block: 1, 'init-reg': 1, copy: 1, 'trylock-if': 1, 'mixed-type': 1, unbalanced: 1, 'big-arith': 1,
};

const SMALL_THREADS = { 2: 45, 3: 30, 4: 12, 5: 5, 6: 4, 7: 2, 8: 2 };

function scaled(extra: FamilyWeights): FamilyWeights {
  const out: FamilyWeights = { ...BASE };
  for (const [k, v] of Object.entries(extra)) out[k as keyof FamilyWeights] = v;
  return out;
}

export const PROFILES: Record<string, Profile> = {
  mixed: { threads: SMALL_THREADS, accesses: [3, 9], atomics: 0.5, ptrs: 0.4, lock: 0.35, srcu: 0.2, families: BASE },
  atomics: {
    threads: { 2: 50, 3: 35, 4: 15 }, accesses: [3, 8], atomics: 1, ptrs: 0.3, lock: 0.1, srcu: 0,
    families: scaled({ 'atomic-op': 12, 'atomic-return': 12, 'atomic-fetch': 14, 'atomic-xchg': 8, 'atomic-test': 8, 'atomic-rw': 6, 'add-unless': 5, xchg: 8, 'ptr-xchg': 4, fence: 8 }),
  },
  locks: {
    threads: { 2: 50, 3: 35, 4: 15 }, accesses: [3, 8], atomics: 0.2, ptrs: 0.1, lock: 1, srcu: 0,
    families: scaled({ lock: 14, trylock: 6, 'trylock-if': 5, 'is-locked': 5, fence: 8 }),
  },
  rcu: {
    threads: { 2: 45, 3: 40, 4: 15 }, accesses: [3, 8], atomics: 0.1, ptrs: 0.8, lock: 0.1, srcu: 0.7,
    families: scaled({ 'rcu-reader': 12, 'rcu-pointer': 10, 'srcu-reader': 10, 'sync-rcu': 10, 'addr-dep': 6, unbalanced: 4 }),
  },
  deps: {
    threads: { 2: 55, 3: 35, 4: 10 }, accesses: [3, 8], atomics: 0.2, ptrs: 0.8, lock: 0.1, srcu: 0,
    families: scaled({ 'ctrl-dep': 12, 'addr-dep': 10, 'rcu-pointer': 6, 'multi-load': 5, while: 4, 'reg-arith': 6 }),
  },
  wide: { threads: { 5: 35, 6: 30, 7: 20, 8: 15 }, accesses: [5, 10], atomics: 0.3, ptrs: 0.3, lock: 0.3, srcu: 0.1, families: BASE },
  errors: { threads: { 2: 60, 3: 40 }, accesses: [2, 6], atomics: 0.4, ptrs: 0.5, lock: 0.4, srcu: 0.2, families: BASE, errors: 1 },
};

export type ProfileName = keyof typeof PROFILES;

/** How often each profile is drawn when the campaign does not fix one. */
export const PROFILE_MIX: Record<string, number> = { mixed: 34, atomics: 14, locks: 12, rcu: 12, deps: 12, wide: 10, errors: 6 };

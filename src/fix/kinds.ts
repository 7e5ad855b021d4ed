// The kinds of change, their costs (the order in which `fix` prefers them),
// the groups --allow/--deny accept, and which kind is weaker than which at the
// same place.
import type { ChangeKind } from './fix-records.js';

export interface KindInfo {
  kind: ChangeKind;
  cost: number;
  description: string;
}

/** Cheapest first: marking an access costs least, a full barrier or a fully ordered RMW most. */
export const KINDS: readonly KindInfo[] = [
  { kind: 'once', cost: 1, description: 'mark a plain access: READ_ONCE()/WRITE_ONCE()' },
  { kind: 'acquire', cost: 2, description: 'make a load (or a relaxed RMW) an acquire' },
  { kind: 'release', cost: 2, description: 'make a store (or a relaxed RMW) a release' },
  { kind: 'rmb', cost: 3, description: 'add smp_rmb() between two loads' },
  { kind: 'wmb', cost: 3, description: 'add smp_wmb() between two stores' },
  { kind: 'before-atomic', cost: 4, description: 'add smp_mb__before_atomic() before an unordered RMW' },
  { kind: 'after-atomic', cost: 4, description: 'add smp_mb__after_atomic() after an unordered RMW' },
  { kind: 'mb', cost: 5, description: 'add smp_mb()' },
  { kind: 'rmw-full', cost: 6, description: 'make a void or relaxed RMW fully ordered' },
];

export const KIND_NAMES: readonly ChangeKind[] = KINDS.map((k) => k.kind);

export function costOf(kind: ChangeKind): number {
  return KINDS.find((k) => k.kind === kind)!.cost;
}

/** Names that stand for several kinds in --allow/--deny. */
export const KIND_GROUPS: Readonly<Record<string, readonly ChangeKind[]>> = {
  'acquire-release': ['acquire', 'release'],
  fences: ['rmb', 'wmb', 'before-atomic', 'after-atomic', 'mb'],
  'atomic-fences': ['before-atomic', 'after-atomic'],
  annotations: ['once', 'acquire', 'release', 'rmw-full'],
  all: KIND_NAMES,
};

/**
 * Kinds strictly weaker than `kind` at the same slot. A set that uses `kind`
 * where a weaker kind at the same slot (with the rest of the set) also works
 * is not minimal.
 */
const WEAKER: Readonly<Record<ChangeKind, readonly ChangeKind[]>> = {
  once: [],
  acquire: ['once'],
  release: ['once'],
  rmb: [],
  wmb: [],
  'before-atomic': [],
  'after-atomic': [],
  mb: ['rmb', 'wmb', 'before-atomic', 'after-atomic'],
  'rmw-full': ['acquire', 'release'],
};

export function weakerOrSame(a: ChangeKind, b: ChangeKind): boolean {
  return a === b || WEAKER[b].includes(a);
}

/** Expands a comma-separated list of kind and group names; throws with a one-line message on an unknown name. */
export function parseKindList(text: string, option: string): ChangeKind[] {
  const out = new Set<ChangeKind>();
  for (const raw of text.split(',')) {
    const name = raw.trim();
    if (name === '') continue;
    const group = KIND_GROUPS[name];
    if (group) {
      for (const k of group) out.add(k);
    } else if ((KIND_NAMES as readonly string[]).includes(name)) {
      out.add(name as ChangeKind);
    } else {
      const known = [...KIND_NAMES, ...Object.keys(KIND_GROUPS)].join(', ');
      throw new Error(`${option}: unknown kind of change '${name}' (expected some of: ${known})`);
    }
  }
  return KIND_NAMES.filter((k) => out.has(k));
}

/** The kinds left by --allow (default: all) and --deny (default: none), in cost order. */
export function selectKinds(allow: string | undefined, deny: string | undefined): ChangeKind[] {
  const allowed = allow === undefined ? [...KIND_NAMES] : parseKindList(allow, '--allow');
  const denied = deny === undefined ? [] : parseKindList(deny, '--deny');
  return allowed.filter((k) => !denied.includes(k));
}

// The primitive registry: the LKMM table plus the kernel mm vocabulary and any
// user-supplied mappings. Lookups are by exact name.
import { lkmmPrimitives } from './lkmm-table.js';
import { mmGupPrimitives } from './mm-gup-table.js';
import { mmPrimitives } from './mm-table.js';
import type { PrimitiveDef } from './primitive-def.js';

export type { PrimitiveDef } from './primitive-def.js';

export class PrimitiveRegistry {
  private readonly byName = new Map<string, PrimitiveDef>();

  constructor(defs: Iterable<PrimitiveDef> = []) {
    for (const d of defs) this.add(d);
  }

  add(def: PrimitiveDef): void {
    this.byName.set(def.name, def);
  }

  lookup(name: string): PrimitiveDef | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }

  all(): PrimitiveDef[] {
    return this.names().map((n) => this.byName.get(n)!);
  }

  clone(): PrimitiveRegistry {
    return new PrimitiveRegistry(this.byName.values());
  }
}

const extraTables: Array<readonly PrimitiveDef[]> = [];

/** Registers another built-in table (e.g. the mm vocabulary). */
export function registerBuiltinTable(defs: readonly PrimitiveDef[]): void {
  extraTables.push(defs);
  cached = undefined;
}

let cached: PrimitiveRegistry | undefined;

/** The built-in registry: LKMM primitives plus registered built-in tables. */
export function defaultRegistry(): PrimitiveRegistry {
  if (!cached) {
    cached = new PrimitiveRegistry([...lkmmPrimitives, ...mmPrimitives, ...mmGupPrimitives]);
    for (const t of extraTables) for (const d of t) cached.add(d);
  }
  return cached;
}

export function lookupPrimitive(name: string): PrimitiveDef | undefined {
  return defaultRegistry().lookup(name);
}

export function primitiveNames(): string[] {
  return defaultRegistry().names();
}

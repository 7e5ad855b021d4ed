// Whether herd7 can reproduce a test's verdict: the result record's
// `herdReproduction` field, from `litmus-check lower` (src/lower/).
import type { LitmusTest } from '../litmus/ast.js';
import { defaultRegistry, type PrimitiveRegistry } from '../kernel/primitives.js';
import type { HerdReproduction } from '../explore/result.js';
import { lowerTest } from '../lower/lower.js';
import { USER_GROUP } from '../kernel/def-file.js';

/** Undefined for a plain LKMM test herd7 runs as written. */
export function herdReproductionOf(test: LitmusTest, registry: PrimitiveRegistry | undefined, file: string): HerdReproduction | undefined {
  const reg = registry ?? defaultRegistry();
  const out = lowerTest(test, reg, { file });
  if (out.status === 'native') return undefined;
  return {
    status: out.status,
    usesMacros: out.helpers.some((h) => reg.lookup(h)?.group === USER_GROUP),
    helpers: out.helpers,
    extensions: out.extensions,
    reasons: out.refusals.map((r) => `${r.line}:${r.col}: ${r.message}`),
    notes: out.notes,
    ...(out.text !== undefined ? { lowered: out.text } : {}),
  };
}

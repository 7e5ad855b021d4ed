// Whether herd7 can reproduce a test's verdict: the result record's
// `herdReproduction` field, from `litmus-check lower` (src/lower/).
import type { LitmusTest } from '../litmus/ast.js';
import { defaultRegistry, type PrimitiveRegistry } from '../kernel/primitives.js';
import type { HerdReproduction } from '../explore/result.js';
import { lowerTest } from '../lower/lower.js';

/** Undefined for a plain LKMM test herd7 runs as written. */
export function herdReproductionOf(test: LitmusTest, registry: PrimitiveRegistry | undefined, file: string): HerdReproduction | undefined {
  const out = lowerTest(test, registry ?? defaultRegistry(), { file });
  if (out.status === 'native') return undefined;
  return {
    status: out.status,
    helpers: out.helpers,
    extensions: out.extensions,
    reasons: out.refusals.map((r) => `${r.line}:${r.col}: ${r.message}`),
    notes: out.notes,
    ...(out.text !== undefined ? { lowered: out.text } : {}),
  };
}

// The options of one run of a test (src/engine/pipeline.ts runSource), in
// a module of their own so that the pipeline's helpers (parallel.ts) can
// take them without importing the pipeline.
import type { PrimitiveRegistry } from '../kernel/primitives.js';
import type { ModelSpec } from '../cat/model-load.js';
import type { GovernorLimits } from '../limits/governor.js';

export interface RunOptions {
  timeoutMs?: number;
  maxExecutions?: number;
  unroll?: number;
  registry?: PrimitiveRegistry;
  explain?: boolean;
  /** See ExploreOptions.bulk and ExploreOptions.forward. */
  bulk?: boolean;
  forward?: boolean;
  /**
   * When the search stops at a limit, try to settle the verdict exactly with a
   * search restricted to the condition's target outcome (src/engine/settle.ts;
   * default true). With --timeout, the full search then gets 80% of the time.
   */
  settle?: boolean;
  /**
   * Explore only the executions that can reach the condition's target outcome
   * (its top-level atoms as path constraints, see src/engine/settle.ts): the
   * target count (Positive for exists/~exists, Negative for forall) is exact,
   * the other count and the states are not. For `fix`'s screening.
   */
  targetOnly?: boolean;
  /**
   * Threads one large test may use (default 1): the executions are dealt
   * into disjoint shares explored side by side (src/engine/parallel.ts).
   * Results do not depend on it.
   */
  threads?: number;
  /**
   * Keep up to this many rejected candidates with the outcome, each with the
   * check that rejected it, in the outcome (model-diff's reason); the search
   * then enumerates incoherent candidates too.
   */
  keepRejected?: number;
  /** A test without a `Result:` comment is judged an error, not `unjudged` (src/engine/judge.ts). */
  requireResult?: boolean;
  /** Tests using extensions herd7 cannot run (src/litmus/extensions.ts) are errors. */
  strict?: boolean;
  /** Another model than the built-in lkmmv2 (src/cat/model-load.ts); plain data, for worker threads. */
  model?: ModelSpec;
  /** Memory budget in bytes (default defaultMaxMemory(), src/limits/governor.ts). */
  maxMemory?: number;
  /**
   * Limits over more than this test (e.g. the whole of `fix`): an earlier
   * deadline there holds. The test's own deadline is timeoutMs from its start.
   */
  limits?: GovernorLimits;
}

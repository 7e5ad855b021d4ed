// The size limits a compiled test must be within (src/limits/sizes.ts):
// shared locations, and events of one execution (a relation holds at most
// 1024). Checked once the paths are built, before the search.
import type { LitmusTest, Range } from '../litmus/ast.js';
import type { Program } from '../events/program.js';
import { SIZE_LIMITS, TestTooLarge, tooLarge } from '../limits/sizes.js';

/** Where location `name` is first declared: a parameter, else an initialisation. */
function locationRange(test: LitmusTest, name: string): Range {
  for (const p of test.processes) for (const prm of p.params) if (prm.name === name) return prm.range;
  for (const e of test.init) if (e.name === name && e.thread === undefined) return e.range;
  return test.nameRange;
}

/** Throws TestTooLarge when `program` has too many locations or events. */
export function checkProgramSize(test: LitmusTest, program: Program): void {
  const nlocs = program.locations.length;
  if (nlocs > SIZE_LIMITS.locations) {
    const name = program.locations[SIZE_LIMITS.locations]!.name;
    throw new TestTooLarge(tooLarge(`${nlocs} shared locations`, SIZE_LIMITS.locations), locationRange(test, name));
  }
  // The largest execution: each thread's longest path, plus the initial writes.
  let events = nlocs;
  program.threads.forEach((paths, t) => {
    let most = 0;
    for (const p of paths) most = Math.max(most, p.events.length);
    events += most;
    if (events > SIZE_LIMITS.events) {
      const proc = test.processes[t];
      throw new TestTooLarge(tooLarge(`executions of more than ${SIZE_LIMITS.events} events (from P${proc?.id ?? t} on)`, SIZE_LIMITS.events), proc?.idRange);
    }
  });
}

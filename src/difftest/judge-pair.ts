// Runs both tools on a list of tests (one herd7 process, litmus-check in
// this process) and compares each pair.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IrTest } from './litmus-ir.js';
import { renderTest } from './render.js';
import { compareOutcomes, type Comparison, type Outcome } from './compare.js';
import type { Herd7Runner } from './herd7-runner.js';
import { runLitmusCheck, type LcStats } from './lc-runner.js';

export interface Judged {
  test: IrTest;
  text: string;
  path: string;
  herd: Outcome;
  lc: Outcome;
  comparison: Comparison;
}

export interface PairContext {
  herd: Herd7Runner;
  dir: string;
  lcTimeoutMs: number;
  lcStats: LcStats;
}

const yieldToEvents = (): Promise<void> => new Promise((r) => setImmediate(r));

export async function judgeAll(ctx: PairContext, tests: IrTest[]): Promise<Judged[]> {
  const items = tests.map((test) => {
    const text = renderTest(test);
    const path = join(ctx.dir, `${test.name}.litmus`);
    writeFileSync(path, text);
    return { test, text, path };
  });
  const herdDone = ctx.herd.run(items.map((i) => ({ path: i.path, name: i.test.name })));
  const lcs: Outcome[] = [];
  for (const i of items) {
    lcs.push(runLitmusCheck(i.text, i.path, ctx.lcTimeoutMs, ctx.lcStats));
    await yieldToEvents();
  }
  const herds = await herdDone;
  return items.map((i, k) => ({ ...i, herd: herds[k]!, lc: lcs[k]!, comparison: compareOutcomes(herds[k]!, lcs[k]!) }));
}

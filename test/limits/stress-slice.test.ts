// The quick slice of the stress suite (scripts/stress, `npm run stress` runs
// all of it): generated inputs that crashed, hung or ignored their limits,
// run through the built CLI as a user would. Skipped without a build.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without types
import { CASES } from '../../scripts/stress/cases.mjs';
// @ts-expect-error plain JavaScript module without types
import { BIN, runCase, startupMs } from '../../scripts/stress/run-case.mjs';

interface Case { name: string; slice?: boolean; unix?: boolean }
const built = existsSync(new URL('../../dist/cli/main.js', import.meta.url));
const slice = (CASES as Case[]).filter((c) => c.slice && (!c.unix || process.platform === 'linux'));

describe.skipIf(!built)('stress slice (the built CLI)', () => {
  let startup = 0;
  it('the CLI starts', async () => {
    expect(existsSync(BIN as string)).toBe(true);
    startup = await startupMs();
  }, 60_000);
  it.each(slice.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const r = await runCase(c, { startup }) as { problems: string[] };
    expect(r.problems).toEqual([]);
  }, 60_000);
});

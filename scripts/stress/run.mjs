#!/usr/bin/env node
// The stress suite (npm run stress [-- --slice] [-- NAME-SUBSTRING]): every
// case of scripts/stress/cases.mjs, one after the other, with what it took.
// Exit 1 when any case has a problem. Needs a build (npm run build).
import { CASES } from './cases.mjs';
import { runCase, startupMs } from './run-case.mjs';

const args = process.argv.slice(2);
const slice = args.includes('--slice');
const filter = args.filter((a) => !a.startsWith('--'));
const cases = CASES.filter((c) => (!slice || c.slice) && (!c.unix || process.platform === 'linux') && (filter.length === 0 || filter.some((f) => c.name.includes(f))));
const startup = await startupMs();
console.log(`stress: ${cases.length} cases; start-up ${(startup / 1000).toFixed(1)} s allowed on top of each case's timeout + 2 s`);
let failed = 0;
for (const c of cases) {
  const r = await runCase(c, { startup });
  const status = r.problems.length ? 'FAIL' : 'ok  ';
  console.log(`${status} ${(r.ms / 1000).toFixed(1).padStart(5)} s ${String(Math.round(r.peak / 2 ** 20)).padStart(5)} MiB  exit ${r.code}  ${c.name}`);
  for (const p of r.problems) console.log(`       ${p}`);
  if (r.problems.length) failed++;
}
console.log(`stress: ${cases.length - failed} of ${cases.length} cases hold`);
process.exit(failed ? 1 : 0);

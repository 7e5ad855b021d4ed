#!/usr/bin/env node
// Throughput against herd7, measured in one run: herd7 serially (one
// process per test, as the kernel's scripts run it) against litmus-check
// with all the tests in one process, under the cat interpreter
// (--model DIR --interpret) and under the built-in model. Rounds alternate
// the three, so a drift in the machine's speed touches each alike; the
// medians and the ratios are printed.
//
// Usage: node scripts/bench-vs-herd7.mjs [--rounds N] [--model DIR] [--herd7 PATH] [DIR|FILE ...]
// (also `npm run bench -- --vs-herd7 ...`). Default tests: the kernel and
// herdtools corpora of ../shared/corpus; default model ../shared/models/lkmmv2.
// herd7 is found by scripts/find-herd7.mjs; without it the script says so
// and exits 0.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findHerd7 } from './find-herd7.mjs';
import { litmusFilesUnder } from './litmus-files.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(root, '..', 'shared');
const args = process.argv.slice(2);
let rounds = 3;
let model = join(shared, 'models', 'lkmmv2');
let herdGiven;
const inputs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--rounds') rounds = Number(args[++i]);
  else if (args[i] === '--model') model = resolve(args[++i]);
  else if (args[i] === '--herd7') herdGiven = args[++i];
  else inputs.push(resolve(args[i]));
}
if (inputs.length === 0) inputs.push(join(shared, 'corpus', 'kernel'), join(shared, 'corpus', 'herdtools'));

const files = [];
for (const p of inputs) {
  if (!existsSync(p)) {
    console.log(`bench-vs-herd7: ${p} does not exist (it needs ../shared): nothing measured`);
    process.exit(0);
  }
  files.push(...(statSync(p).isDirectory() ? litmusFilesUnder(p).sort() : [p]));
}

const { herd7, confDir } = findHerd7(herdGiven, root);
if (!herd7 || !confDir) {
  console.log('bench-vs-herd7: herd7 7.58 is not installed (../shared/herd7/build.sh): nothing to compare with');
  process.exit(0);
}

const lc = join(root, 'bin', 'litmus-check');
const seconds = (f) => {
  const t = performance.now();
  f();
  return (performance.now() - t) / 1000;
};
const check = (r, what) => {
  if (r.error || (r.status !== 0 && r.status !== 1)) throw new Error(`${what}: ${r.error?.message ?? `exit ${r.status}`}: ${(r.stderr ?? '').slice(0, 500)}`);
};
const runs = {
  herd7: () => {
    for (const f of files) spawnSync(herd7, ['-conf', 'linux-kernel.cfg', f], { cwd: confDir, stdio: 'ignore' });
  },
  interpreter: () => check(spawnSync(lc, ['run', '--format', 'herd', '--model', model, '--interpret', ...files], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28 }), 'litmus-check --interpret'),
  'built-in': () => check(spawnSync(lc, ['run', '--format', 'herd', ...files], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28 }), 'litmus-check'),
};
const times = { herd7: [], interpreter: [], 'built-in': [] };
for (let r = 0; r < rounds; r++) for (const k of Object.keys(runs)) times[k].push(seconds(runs[k]));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const h = median(times.herd7);
console.log(`vs herd7: ${files.length} tests, median of ${rounds} rounds (${process.version}, ${cpus().length} CPUs, load ${loadavg()[0].toFixed(2)})`);
const rows = [
  ['herd7, one process per test', h],
  [`litmus-check --model ${model.replace(`${resolve(root, '..')}/`, '../')} --interpret, one process`, median(times.interpreter)],
  ['litmus-check, built-in model, one process', median(times['built-in'])],
];
const width = Math.max(...rows.map(([l]) => l.length)) + 1;
for (const [label, m] of rows) console.log(`  ${`${label}:`.padEnd(width)} ${m.toFixed(2)} s${label.startsWith('herd7') ? '' : `  (${(h / m).toFixed(1)}x faster than herd7)`}`);

#!/usr/bin/env node
// Benchmark: runs every .litmus file under a directory in one process and
// prints the total time, the ten slowest tests, peak memory and the rate of
// candidate executions, then the start-up latency of one process per test
// (scripts/bench-latency.mjs: litmus-check and, where installed, herd7).
// Usage: npm run bench [-- DIR ...] [--timeout S] [--threads N]
// (threads one large test may use; default 2, as the CLI); npm run bench -- --latency
// for the latency part alone; npm run bench -- --vs-herd7 for herd7 serially against
// one process under the cat interpreter and the built-in model.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, resolve, relative } from 'node:path';
import { runFile } from '../dist/engine/pipeline.js';

const args = process.argv.slice(2);
// `npm run bench -- --latency`: the start-up latency benchmark alone (scripts/bench-latency.mjs).
if (args[0] === '--latency') {
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(process.execPath, [new URL('./bench-latency.mjs', import.meta.url).pathname, ...args.slice(1)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
// `npm run bench -- --vs-herd7`: herd7 serially against one litmus-check process (scripts/bench-vs-herd7.mjs).
if (args[0] === '--vs-herd7') {
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(process.execPath, [new URL('./bench-vs-herd7.mjs', import.meta.url).pathname, ...args.slice(1)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
let timeout = 20;
let threads = 2;
const dirs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--timeout') timeout = Number(args[++i]);
  else if (args[i] === '--threads') threads = Number(args[++i]);
  else dirs.push(args[i]);
}
if (dirs.length === 0) dirs.push('../shared/corpus');
const walk = (d) => readdirSync(d).sort().flatMap((n) => {
  const p = join(d, n);
  return statSync(p).isDirectory() ? walk(p) : n.endsWith('.litmus') ? [p] : [];
});
const files = [];
for (const d of dirs) {
  if (!existsSync(d)) { console.error(`bench: no such directory ${d}`); process.exit(2); }
  files.push(...(statSync(d).isDirectory() ? walk(d) : [d]));
}
const rows = [];
let candidates = 0, evaluations = 0, errors = 0, limits = 0, settled = 0;
const t0 = performance.now();
for (const f of files) {
  const s = performance.now();
  const r = runFile(f, { timeoutMs: timeout * 1000, threads });
  const ms = performance.now() - s;
  candidates += r.candidates;
  evaluations += r.evaluations ?? 0;
  if (r.status === 'error') errors++;
  if (r.limit) limits++;
  if (r.settled) settled++;
  rows.push({ file: relative(process.cwd(), resolve(f)), ms, candidates: r.candidates, verdict: r.verdict, status: r.status, note: r.limit ? (r.settled ? ' (limit: verdict settled, counts partial)' : ' (limit: no verdict)') : '' });
}
const total = (performance.now() - t0) / 1000;
rows.sort((a, b) => b.ms - a.ms);
console.log(`files: ${files.length}, errors: ${errors}, limits hit: ${limits}${limits ? ` (${settled} with a settled verdict; counts partial)` : ''}`);
console.log(`total: ${total.toFixed(2)} s (threads per large test: ${threads})`);
console.log(`candidate executions: ${candidates} (${Math.round(candidates / total)} per second), model evaluations: ${evaluations}`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
console.log('slowest:');
for (const r of rows.slice(0, 10)) console.log(`  ${(r.ms / 1000).toFixed(3)} s  ${r.candidates} cand  ${r.verdict}${r.note}  ${r.file}`);
console.log('');
const { spawnSync } = await import('node:child_process');
spawnSync(process.execPath, [new URL('./bench-latency.mjs', import.meta.url).pathname], { stdio: 'inherit' });

#!/usr/bin/env node
// Start-up latency: the median wall time of one process per run (the kernel's
// scripts start one per test), for litmus-check and, where it is installed,
// herd7 on the same files. Usage:
//   node scripts/bench-latency.mjs [--runs N] [--herd7 PATH] [FILE.litmus ...]
// Default files: a trivial test (SB with two processes) written to a temp dir.
// herd7 is found as $HERD7, --herd7, `herd7` on PATH or ~/.cache/herd7/bin/herd7;
// it runs with -conf linux-kernel.cfg from its lkmm directory (or
// ../shared/kernel-tree/tools/memory-model).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findHerd7 } from './find-herd7.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let runs = 10;
let herdGiven;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--herd7') herdGiven = args[++i];
  else files.push(resolve(args[i]));
}
const tmp = mkdtempSync(join(tmpdir(), 'latency-'));
if (files.length === 0) {
  const f = join(tmp, 'SB.litmus');
  writeFileSync(f, 'C SB\n\n{}\n\nP0(int *x, int *y)\n{\n\tint r0;\n\n\tWRITE_ONCE(*x, 1);\n\tr0 = READ_ONCE(*y);\n}\n\nP1(int *x, int *y)\n{\n\tint r0;\n\n\tWRITE_ONCE(*y, 1);\n\tr0 = READ_ONCE(*x);\n}\n\nexists (0:r0=0 /\\ 1:r0=0)\n');
  files.push(f);
}

const { herd7, confDir } = findHerd7(herdGiven, root);

const mid = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Median wall time (s) of `runs` runs of cmd, after one warm-up run, and the
 * median CPU time (user + system) of the process, which a loaded machine
 * inflates less (measured with /usr/bin/time when it is there).
 */
function median(cmd, argv, cwd, env = process.env) {
  const walls = [], cpus = [];
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  for (let i = 0; i <= runs; i++) {
    const t = performance.now();
    const r = timeBin
      ? spawnSync(timeBin, ['-f', '@@cpu %U %S', cmd, ...argv], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
      : spawnSync(cmd, argv, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const s = (performance.now() - t) / 1000;
    if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')}: exit ${r.status}: ${r.stderr}`);
    const m = /@@cpu ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
    if (i > 0) {
      walls.push(s);
      if (m) cpus.push(Number(m[1]) + Number(m[2]));
    }
  }
  return { wall: mid(walls), cpu: cpus.length ? mid(cpus) : undefined };
}

const node = process.execPath;
// The bins as installed: sh launchers that start node without NODE_EXTRA_CA_CERTS.
const lc = join(root, 'bin', 'litmus-check');
const lh = join(root, 'bin', 'litmus-herd7');
const rows = [];
const row = (label, s) => rows.push([label, s]);
row('node -e 0 (Node start-up alone)', median(node, ['-e', '0']));
// Node 20 parses every certificate NODE_EXTRA_CA_CERTS names at start-up;
// the launchers drop it, so Node's own start-up is shown without it too.
if (process.env.NODE_EXTRA_CA_CERTS) {
  const { NODE_EXTRA_CA_CERTS: _, ...env } = process.env;
  row('node -e 0 without NODE_EXTRA_CA_CERTS', median(node, ['-e', '0'], undefined, env));
}
row('litmus-check --version', median(lc, ['--version']));
for (const f of files) {
  row(`litmus-check run --format herd ${f.split('/').pop()}`, median(lc, ['run', '--format', 'herd', f]));
  if (confDir) row(`litmus-herd7 -conf linux-kernel.cfg ${f.split('/').pop()}`, median(lh, ['-conf', 'linux-kernel.cfg', f], confDir));
  if (herd7 && confDir) row(`herd7 -conf linux-kernel.cfg ${f.split('/').pop()}`, median(herd7, ['-conf', 'linux-kernel.cfg', f], confDir));
}
rmSync(tmp, { recursive: true, force: true });
console.log(`start-up latency: median of ${runs} runs per process (${process.version}, ${(await import('node:os')).cpus().length} CPUs, load ${(await import('node:os')).loadavg()[0].toFixed(2)})`);
console.log('  wall (s)  cpu (s)');
for (const [label, s] of rows) console.log(`  ${s.wall.toFixed(3)}     ${s.cpu === undefined ? '  -  ' : s.cpu.toFixed(3)}    ${label}`);
const ours = rows.find(([l]) => l.startsWith('litmus-herd7'));
const theirs = rows.find(([l]) => l.startsWith('herd7 '));
if (ours && theirs) {
  console.log(`  litmus-herd7 / herd7: ${(ours[1].wall / theirs[1].wall).toFixed(1)}x wall${ours[1].cpu !== undefined && theirs[1].cpu ? `, ${(ours[1].cpu / theirs[1].cpu).toFixed(1)}x cpu` : ''}`);
}
else if (!herd7) console.log('  (herd7 not installed: no comparison)');

#!/usr/bin/env node
// `litmus-herd7 -speedcheck true` on the RCU chains of ../shared/bench/rcu-chains,
// one process per test as the kernel's scripts run it. Each output must equal
// herd7's own -speedcheck output (Time lines apart) when herd7 is installed
// ($HERD7, `herd7` on PATH or ~/.cache/herd7/bin/herd7), and otherwise give the
// verdict of the test's Result: comment with herd's speedcheck counts (Never 0 0,
// Sometimes 1 0). Each process must finish in under 0.5 s of wall time; on a
// machine loaded beyond its CPU count the bound scales with the load.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, homedir, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(root, '..', 'shared');
const bench = join(shared, 'bench', 'rcu-chains');
if (!existsSync(bench)) {
  console.log('speedcheck-check: ../shared is absent; skipped');
  process.exit(0);
}
const work = mkdtempSync(join(tmpdir(), 'speedcheck-'));
cpSync(join(shared, 'kernel-tree'), work, { recursive: true });
const mm = join(work, 'tools', 'memory-model');

function findHerd7() {
  const cands = [process.env.HERD7, ...(process.env.PATH ?? '').split(':').map((d) => d && join(d, 'herd7')), join(homedir(), '.cache/herd7/bin/herd7')];
  for (const c of cands) {
    if (!c || !existsSync(c)) continue;
    const v = spawnSync(c, ['-version'], { encoding: 'utf8' });
    if (v.status === 0 && !v.stdout.includes('litmus-check')) return c;
  }
  return undefined;
}
const herd7 = findHerd7();
const noTime = (s) => s.split('\n').filter((l) => !l.startsWith('Time ')).join('\n');
const bound = 0.5 * Math.max(1, loadavg()[0] / cpus().length);
let failures = 0, worst = 0, worstName = '';
const files = readdirSync(bench).filter((n) => n.endsWith('.litmus')).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
for (const n of files) {
  const f = join(bench, n);
  const t = performance.now();
  const r = spawnSync(join(root, 'bin', 'litmus-herd7'), ['-conf', 'linux-kernel.cfg', '-speedcheck', 'true', f], { cwd: mm, encoding: 'utf8' });
  const wall = (performance.now() - t) / 1000;
  if (wall > worst) [worst, worstName] = [wall, n];
  const problems = [];
  if (r.status !== 0) problems.push(`exit ${r.status}: ${r.stderr}`);
  if (wall > bound) problems.push(`took ${wall.toFixed(2)} s (bound ${bound.toFixed(2)} s)`);
  if (herd7) {
    const h = spawnSync(herd7, ['-conf', 'linux-kernel.cfg', '-speedcheck', 'true', f], { cwd: mm, encoding: 'utf8', timeout: 120000 });
    if (noTime(h.stdout) !== noTime(r.stdout)) problems.push(`output differs from herd7's:\n${h.stdout}--- litmus-herd7\n${r.stdout}`);
  } else {
    const want = /Result:\s*(\w+)/.exec(readFileSync(f, 'utf8'))?.[1];
    const obs = /^Observation \S+ (\w+ \d+ \d+)$/m.exec(r.stdout)?.[1];
    const expected = want === 'Never' ? 'Never 0 0' : `${want} 1 0`;
    if (obs !== expected) problems.push(`Observation ${obs}, expected ${expected} (Result: ${want})`);
  }
  if (problems.length) {
    failures++;
    console.log(`FAIL ${n}: ${problems.join('; ')}`);
  }
}
rmSync(work, { recursive: true, force: true });
console.log(`speedcheck: ${files.length - failures}/${files.length} RCU chains as herd7${herd7 ? ` (compared with ${herd7})` : ' (verdicts; herd7 not installed)'}, slowest ${worst.toFixed(2)} s wall (${worstName}), bound ${bound.toFixed(2)} s`);
process.exit(failures ? 1 : 0);

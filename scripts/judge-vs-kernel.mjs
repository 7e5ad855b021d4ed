#!/usr/bin/env node
// Does `litmus-check check` judge as the kernel does? For every test of
// ../shared/corpus that has a herd7 answer in ../shared/oracle (an
// `Observation` line), runs the kernel's own
// tools/memory-model/scripts/judgelitmus.sh (from ../shared/kernel-tree, run
// from a temporary copy: it appends to the .out files) on herd7's output, and
// compares its pass/fail (exit 0 or not) with `check`'s (PASS or not).
//
//   node scripts/judge-vs-kernel.mjs [--jobs N] [--timeout S] [SUBDIR...]
//
// SUBDIR restricts the comparison to corpus subdirectories (e.g. `kernel`).
// Exit 0 when they agree on every test, 1 when they do not, 0 with a note
// when ../shared is absent.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { litmusFilesUnder } from './litmus-files.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(root, '..', 'shared');
const judgeScript = join(shared, 'kernel-tree', 'tools', 'memory-model', 'scripts', 'judgelitmus.sh');

const args = process.argv.slice(2);
let jobs = 2, timeout = 20;
const subdirs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--jobs') jobs = Number(args[++i]);
  else if (args[i] === '--timeout') timeout = Number(args[++i]);
  else subdirs.push(args[i]);
}

if (!existsSync(join(shared, 'corpus')) || !existsSync(join(shared, 'oracle')) || !existsSync(judgeScript)) {
  console.log('judge-vs-kernel: ../shared (corpus, oracle, kernel-tree) is absent; skipped');
  process.exit(0);
}

const corpus = join(shared, 'corpus');
const tops = subdirs.length ? subdirs.map((s) => join(corpus, s)) : [corpus];
const tests = tops.flatMap((d) => (statSync(d).isDirectory() ? litmusFilesUnder(d, []) : [d])).sort();

/** Runs a command; resolves to its exit code and stdout. */
function run(cmd, argv, opts) {
  return new Promise((done) => {
    const child = spawn(cmd, argv, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (status) => done({ status, stdout: out, stderr: err }));
  });
}

// The tests with a herd7 answer, copied beside herd7's output (judgelitmus.sh
// reads FILE.litmus.out and appends to it) in a temporary directory.
const tmp = mkdtempSync(join(tmpdir(), 'judge-vs-kernel-'));
const script = join(tmp, 'judgelitmus.sh');
copyFileSync(judgeScript, script);
const copies = new Map();
for (const t of tests) {
  const rel = relative(corpus, t);
  const out = join(shared, 'oracle', `${rel}.out`);
  if (!existsSync(out) || !/^Observation /m.test(readFileSync(out, 'utf8'))) continue;
  const copy = join(tmp, 'tests', rel);
  mkdirSync(dirname(copy), { recursive: true });
  copyFileSync(t, copy);
  copyFileSync(out, `${copy}.out`);
  copies.set(t, copy);
}

// litmus-check's verdicts. Only a test with a Result: comment can pass
// `check` (without one it is UNJUDGED, which is not a pass): those are run,
// and the others compared as they are, without a run.
const RESULT_LINE = /^[( ]\* Result: /m;
const judged = new Set([...copies.keys()].filter((t) => RESULT_LINE.test(readFileSync(t, 'utf8'))));
const checking = run(process.execPath, [join(root, 'bin', 'litmus-check.js'), 'check', '--format', 'json', '--jobs', String(jobs), '--timeout', String(timeout), ...judged], { cwd: root });

// The kernel's verdicts on herd7's answers, meanwhile, two at a time.
const kernel = new Map();
const queue = [...copies];
const env = { ...process.env, LKMM_DESTDIR: '', LKMM_HW_MAP_FILE: '' };
await Promise.all([0, 1].map(async () => {
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [t, copy] = next;
    const r = await run('sh', [script, copy], { cwd: tmp, env });
    kernel.set(t, { pass: r.status === 0, says: (r.stdout.split('\n').find((l) => /!!!|---/.test(l)) ?? '').trim() });
  }
}));
const checked = await checking;
rmSync(tmp, { recursive: true, force: true });
let results;
try {
  results = JSON.parse(checked.stdout).results;
} catch {
  console.error(`judge-vs-kernel: litmus-check check gave no JSON (exit ${checked.status}): ${checked.stderr.slice(0, 2000)}`);
  process.exit(1);
}
const ours = new Map(results.map((r) => [resolve(root, r.file), r.judgement]));

let agree = 0;
const differ = [];
for (const t of copies.keys()) {
  const k = kernel.get(t);
  const j = judged.has(t) ? ours.get(resolve(t)) : { status: 'unjudged', reasons: ['no Result: comment'] };
  const pass = j?.status === 'pass';
  if (pass === k.pass) agree++;
  else differ.push(`${relative(shared, t)}: judgelitmus.sh ${k.pass ? 'passes' : `fails (${k.says})`}; check ${j ? `${j.status.toUpperCase()}${j.reasons.length ? ` (${j.reasons[0]})` : ''}` : 'gave no result'}`);
}
for (const d of differ) console.log(`DIFFER ${d}`);
const kpass = [...kernel.values()].filter((k) => k.pass).length;
console.log(`judge-vs-kernel: ${agree} of ${kernel.size} tests with a herd7 answer judged alike (${judged.size} with a Result: comment, run by check; judgelitmus.sh passes ${kpass}, fails ${kernel.size - kpass}); ${differ.length} differ`);
process.exit(differ.length ? 1 : 0);

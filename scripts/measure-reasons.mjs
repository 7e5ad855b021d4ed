#!/usr/bin/env node
// How good are the explanations of forbidden outcomes? For every test whose
// outcome is Never (the library under litmus/, and, where ../shared exists,
// the kernel's own tests under ../shared/corpus/kernel), asks `explain` for
// its ranked reasons and counts the tests whose top-ranked reason is a cycle
// that crosses threads and names at least one ordering construct of the test
// (an edge with a construct: a barrier, an acquire or release, a grace
// period, a lock, a dependency, ...). A test of a single process cannot
// cross threads: it is counted apart, on its own process's reason.
//
//   node scripts/measure-reasons.mjs [--timeout S] [DIR...]
//
// Prints one line per test that misses, and the figure per directory.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { litmusFilesUnder } from './litmus-files.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let timeout = 20;
const dirs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--timeout') timeout = Number(args[++i]);
  else dirs.push(resolve(args[i]));
}
if (dirs.length === 0) {
  dirs.push(join(root, 'litmus'));
  const kernel = resolve(root, '..', 'shared', 'corpus', 'kernel');
  if (existsSync(kernel)) dirs.push(kernel);
}

const cli = join(root, 'bin', 'litmus-check.js');
let allGood = 0, allNever = 0, oneThread = 0, oneThreadGood = 0;

/** Whether a test has a single process (P0 only). */
function oneProcess(file) {
  return (readFileSync(file, 'utf8').match(/^\s*P\d+\s*\(/gm) ?? []).length === 1;
}
for (const dir of dirs) {
  let never = 0, good = 0;
  for (const file of litmusFilesUnder(dir, []).sort()) {
    const r = spawnSync(process.execPath, [cli, 'explain', '--format', 'json', '--timeout', String(timeout), file], { encoding: 'utf8', maxBuffer: 1 << 28 });
    let t;
    try {
      t = JSON.parse(r.stdout).results[0];
    } catch {
      continue;
    }
    if (t.verdict !== 'Never' || t.counts.positive + t.counts.negative === 0) continue;
    never++;
    const top = t.explanation?.rejections?.[0];
    const constructs = top ? top.cycle.filter((e) => e.construct).map((e) => e.construct) : [];
    // A test of one process has no other thread to cross to: its reason must
    // still be listed and name a construct (its coherence), and it is
    // counted on a line of its own.
    const threads = new Set((t.explanation?.rejections?.[0]?.events ?? []).filter((e) => e.thread >= 0).map((e) => e.thread));
    if (oneProcess(file)) {
      never--;
      oneThread++;
      const ok = top && constructs.length > 0 && threads.size === 1;
      if (ok) oneThreadGood++;
      else console.log(`MISS ${relative(process.cwd(), file)} (one process): ${top ? `top reason ${top.axiom}, ${constructs.length} constructs` : 'no reason'}`);
      continue;
    }
    if (top && top.crossThread && constructs.length > 0) good++;
    else console.log(`MISS ${relative(process.cwd(), file)}: ${top ? `top reason ${top.axiom}, ${top.crossThread ? 'crosses threads' : 'one thread'}, ${constructs.length} constructs` : `no reason (${t.explanation?.incomplete ?? t.explanation?.reasons?.partial ?? 'none listed'})`}`);
  }
  console.log(`${relative(process.cwd(), dir) || '.'}: ${good} of ${never} Never tests have a top-ranked reason that crosses threads and names an ordering construct`);
  allGood += good;
  allNever += never;
}
console.log(`total: ${allGood} of ${allNever}`);
console.log(`one-process Never tests: ${oneThreadGood} of ${oneThread} have a top-ranked reason on that process that names a construct`);

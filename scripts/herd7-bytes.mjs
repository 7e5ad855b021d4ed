#!/usr/bin/env node
// Byte-for-byte check of the herd7 command against herd7's own output: runs
// `litmus-herd7 -conf linux-kernel.cfg FILE...` from a temporary copy of the
// kernel's tools/memory-model (../shared/kernel-tree), over corpora of
// ../shared/corpus, and compares each test's block with ../shared/oracle,
// Time lines apart. Tests herd7 gave no answer for are skipped.
//
//   node scripts/herd7-bytes.mjs [--batch N] [--jobs N] [CORPUS...]   (default: kernel herdtools)
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(root, '..', 'shared');
const args = process.argv.slice(2);
let batch = 25, jobs = 2;
const corpora = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--batch') batch = Number(args[++i]);
  else if (args[i] === '--jobs') jobs = Number(args[++i]);
  else corpora.push(args[i]);
}
if (corpora.length === 0) corpora.push('kernel', 'herdtools');
if (!existsSync(join(shared, 'kernel-tree'))) {
  console.log('herd7-bytes: ../shared is absent; skipped');
  process.exit(0);
}

const walk = (d) => readdirSync(d).sort().flatMap((n) => {
  const p = join(d, n);
  return statSync(p).isDirectory() ? walk(p) : n.endsWith('.litmus') ? [p] : [];
});
const noTime = (s) => s.split('\n').filter((l) => !l.startsWith('Time ')).join('\n');

const work = mkdtempSync(join(tmpdir(), 'herd7-bytes-'));
cpSync(join(shared, 'kernel-tree'), work, { recursive: true });
const mm = join(work, 'tools', 'memory-model');

const cases = [];
for (const c of corpora) {
  for (const f of walk(join(shared, 'corpus', c))) {
    const rel = f.slice(join(shared, 'corpus').length + 1);
    const oracle = join(shared, 'oracle', `${rel}.out`);
    if (!existsSync(oracle)) continue;
    const text = readFileSync(oracle, 'utf8');
    if (text.startsWith('# herd7')) continue; // herd7 gave no answer
    cases.push({ file: f, rel, expected: `${noTime(text).replace(/\n*$/, '\n')}\n` });
  }
}

function run(files) {
  return new Promise((res) => {
    const p = spawn(join(root, 'bin', 'litmus-herd7'), ['-conf', 'linux-kernel.cfg', ...files], { cwd: mm });
    let out = '', err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', () => res({ out, err }));
  });
}

const batches = [];
for (let i = 0; i < cases.length; i += batch) batches.push(cases.slice(i, i + batch));
let same = 0;
const diffs = [];
let next = 0;
async function worker() {
  while (next < batches.length) {
    const b = batches[next++];
    const { out, err } = await run(b.map((c) => c.file));
    // herd7 prints one block per test, each ending with a blank line.
    const blocks = noTime(out).split(/(?<=\n\n)(?=Test )/);
    // Blocks come in file order; a test that prints nothing has no block.
    let k = 0;
    for (const c of b) {
      const name = /^Test (\S+)/.exec(c.expected)?.[1];
      const got = /^Test (\S+)/.exec(blocks[k] ?? '')?.[1] === name ? blocks[k++] : '';
      if (got === c.expected) same++;
      else diffs.push({ rel: c.rel, got, expected: c.expected, err });
    }
  }
}
await Promise.all(Array.from({ length: jobs }, worker));
rmSync(work, { recursive: true, force: true });
for (const d of diffs.slice(0, 10)) {
  console.log(`DIFF ${d.rel}\n--- herd7\n${d.expected}--- litmus-herd7\n${d.got || '(nothing)\n'}${d.err ? `--- stderr\n${d.err}` : ''}`);
}
console.log(`herd7 -conf linux-kernel.cfg, byte-identical (Time lines apart): ${same}/${cases.length} (${corpora.join(', ')})`);
process.exit(diffs.length ? 1 : 0);

#!/usr/bin/env node
// The differential check of `litmus-check lower` (after `npm run build`):
// every test under the given directories (default: litmus test) is lowered
// to plain LKMM, and the lowered test's verdict must equal the original's,
// under litmus-check and, when herd7 is installed, under herd7 too.
//
//   node scripts/lower-difftest.mjs [--herd CMD] [--macros FILE] [DIR|FILE...]
//
// herd7 is looked for as $HERD7, then ~/.cache/herd7/bin/herd7-lkmm (a herd7
// that runs the kernel's linux-kernel.cfg; --herd none skips it). Prints one
// line per lowered or refused test and a summary; exit 1 on a disagreement.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { collectLitmusFiles } from '../dist/cli/files.js';
import { loadDefFile, registryWith } from '../dist/kernel/def-file.js';
import { diffCase, summarizeDiff } from '../dist/difftest/lower-difftest.js';

const args = process.argv.slice(2);
let herd = process.env.HERD7 ?? join(homedir(), '.cache/herd7/bin/herd7-lkmm');
let macros;
const paths = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--herd') herd = args[++i];
  else if (args[i] === '--macros') macros = args[++i];
  else paths.push(args[i]);
}
if (herd === 'none' || !existsSync(herd)) herd = undefined;
const registry = macros ? registryWith(loadDefFile(macros).defs) : undefined;
const { files } = collectLitmusFiles(paths.length ? paths : ['litmus', 'test']);
const cases = files.map((f) => diffCase(f, { ...(registry ? { registry } : {}), ...(herd ? { herd } : {}) }));
for (const c of cases) {
  if (c.status === 'lowered') {
    const ok = c.agrees ? 'agree' : 'DISAGREE';
    console.log(`${ok.padEnd(8)} ${c.file}: original ${c.original}, lowered ${c.lowered}${c.herd !== undefined ? `, herd7 ${c.herd}` : ''}${c.extensions.length ? ` [${c.extensions.join(', ')}]` : ''}`);
  } else if (c.status === 'refused') {
    console.log(`refused  ${c.file}: ${c.reasons.join('; ')}`);
  }
}
const s = summarizeDiff(cases);
console.log(`lower difftest: ${files.length} files, ${s.native} plain LKMM, ${s.lowered} lowered (${s.agreed} agree under litmus-check${herd ? `, ${s.herdAgreed}/${s.herdRun} under herd7` : ', herd7 not run'}), ${s.refused} refused`);
process.exit(cases.some((c) => !c.agrees) ? 1 : 0);

#!/usr/bin/env node
// The fuzz script: npm run fuzz -- --seed S --count N [--timeout SECONDS]
// [--corpus DIR] [--out DIR] [--minutes M]. Mutates the corpus (../shared/corpus
// when present) and the project's fixtures (test/fixtures: .litmus and .def)
// at grammar and byte level (scripts/fuzz/mutate.mjs) and runs each mutant in
// this process through the CLI's main(): parse, run, check, explain, fix and
// weaken, in every output format. It flags a stack trace, "internal error",
// an exit code other than 0/1/2, a run over its --timeout + 2 s, and
// invalid JSON, SARIF or JUnit (scripts/fuzz/validate.mjs). Failing inputs are
// saved under --out (default /tmp/litmus-fuzz-failures) with their command.
// The same seed and count give the same inputs. Exit 1 when anything is flagged.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../dist/cli/main.js';
import { mutate, prng } from './mutate.mjs';
import { runProblems } from './validate.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const opts = { seed: 1, count: 1000, timeout: 2, corpus: resolve(root, '../shared/corpus'), out: join(tmpdir(), 'litmus-fuzz-failures'), minutes: Infinity };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const k = argv[i].replace(/^--/, '');
  if (!(k in opts)) {
    console.error(`fuzz: unknown option ${argv[i]} (--seed --count --timeout --corpus --out --minutes)`);
    process.exit(2);
  }
  opts[k] = k === 'corpus' || k === 'out' ? argv[++i] : Number(argv[++i]);
}

const walk = (d, ext) => readdirSync(d).sort().flatMap((n) => {
  const p = join(d, n);
  return statSync(p).isDirectory() ? walk(p, ext) : n.endsWith(ext) ? [p] : [];
});
const fixtures = resolve(root, 'test/fixtures');
const litmus = [...walk(fixtures, '.litmus'), ...(existsSync(opts.corpus) ? walk(opts.corpus, '.litmus') : [])];
const defs = walk(fixtures, '.def');
const texts = new Map();
const read = (f) => texts.get(f) ?? (texts.set(f, readFileSync(f)), texts.get(f));

const FORMATS = ['text', 'herd', 'json', 'junit', 'sarif', 'mail'];
const FIX_FORMATS = ['text', 'json', 'mail'];
/** [command, weight] */
const COMMANDS = [['parse', 20], ['run', 35], ['check', 20], ['explain', 12], ['fix', 5], ['weaken', 3], ['macros', 5]];
const totalWeight = COMMANDS.reduce((s, c) => s + c[1], 0);

const work = mkdtempSync(join(tmpdir(), 'litmus-fuzz-'));
const limitMs = (opts.timeout + 2) * 1000;
const stats = {};
let flagged = 0, done = 0;
const started = performance.now();

for (let i = 0; i < opts.count; i++) {
  if ((performance.now() - started) / 60_000 > opts.minutes) break;
  const r = prng((opts.seed * 0x9e3779b1 + i * 0x85ebca6b) >>> 0);
  let w = r() * totalWeight, command = 'run';
  for (const [c, weight] of COMMANDS) if ((w -= weight) < 0) { command = c; break; }
  const base = litmus[Math.floor(r() * litmus.length)];
  const file = join(work, 't.litmus');
  let args, format;
  if (command === 'macros') {
    const def = defs[Math.floor(r() * defs.length)];
    writeFileSync(join(work, 'm.def'), mutate(r, read(def), true));
    writeFileSync(file, read(base));
    format = FORMATS[Math.floor(r() * FORMATS.length)];
    args = ['run', '--macros', join(work, 'm.def'), '--format', format, file];
  } else {
    writeFileSync(file, mutate(r, read(base)));
    if (command === 'parse') args = ['parse', ...(r() < 0.5 ? ['--json'] : []), file], format = args[1] === '--json' ? 'json' : undefined;
    else if (command === 'run' || command === 'check') args = [command, '--format', (format = FORMATS[Math.floor(r() * FORMATS.length)]), ...(r() < 0.2 ? ['--explain'] : []), file];
    else if (command === 'explain') args = ['explain', ...(r() < 0.3 ? ['--format', (format = 'json')] : []), file];
    else args = [command, '--format', (format = FIX_FORMATS[Math.floor(r() * FIX_FORMATS.length)]), file];
  }
  if (command !== 'parse') args.splice(1, 0, '--timeout', String(opts.timeout));
  let out = '', err = '', code = -1, threw;
  const t = performance.now();
  try {
    code = await main(args, { out: (s) => void (out += s), err: (s) => void (err += s), isTTY: false, errIsTTY: false });
  } catch (e) {
    threw = e instanceof Error ? e.stack : String(e);
  }
  const ms = performance.now() - t;
  const problems = runProblems({ code, out, err, ms, threw }, { format, limitMs });
  const s = (stats[command] ??= { inputs: 0, exit: [0, 0, 0], flagged: 0 });
  s.inputs++;
  if (code >= 0 && code <= 2) s.exit[code]++;
  done++;
  if (problems.length) {
    flagged++;
    s.flagged++;
    mkdirSync(opts.out, { recursive: true });
    const name = `seed${opts.seed}-${i}`;
    writeFileSync(join(opts.out, `${name}.litmus`), readFileSync(file));
    if (command === 'macros') writeFileSync(join(opts.out, `${name}.def`), readFileSync(join(work, 'm.def')));
    writeFileSync(join(opts.out, `${name}.txt`), `litmus-check ${args.join(' ')}\nfrom ${base}\n${problems.join('\n')}\n--- stdout\n${out.slice(0, 4000)}\n--- stderr\n${err.slice(0, 4000)}\n`);
    console.log(`flagged seed ${opts.seed} input ${i} (${command}, from ${base}): ${problems.join('; ')}`);
  }
  if (done % 1000 === 0) console.log(`fuzz: ${done} inputs, ${flagged} flagged, ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
rmSync(work, { recursive: true, force: true });
const secs = (performance.now() - started) / 1000;
console.log(`fuzz: seed ${opts.seed}: ${done} inputs in ${secs.toFixed(0)} s (${(done / secs).toFixed(1)} per second), ${flagged} flagged`);
for (const [c, s] of Object.entries(stats)) console.log(`  ${c.padEnd(8)} ${String(s.inputs).padStart(7)} inputs  exit 0/1/2: ${s.exit.join('/')}  flagged ${s.flagged}`);
process.exit(flagged ? 1 : 0);

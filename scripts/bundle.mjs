// Bundles the compiled CLI (dist/, from tsc) with esbuild into dist/bundle/:
//
//   litmus-check.cjs   the whole CLI in one file, so that a process reads one
//                      file instead of ~700 modules (chevrotain's lodash-es
//                      above all). CommonJS so that bin/launch.js can compile it
//                      with a V8 code cache on Node 20 (which has no
//                      module.enableCompileCache): compiling the bundle is most
//                      of a short run's time otherwise. Code reached through
//                      import() (fix, weaken, explain, the rarer formats, the
//                      herd7 command) is only compiled when it runs.
//   worker.js, share-worker.js
//                      the worker threads (ESM), beside the CLI because
//                      src/engine/worker-pool.ts and parallel.ts start them by URL
//                      relative to their own module.
//
// bin/ uses the bundle when it exists; `npm test` tests src/ directly.
import { build } from 'esbuild';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const out = join(dist, 'bundle');
if (!existsSync(join(dist, 'cli', 'main.js'))) {
  console.error('bundle: dist/cli/main.js is missing; run tsc first');
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  minifyWhitespace: true,
  // No keepNames: it wraps every function and class made at run time in a
  // helper that defines its `name` (about 5% of a corpus run, in closures the
  // explorer and the cat interpreter make per test). Nothing reads those
  // names; identifiers are not minified, so they stay readable in profiles.
  keepNames: false,
  legalComments: 'linked',
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: { 'litmus-check': join(dist, 'cli', 'main.js') },
  outdir: out,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // The sources are ESM: import.meta.url becomes the bundle's own URL.
  define: { 'import.meta.url': '__lcImportMetaUrl' },
  banner: { js: 'var __lcImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
});

await build({
  ...common,
  entryPoints: { worker: join(dist, 'engine', 'worker.js'), 'share-worker': join(dist, 'engine', 'share-worker.js') },
  outdir: out,
  format: 'esm',
  splitting: true,
  // commander and chevrotain's dependencies are CommonJS and require() node: built-ins.
  banner: { js: "import { createRequire as __lcCreateRequire } from 'node:module'; const require = __lcCreateRequire(import.meta.url);" },
});

// The cat interpreter's own library (src/cat/lib), which src/cat/cat-program.ts
// finds beside its module: in the bundle, beside the bundle.
cpSync(join(dist, 'cat', 'lib'), join(out, 'lib'), { recursive: true });

// A start-up snapshot for both bins: the heap after loading the bundle and
// running one small test (and herd7's command line on it), so that the
// parser, the lexer and the primitive tables are built already when a
// process starts. bin/start-node.sh picks it when it was made by the same
// node binary (a stamp beside it); the bins run bin/*.js otherwise. Nothing
// in the heap depends on the terminal: colour is decided when main runs.
// Building it may fail on some Node versions: then there is no blob and
// nothing else changes.
await buildSnapshot();

async function buildSnapshot() {
  const { spawnSync } = await import('node:child_process');
  const { readFileSync, writeFileSync, statSync, unlinkSync } = await import('node:fs');
  const bundle = join(out, 'litmus-check.cjs');
  const entry = join(out, 'snapshot-entry.cjs');
  const blob = join(out, 'litmus-check.blob');
  const warm = join(out, 'snapshot-warm.litmus');
  writeFileSync(warm, [
    'C warm', '{ int x = 1; }',
    'P0(int *x, int *y, spinlock_t *s)\n{\n\tint r0;\n\tint r1;\n\tspin_lock(s);\n\tWRITE_ONCE(*x, 2);\n\tspin_unlock(s);\n\tsmp_mb();\n\tr0 = READ_ONCE(*y);\n\tif (r0 == 1)\n\t\tr1 = smp_load_acquire(x);\n\trcu_read_lock();\n\trcu_read_unlock();\n}',
    'P1(int *x, int *y)\n{\n\tint r0;\n\tr0 = xchg(x, 3);\n\tsmp_store_release(y, 1);\n\tatomic_inc(y);\n}',
    'exists (0:r0=1 /\\ 1:r0=0 /\\ ~x=2)', '',
  ].join('\n'));
  // A syntax error: the parser that reports it (chevrotain's) is built only then.
  const warmBad = join(out, 'snapshot-warm-bad.litmus');
  writeFileSync(warmBad, 'C warm-bad\n{}\nP0(int *x)\n{\n\tr0 = ;\n}\nexists (x=1)\n');
  // The cat interpreter too (a model of the project's own, on a small test).
  const warmCat = join(out, 'snapshot-warm.cat');
  const warmPlain = join(out, 'snapshot-warm-plain.litmus');
  writeFileSync(warmCat, [
    '"litmus-check warm-up"', 'include "cos-opt.cat"', 'let com = rf | co | fr', 'let rec reach = po | (reach ; po)',
    'let twice(r) = r ; r', 'let ids = map (fun e -> [e]) W', 'let first = match W with || {} -> 0 || e ++ rest -> [e] end',
    'let per-loc = classes-loc(W)', 'acyclic po-loc | com as uniproc', 'empty rmw & (fre ; coe) as atomic',
    'acyclic po | com | (twice(reach) & 0) as sc', 'flag ~empty (rf & int) as internal', '',
  ].join('\n'));
  writeFileSync(warmPlain, [
    'C warm', '{}', 'P0(int *x, int *y)\n{\n\tint r0;\n\tWRITE_ONCE(*x, 1);\n\tsmp_mb();\n\tr0 = READ_ONCE(*y);\n}',
    'P1(int *x, int *y)\n{\n\tint r0;\n\tWRITE_ONCE(*y, 1);\n\tr0 = READ_ONCE(*x);\n\tWRITE_ONCE(*x, 2);\n}',
    'exists (0:r0=0 /\\ 1:r0=0)', '',
  ].join('\n'));
  writeFileSync(entry, [
    `var module = { exports: {} }, exports = module.exports, __filename = ${JSON.stringify(bundle)}, __dirname = ${JSON.stringify(out)};`,
    readFileSync(bundle, 'utf8'),
    ';',
    'var __lcMain = module.exports.main;',
    'var __lcQuiet = { out() {}, err() {}, isTTY: false, errIsTTY: false };',
    `__lcMain(['run', '--format', 'herd', ${JSON.stringify(warm)}, ${JSON.stringify(warmBad)}], __lcQuiet).then(function () {`,
    `  return __lcMain(['run', '--format', 'herd', '--cat', ${JSON.stringify(warmCat)}, ${JSON.stringify(warmPlain)}], __lcQuiet);`,
    '}).then(function () {',
    `  return module.exports.snapshotWarmUp(['-conf', 'linux-kernel.cfg', ${JSON.stringify(warm)}], __lcQuiet);`,
    '}).then(function () {',
    "  require('node:v8').startupSnapshot.setDeserializeMainFunction(function () {",
    // bin/litmus-check passes `litmus-check` first, bin/litmus-herd7 `herd7` (main's own herd7 command).
    '    var argv = process.argv.slice(1);',
    "    if (argv[0] === 'litmus-check') { argv.shift(); module.exports.exitOnWriteErrors(); }",
    '    else for (const s of [process.stdout, process.stderr]) s.on("error", function (e) { if (e && e.code === "EPIPE") process.exit(process.exitCode || 0); throw e; });',
    '    __lcMain(argv).then(function (code) { process.exitCode = code; });',
    '  });',
    '});',
    '',
  ].join('\n'));
  // The V8 options the bins start node with (bin/node-options): a snapshot only loads under the options it was built with.
  const options = readFileSync(join(root, 'bin', 'node-options'), 'utf8').trim().split(/\s+/).filter(Boolean);
  const r = spawnSync(process.execPath, [...options, '--snapshot-blob', blob, '--build-snapshot', entry], { encoding: 'utf8' });
  for (const f of [entry, warm, warmBad, warmCat, warmPlain]) unlinkSync(f);
  if (r.status !== 0) {
    console.error(`bundle: no start-up snapshot (${process.version}): ${(r.stderr || '').split('\n').filter((l) => !/Warning|verified|tracker|trace-warnings|out-of-sync/.test(l)).join(' ').trim()}`);
    rmSync(blob, { force: true });
    return;
  }
  // The stamp bin/start-node.sh compares with the node it finds: its path, size and modification time.
  const st = statSync(process.execPath);
  writeFileSync(`${blob}.stamp`, `${process.execPath} ${st.size} ${Math.floor(st.mtimeMs / 1000)}\n`);
}

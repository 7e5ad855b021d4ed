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
//                      src/engine/pool.ts and parallel.ts start them by URL
//                      relative to their own module.
//
// bin/ uses the bundle when it exists; `npm test` tests src/ directly.
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';
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
  keepNames: true,
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

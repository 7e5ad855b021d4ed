// Shared start-up of the bins. Start-up time matters: the kernel's scripts
// start one process per test. So this file loads nothing it does not need:
//
// - `--version` reads package.json and stops;
// - the CLI is dist/bundle/litmus-check.cjs (scripts/bundle.mjs), one file,
//   compiled with a V8 code cache kept beside it (or in the temp directory),
//   since compiling the bundle is most of a short run otherwise; on Node >=
//   22.1, module.enableCompileCache() does the same;
// - without a bundle (a plain `tsc` build), dist/cli/main.js.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));

function version() {
  return JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8')).version;
}

/** Candidate places for the code cache of `file`, most preferred first. */
function cachePaths(file) {
  const name = `litmus-check-${process.version}-${process.arch}.v8cache`;
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return [join(dirname(file), '.cache', name), join(tmpdir(), `litmus-check-${uid}`, name)];
}

function writeAtomically(path, data) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/**
 * Loads a CommonJS bundle through vm.Script with V8's code cache. Returns its
 * exports and a function that saves the cache (after the run, so that the
 * functions the run compiled are in it) when there was none or V8 refused it.
 */
function loadWithCodeCache(file) {
  const source = readFileSync(file, 'utf8');
  const paths = cachePaths(file);
  let cachedData;
  for (const p of paths) {
    try {
      cachedData = readFileSync(p);
      break;
    } catch {
      // next place
    }
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapper, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, module.createRequire(file), mod, file, dirname(file));
  const save = () => {
    if (cachedData && !script.cachedDataRejected) return;
    const data = script.createCachedData();
    for (const p of paths) {
      try {
        writeAtomically(p, data);
        return;
      } catch {
        // not writable: next place
      }
    }
  };
  return { exports: mod.exports, save };
}

/** Runs the CLI with `prefix` before the process's arguments (`['herd7']` for litmus-herd7). */
export async function launch(prefix) {
  const args = [...prefix, ...process.argv.slice(2)];
  // A write error (a closed pipe, a full disk: EPIPE, ENOSPC) ends the run with
  // one message and exit code 2; output cannot be trusted past it. (The same
  // as src/cli/main.ts exitOnWriteErrors, which the start-up snapshot uses:
  // here it is set before anything is loaded, `--version` included.)
  let failed = false;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e) => {
      if (failed) return;
      failed = true;
      const code = e && e.code ? e.code : 'error';
      if (stream !== process.stderr) {
        try {
          process.stderr.write(`litmus-check: cannot write the output: ${code}\n`);
        } catch {
          // stderr is gone too
        }
      }
      process.exit(2);
    });
  }
  // `--version` needs nothing but package.json (commander prints the same line).
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    process.stdout.write(`${version()}\n`);
    return;
  }
  const bundle = join(here, '..', 'dist', 'bundle', 'litmus-check.cjs');
  let main;
  let save = () => {};
  if (!existsSync(bundle)) {
    ({ main } = await import(new URL('../dist/cli/main.js', import.meta.url).href));
  } else if (typeof module.enableCompileCache === 'function' && !process.env.LITMUS_CHECK_VM_CACHE) {
    module.enableCompileCache();
    ({ main } = module.createRequire(import.meta.url)(bundle));
  } else {
    ({ exports: { main }, save } = loadWithCodeCache(bundle));
  }
  process.exitCode = await main(args);
  save();
}

// The real herd7, for the scripts that compare with it (bench-latency,
// bench-vs-herd7): the path given (--herd7), else $HERD7, else `herd7` on
// PATH, else ~/.cache/herd7/bin/herd7 (what ../shared/herd7/build.sh
// installs); never a link to litmus-herd7. With the directory to run
// `-conf linux-kernel.cfg` from: herd7's own lkmm directory, else the shared
// copy of the kernel's tools/memory-model (undefined when neither exists).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

function which(cmd) {
  for (const d of (process.env.PATH ?? '').split(':')) if (d && existsSync(join(d, cmd))) return join(d, cmd);
  return undefined;
}

/** `root`: the repository (../shared beside it). */
export function findHerd7(given, root) {
  const cached = join(homedir(), '.cache/herd7/bin/herd7');
  let herd7 = given ?? process.env.HERD7 ?? which('herd7') ?? (existsSync(cached) ? cached : undefined);
  if (herd7 && spawnSync(herd7, ['-version'], { encoding: 'utf8' }).stdout?.includes('litmus-check')) herd7 = undefined;
  const confDir = [herd7 && join(dirname(dirname(herd7)), 'lkmm'), resolve(root, '..', 'shared', 'kernel-tree', 'tools', 'memory-model')]
    .find((d) => d && existsSync(join(d, 'linux-kernel.cfg')));
  return { herd7, confDir };
}

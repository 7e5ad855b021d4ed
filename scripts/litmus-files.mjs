// The .litmus files under a directory, recursively: what the corpus scripts
// (judge-vs-kernel, measure-reasons, ...) walk.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Appends every .litmus file under `dir` to `out` (depth first, directory order) and returns it. */
export function litmusFilesUnder(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) litmusFilesUnder(p, out);
    else if (e.name.endsWith('.litmus')) out.push(p);
  }
  return out;
}

// Expands command-line paths into litmus files: a directory contributes every
// `*.litmus` file under it (recursively); a file is taken as given, whatever its
// extension. The result is sorted by path (code-point order) and deduplicated;
// paths that do not exist are returned in `missing`, in argument order.

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.litmus') && (e.isFile() || e.isSymbolicLink())) out.push(p);
  }
}

export function collectLitmusFiles(paths: string[]): { files: string[]; missing: string[] } {
  const found: string[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    // `-` is standard input.
    if (p === '-') {
      found.push(p);
      continue;
    }
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(p, found);
    else found.push(p);
  }
  const files = [...new Set(found)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { files, missing };
}

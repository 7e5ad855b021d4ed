// Expands command-line paths into litmus files: a directory contributes every
// `*.litmus` file under it (recursively); a file is taken as given, whatever its
// extension. The result is sorted by path (code-point order) and deduplicated;
// paths that do not exist are returned in `missing`, in argument order, and
// directories that cannot be read (a subdirectory without permission, ...)
// in `unreadable`, with the reason: either is an error, never a silent skip.

import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

/** The directory reader (replaceable in tests, where root can read every directory). */
export type ReadDir = (dir: string) => Dirent[];
const defaultReadDir: ReadDir = (dir) => readdirSync(dir, { withFileTypes: true });

function walk(dir: string, out: string[], bad: string[], readDir: ReadDir): void {
  let entries;
  try {
    entries = readDir(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    bad.push(`${dir}: cannot read directory${code === 'EACCES' ? ': permission denied' : `: ${(e as Error).message}`}`);
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out, bad, readDir);
    else if (e.name.endsWith('.litmus') && (e.isFile() || e.isSymbolicLink())) out.push(p);
  }
}

export interface CollectedFiles {
  files: string[];
  missing: string[];
  /** `DIR: cannot read directory: reason`, one per directory that could not be read. */
  unreadable: string[];
}

export function collectLitmusFiles(paths: string[], readDir: ReadDir = defaultReadDir): CollectedFiles {
  const found: string[] = [];
  const missing: string[] = [];
  const unreadable: string[] = [];
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
    if (st.isDirectory()) walk(p, found, unreadable, readDir);
    else found.push(p);
  }
  const files = [...new Set(found)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { files, missing, unreadable };
}

/** One error message per path that is missing or could not be read. */
export function pathErrors(c: Pick<CollectedFiles, 'missing' | 'unreadable'>): string[] {
  return [...c.missing.map((m) => `${m}: no such file or directory`), ...c.unreadable];
}

// The .litmus files the front-end tests read: the project's own (litmus/ and
// test/fixtures/) and the corpus of ../shared where it exists.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CORPUS = join(ROOT, '..', 'shared', 'corpus');

/** Every .litmus file under `dir`, recursively, in name order ([] when `dir` does not exist). */
export function litmusFilesIn(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) litmusFilesIn(p, out);
    else if (name.endsWith('.litmus')) out.push(p);
  }
  return out;
}

/** The project's own litmus files. */
export const projectLitmusFiles = (): string[] => [...litmusFilesIn(join(ROOT, 'litmus')), ...litmusFilesIn(join(ROOT, 'test', 'fixtures'))];

// Which model a herd7 command line asks for. Files are found as herd7 finds
// them: a relative name in the current directory, then in the -I directories,
// then in $HERDLIB. When the model files (cat, its included files, bell,
// macros) are byte-identical to the LKMM that litmus-check has built in, the
// built-in model answers. Anything else is another model: the cat interpreter
// answers it (src/cat, through run.ts).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import type { Herd7Options } from './options.js';

/**
 * SHA-256 of the files of the model built into litmus-check: the kernel's
 * tools/memory-model files as of lkmmv2 (identical to herdtools7's copy).
 * The files themselves are not part of litmus-check.
 */
export const BUILTIN_LKMM: Readonly<Record<string, string>> = {
  'linux-kernel.cat': '250207709250d308e0a0a6f391c4eda0bbf4876cbc55eccbfbcd495676a179be',
  'linux-kernel.bell': 'ab57943799d445327c3c7cf0a1ca9f9fae8e7379e45b9fc90312993bb038e23f',
  'linux-kernel.def': 'a04911d85fd86f5dbcf8ed436c7a2570fcc615f768c0c19b0a101f6212d2504c',
  'lock.cat': 'a51a7f04ae3afea610253a04f4c930eced36c6141ba834517f9b0e2755057a79',
};

/** The variant the built-in model is (the lkmmv2 bell reads it). */
export const BUILTIN_VARIANT = 'lkmmv2';

export class FileNotFound extends Error {
  constructor(readonly fileName: string) {
    super(`Cannot find file ${fileName}`);
  }
}

/** herd's libfind: an absolute or explicit path as is; a bare name in ., the -I dirs, $HERDLIB. */
export function findFile(name: string, includes: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  const isFile = (p: string): boolean => existsSync(p) && !statSync(p).isDirectory();
  if (isAbsolute(name) || name.startsWith('./') || name.startsWith('../')) {
    if (isFile(name)) return name;
    throw new FileNotFound(name);
  }
  const dirs = ['.', ...includes, ...(env.HERDLIB ? [env.HERDLIB] : [])];
  for (const d of dirs) {
    const p = d === '.' ? name : join(d, name);
    if (isFile(p)) return p;
  }
  throw new FileNotFound(name);
}

export interface ModelFile {
  role: 'cat' | 'bell' | 'macros' | 'include';
  name: string;
  path: string;
  sha256: string;
}

export type ModelChoice =
  | { kind: 'builtin' }
  /** Another model: `reasons` says how it differs from the built-in one. */
  | { kind: 'cat'; files: ModelFile[]; reasons: string[] };

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The files a cat or bell file includes (`include "x.cat"`). */
function includesOf(text: string): string[] {
  return [...text.matchAll(/\binclude\s+"([^"]+)"/g)].map((m) => m[1]!);
}

/** Resolves the model of a command line. Throws FileNotFound as herd7 does. */
export function chooseModel(o: Herd7Options): ModelChoice {
  const reasons: string[] = [];
  if (o.cat === undefined) {
    return { kind: 'cat', files: [], reasons: ['no model given (-conf linux-kernel.cfg or -cat FILE): herd7 would use its default C11 model'] };
  }
  const files: ModelFile[] = [];
  const add = (role: ModelFile['role'], name: string, optional: boolean): string | undefined => {
    let path: string;
    try {
      path = findFile(name, o.includes);
    } catch (e) {
      // Included files that are not beside the model are herd's own library (stdlib.cat, cos.cat, ...).
      if (optional && e instanceof FileNotFound) return undefined;
      throw e;
    }
    const bytes = readFileSync(path);
    const f: ModelFile = { role, name, path, sha256: sha256(bytes) };
    files.push(f);
    const known = BUILTIN_LKMM[basename(name)];
    if (known !== f.sha256 && !(role === 'include' && known === undefined)) {
      reasons.push(`${path} is not the built-in LKMM's ${known ? basename(name) : role} file`);
    }
    return bytes.toString('latin1');
  };
  const seen = new Set<string>();
  const walk = (role: ModelFile['role'], name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const text = add(role, name, role === 'include');
    if (text !== undefined) for (const inc of includesOf(text)) walk('include', inc);
  };
  walk('cat', o.cat);
  if (o.bell !== undefined) walk('bell', o.bell);
  else reasons.push('no bell file (the built-in LKMM is linux-kernel.bell with linux-kernel.cat)');
  if (o.macros !== undefined) add('macros', o.macros, false);
  else reasons.push('no macros file (the built-in LKMM is defined by linux-kernel.def)');
  const variants = [...new Set(o.variants)].sort();
  if (variants.join(',') !== BUILTIN_VARIANT) reasons.push(`variant ${variants.join(',') || '(none)'} (the built-in LKMM is variant ${BUILTIN_VARIANT})`);
  if (o.skipchecks.length) reasons.push(`-skipcheck ${o.skipchecks.join(',')}`);
  if (o.through !== 'none') reasons.push(`-through ${o.through}`);
  return reasons.length ? { kind: 'cat', files, reasons } : { kind: 'builtin' };
}

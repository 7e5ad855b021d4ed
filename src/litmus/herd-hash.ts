// herd7's digest of a C litmus test, the `Hash=` line of its output.
//
// herd hashes a normalised form of three sections (herd-split.ts): the init
// block (its items sorted by location, printed one way), the program (each
// process's header with its parameter types and its body's text verbatim,
// comments included) and the locations the condition and `locations [...]`
// observe. The digest is MD5 over the concatenated raw MD5s of the three. A
// test that carries a `Hash=` line in its header keeps that hash.
import { createHash } from 'node:crypto';
import { splitHerd } from './herd-split.js';
import { cTokens } from './herd-prog.js';
import { observedLocations, parseInit, type HerdLocation } from './herd-state-syntax.js';

const md5 = (s: string): Buffer => createHash('md5').update(s, 'latin1').digest();

/** herd's location order: registers (by process, then name), then symbolic registers, then globals. */
export function compareLocation(a: HerdLocation, b: HerdLocation): number {
  const rank = (l: HerdLocation): number => (l.kind === 'reg' ? 0 : l.kind === 'sreg' ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a.kind === 'reg' && b.kind === 'reg') return a.proc !== b.proc ? a.proc - b.proc : cmp(a.name, b.name);
  if (a.kind === 'global' && b.kind === 'global') return cmp(a.name, b.name) || a.offset - b.offset;
  return cmp(a.name, b.name);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function dumpLocation(l: HerdLocation): string {
  if (l.kind === 'reg') return `${l.proc}:${l.name}`;
  if (l.kind === 'global') return l.offset ? `${l.name}+${l.offset}` : l.name;
  return l.name;
}

function digestInit(initText: string): string {
  const items = parseInit(initText);
  if (!items) throw new HashError('init');
  // List.sort is stable; then consecutive duplicates are dropped (the first stays).
  const sorted = items.map((it, i) => ({ it, i })).sort((x, y) => compareLocation(x.it.loc, y.it.loc) || x.i - y.i).map((x) => x.it);
  const kept = sorted.filter((it, i) => i === 0 || compareLocation(sorted[i - 1]!.loc, it.loc) !== 0);
  return kept
    .map(({ loc, ty, value }) => {
      const l = dumpLocation(loc);
      switch (ty.kind) {
        case 'def': return `${l}=${value}`;
        case 'defptr': return `*${l}=${value}`;
        case 'ty': return `${ty.name} ${l}=${value}`;
        case 'atomic': return `_Atomic ${ty.name} ${l}=${value}`;
        case 'ptr': return `${ty.name} *${l}=${value}`;
        case 'array': return `${ty.name} ${l}[${ty.size}]`;
      }
    })
    .join('; ');
}

function digestCode(progText: string): string {
  const funcs = cTokens(progText);
  if (!funcs) throw new HashError('prog');
  const dumped = funcs.map((f) => (f.kind === 'global' ? `{${f.body}}\n\n` : `P${f.proc}(${f.params.map((p) => `${p.type}* ${p.name}`).join(', ')}) {\n${f.body}\n}\n`));
  // Misc.string_of_prog with one cell per column: " c0 | c1 | ... ;\n".
  return dumped.length ? ` ${dumped.join(' | ')} ;\n` : '';
}

function digestObserved(constrText: string): string {
  const locs = observedLocations(constrText);
  if (!locs) throw new HashError('constraint');
  const keyOf = (l: { loc: HerdLocation; index?: number }): string => `${dumpLocation(l.loc)}${l.index === undefined ? '' : `[${l.index}]`}`;
  const seen = new Map<string, { loc: HerdLocation; index?: number }>();
  for (const l of locs) seen.set(keyOf(l), l);
  return [...seen.values()]
    .sort((a, b) => {
      const da = a.index === undefined ? 0 : 1, db = b.index === undefined ? 0 : 1;
      return da - db || compareLocation(a.loc, b.loc) || (a.index ?? 0) - (b.index ?? 0);
    })
    .map(keyOf)
    .join('; ');
}

class HashError extends Error {}

const DIGESTED_KEYS = ['MEMORYTYPE', 'MT', 'CACHETYPE'];

/**
 * herd7's hash of a test, from its bytes as a latin1 string (see
 * `herdHashOfBuffer`), or undefined when herd could not parse the sections.
 */
export function herdHash(text: string): string | undefined {
  const s = splitHerd(text);
  if (!s) return undefined;
  const given = s.info.find(([k]) => k.toUpperCase() === 'HASH');
  if (given) return given[1];
  try {
    const infos = s.info
      .filter(([k]) => DIGESTED_KEYS.includes(k.toUpperCase()))
      .sort(([a], [b]) => cmp(a, b))
      .reverse()
      .map(([k, v]) => `${k.toLowerCase()}=${v}`);
    const parts = [digestInit(s.init), digestCode(s.prog), digestObserved(s.constr)].map(md5);
    if (infos.length) parts.unshift(md5(infos.join('')));
    return createHash('md5').update(Buffer.concat(parts)).digest('hex');
  } catch (e) {
    if (e instanceof HashError) return undefined;
    throw e;
  }
}

export function herdHashOfBuffer(bytes: Buffer): string | undefined {
  return herdHash(bytes.toString('latin1'));
}

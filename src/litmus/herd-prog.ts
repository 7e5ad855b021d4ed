// herd's "shallow" C parse of a test's program, as its test digest
// (herd-hash.ts) sees it: process headers (number, parameter types and names)
// and each body's text kept verbatim, comments included.

export type HerdFunction =
  | { kind: 'proc'; proc: number; params: Array<{ type: string; name: string }>; body: string }
  | { kind: 'global'; body: string };

const BASE_TYPES = new Set([
  'int8_t', 'uint8_t', 'int16_t', 'uint16_t', 'int32_t', 'uint32_t', 'int64_t', 'uint64_t', '__int128_t', '__uint128_t',
  '__int128', '__uint128', 'intptr_t', 'uintptr_t', 'mtx_t', 'spinlock_t', 'atomic_t', 'char', 'int', 'long',
]);

/** herd's CType. */
type CType =
  | { k: 'base'; s: string }
  | { k: 'volatile' | 'const' | 'atomic' | 'pointer'; t: CType };

/** herd's CType.dump. */
function dump(t: CType): string {
  switch (t.k) {
    case 'base': return t.s;
    case 'volatile': return t.t.k === 'base' ? `volatile ${t.t.s}` : `${dump(t.t)} volatile`;
    case 'const': return `${dump(t.t)} const`;
    case 'atomic': return t.t.k === 'base' ? `_Atomic ${t.t.s}` : `_Atomic (${dump(t.t)})`;
    case 'pointer': return `${dump(t.t)}*`;
  }
}

/** A parameter's declared type (herd's CParser `typ_ptr`), printed after stripping the outer pointer. */
function paramType(toks: string[]): string | undefined {
  const t = typ(toks);
  return t?.k === 'pointer' ? dump(t.t) : undefined;
}

/** CParser's `base`: a base type, or a parenthesised type. */
function base(toks: string[]): CType | undefined {
  if (toks.length === 1 && BASE_TYPES.has(toks[0]!)) return { k: 'base', s: toks[0]! };
  if (toks.length === 1 && toks[0] === 'atomic_int') return { k: 'atomic', t: { k: 'base', s: 'int' } };
  if (toks.length === 2 && toks[0] === 'struct' && toks[1] === 'srcu_struct') return { k: 'base', s: 'struct srcu_struct' };
  if (toks.length === 4 && toks[0] === 'atomic' && toks[1] === '<' && BASE_TYPES.has(toks[2]!) && toks[3] === '>') return { k: 'atomic', t: { k: 'base', s: toks[2]! } };
  if (toks.length >= 3 && toks[0] === '(' && toks[toks.length - 1] === ')') return typ(toks.slice(1, -1));
  return undefined;
}

/** CParser's `typ`: `T *`, `void *`, `T volatile`, `T const`, `_Atomic T`, `volatile T`, `const T`, a base type. */
function typ(toks: string[]): CType | undefined {
  if (toks.length === 0) return undefined;
  const last = toks[toks.length - 1]!;
  if (last === '*') {
    const inner: CType | undefined = toks.length === 2 && toks[0] === 'void' ? { k: 'base', s: 'void' } : typ(toks.slice(0, -1));
    return inner && { k: 'pointer', t: inner };
  }
  if (last === 'volatile' || last === 'const') {
    const rest = toks.slice(0, -1);
    const inner = rest.length > 2 && rest[0] === '(' && rest[rest.length - 1] === ')' ? typ(rest.slice(1, -1)) : typ(rest);
    return inner && { k: last, t: inner };
  }
  const qual = { _Atomic: 'atomic', volatile: 'volatile', const: 'const' } as const;
  const q = qual[toks[0] as keyof typeof qual];
  if (q) {
    const b = base(toks.slice(1));
    return b && { k: q, t: b };
  }
  return base(toks);
}

/** The process functions (and `{ ... }` globals) of the program section, or undefined on a parse error. */
export function cTokens(text: string): HerdFunction[] | undefined {
  const out: HerdFunction[] = [];
  let i = 0;
  let pending: string[] = [];
  const word = /[A-Za-z_][A-Za-z0-9_]*|-?[0-9]+|%[A-Za-z_][A-Za-z0-9_]*/y;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
      continue;
    }
    if (text.startsWith('/*', i)) {
      const e = text.indexOf('*/', i + 2);
      if (e < 0) return undefined;
      i = e + 2;
      continue;
    }
    if (text.startsWith('//', i)) {
      const e = text.indexOf('\n', i);
      i = e < 0 ? text.length : e + 1;
      continue;
    }
    if (c === '{') {
      let depth = 0;
      let k = i + 1;
      for (; k < text.length; k++) {
        if (text[k] === '{') depth++;
        else if (text[k] === '}') {
          if (depth === 0) break;
          depth--;
        }
      }
      if (k >= text.length) return undefined;
      const body = text.slice(i + 1, k);
      i = k + 1;
      const f = header(pending, body);
      if (!f) return undefined;
      out.push(f);
      pending = [];
      continue;
    }
    word.lastIndex = i;
    const m = word.exec(text);
    if (m) {
      pending.push(m[0]);
      i += m[0].length;
      continue;
    }
    pending.push(c);
    i++;
  }
  return pending.length ? undefined : out;
}

function header(toks: string[], body: string): HerdFunction | undefined {
  if (toks.length === 0) return { kind: 'global', body };
  let k = 0;
  if (toks[k] === 'void') {
    k++;
    if (toks[k] === '*') k++;
  }
  const m = /^P([0-9]+)$/.exec(toks[k] ?? '');
  if (!m || toks[k + 1] !== '(' || toks[toks.length - 1] !== ')') return undefined;
  const inner = toks.slice(k + 2, -1);
  const params: Array<{ type: string; name: string }> = [];
  if (inner.length) {
    const groups: string[][] = [[]];
    for (const t of inner) {
      if (t === ',') groups.push([]);
      else groups[groups.length - 1]!.push(t);
    }
    for (const g of groups) {
      const name = g[g.length - 1];
      if (!name || !/^[A-Za-z_]/.test(name)) return undefined;
      const type = paramType(g.slice(0, -1));
      if (type === undefined) return undefined;
      params.push({ type, name });
    }
  }
  return { kind: 'proc', proc: Number(m[1]), params, body };
}

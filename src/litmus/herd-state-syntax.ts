// The pieces of herd's state grammar that its test digest (herd-hash.ts)
// depends on: its state lexer for the init block and the constraint, the init
// items, and the observed locations. The program's part is herd-prog.ts.

export type HerdLocation =
  | { kind: 'reg'; proc: number; name: string }
  | { kind: 'sreg'; name: string }
  | { kind: 'global'; name: string; offset: number };

export type HerdInitType =
  | { kind: 'def' }
  | { kind: 'defptr' }
  | { kind: 'ty'; name: string }
  | { kind: 'atomic'; name: string }
  | { kind: 'ptr'; name: string }
  | { kind: 'array'; name: string; size: number };

export interface HerdInitItem {
  loc: HerdLocation;
  ty: HerdInitType;
  /** The value as herd prints it in the digest. */
  value: string;
}

// --- herd's state lexer ---------------------------------------------------------------

type Tok = { t: 'num' | 'name' | 'proc' | 'sreg' | 'punct' | 'kw'; v: string };

const KEYWORDS = new Set(['true', 'false', 'observed', 'Observed', 'and', 'exists', 'forall', 'final', 'with', 'locations', 'filter', 'fault', 'Fault', 'not']);

/** Tokens of herd's state lexer (init blocks, constraints), or undefined on a lexical error. */
export function stateTokens(text: string): Tok[] | undefined {
  const toks: Tok[] = [];
  const re = {
    space: /[ \t\r\n]+/y,
    num: /(0[xX][0-9a-fA-F]+|-?[0-9]+)/y,
    proc: /P(-?[0-9]+)/y,
    sreg: /%([A-Za-z_.$]+[A-Za-z0-9_/.-]*)/y,
    name: /_?[A-Za-z_.$]+[A-Za-z0-9_/.-]*/y,
    dollar: /\$([0-9]+|[A-Za-z]+)/y,
    value: /`([^`]+)`/y,
  };
  let i = 0;
  const tryRe = (r: RegExp): RegExpExecArray | null => {
    r.lastIndex = i;
    return r.exec(text);
  };
  while (i < text.length) {
    let m: RegExpExecArray | null;
    if ((m = tryRe(re.space))) {
      i += m[0].length;
      continue;
    }
    if (text.startsWith('(*', i)) {
      let depth = 0;
      let k = i;
      for (; k < text.length; k++) {
        if (text.startsWith('(*', k)) depth++, k++;
        else if (text.startsWith('*)', k)) {
          k++;
          if (--depth === 0) break;
        }
      }
      if (depth !== 0) return undefined;
      i = k + 1;
      continue;
    }
    // Longest match between a number, P<n>, a name and punctuation.
    const cands: Array<[number, Tok]> = [];
    if ((m = tryRe(re.num))) cands.push([m[0].length, { t: 'num', v: m[0] }]);
    if ((m = tryRe(re.proc))) cands.push([m[0].length, { t: 'proc', v: m[1]! }]);
    if ((m = tryRe(re.sreg))) cands.push([m[0].length, { t: 'sreg', v: m[1]! }]);
    if ((m = tryRe(re.dollar))) cands.push([m[0].length, { t: 'name', v: m[0] }]);
    if ((m = tryRe(re.value))) cands.push([m[0].length, { t: 'num', v: m[1]! }]);
    if ((m = tryRe(re.name))) cands.push([m[0].length, KEYWORDS.has(m[0]) ? { t: 'kw', v: m[0] } : { t: 'name', v: m[0] }]);
    for (const p of ['/\\', '\\/', '==', '!=', '<>', '=>']) if (text.startsWith(p, i)) cands.push([2, { t: 'punct', v: p }]);
    if (',&;:+[](){}=~*'.includes(text[i]!)) cands.push([1, { t: 'punct', v: text[i]! }]);
    if (cands.length === 0) return undefined;
    // The first rule wins a tie; the lexer lists numbers and P<n> before names.
    let best = cands[0]!;
    for (const c of cands) if (c[0] > best[0]) best = c;
    toks.push(best[1]);
    i += best[0];
  }
  return toks;
}

// --- locations and values -------------------------------------------------------------

class Stream {
  i = 0;
  constructor(readonly toks: Tok[]) {}
  peek(k = 0): Tok | undefined {
    return this.toks[this.i + k];
  }
  is(v: string, k = 0): boolean {
    const t = this.peek(k);
    return t !== undefined && (t.t === 'punct' || t.t === 'kw') && t.v === v;
  }
}

/** `P0:r0`, `0:r0`, `%r`, `x`, `[x]`: herd's `left_loc`. Advances past it. */
function location(s: Stream): HerdLocation | undefined {
  const t = s.peek();
  if (!t) return undefined;
  if ((t.t === 'proc' || (t.t === 'num' && /^[0-9]+$/.test(t.v))) && s.is(':', 1) && s.peek(2)?.t === 'name') {
    const name = s.peek(2)!.v;
    s.i += 3;
    return { kind: 'reg', proc: Number(t.v), name };
  }
  if (t.t === 'sreg') {
    s.i++;
    return { kind: 'sreg', name: t.v };
  }
  if (t.t === 'name') {
    s.i++;
    return { kind: 'global', name: t.v, offset: 0 };
  }
  if (s.is('[') && s.peek(1)?.t === 'name' && s.is(']', 2)) {
    const name = s.peek(1)!.v;
    s.i += 3;
    return { kind: 'global', name, offset: 0 };
  }
  return undefined;
}

/** A value (`maybev_label`, with `&x` where herd allows it), printed as herd's pp_v_old. */
function value(s: Stream): string | undefined {
  const t = s.peek();
  if (!t) return undefined;
  if (s.is('&') && s.peek(1)?.t === 'name') {
    s.i += 2;
    if (s.is('[') && s.peek(1)?.t === 'num' && s.is(']', 2)) {
      const idx = Number(s.peek(1)!.v);
      s.i += 3;
      return idx ? `${s.toks[s.i - 4]!.v}+${idx}` : s.toks[s.i - 4]!.v;
    }
    return s.toks[s.i - 1]!.v;
  }
  if ((t.t === 'num' || t.t === 'proc') && s.is(':', 1) && s.peek(2) && (s.peek(2)!.t === 'name' || s.peek(2)!.t === 'num')) {
    const v = `${t.v}:${s.peek(2)!.v}`;
    s.i += 3;
    return v;
  }
  if (t.t === 'num') {
    s.i++;
    return t.v;
  }
  if (t.t === 'name') {
    s.i++;
    if (s.is('[') && s.peek(1)?.t === 'num' && s.is(']', 2)) {
      const idx = Number(s.peek(1)!.v);
      s.i += 3;
      return idx ? `${t.v}+${idx}` : t.v;
    }
    return t.v;
  }
  return undefined;
}

// --- init block ------------------------------------------------------------------------

function initItem(s: Stream): HerdInitItem | undefined {
  const zero = '0';
  // `*loc [= v]`
  if (s.is('*')) {
    s.i++;
    const loc = location(s);
    if (!loc) return undefined;
    if (!s.is('=')) return { loc, ty: { kind: 'defptr' }, value: zero };
    s.i++;
    const v = value(s);
    return v === undefined ? undefined : { loc, ty: { kind: 'defptr' }, value: v };
  }
  // `_Atomic T loc [= v]` (the lexer has no _Atomic token in our keyword set: it is a name)
  const t0 = s.peek();
  if (t0?.t === 'name' && t0.v === '_Atomic' && s.peek(1)?.t === 'name') {
    const ty = s.peek(1)!.v;
    s.i += 2;
    const loc = location(s);
    if (!loc) return undefined;
    if (!s.is('=')) return { loc, ty: { kind: 'atomic', name: ty }, value: zero };
    s.i++;
    const v = value(s);
    return v === undefined ? undefined : { loc, ty: { kind: 'atomic', name: ty }, value: v };
  }
  // `T *loc [= v]`, `T loc [= v | ATOMIC_INIT(v)]`, `T x[n]`
  if (t0?.t === 'name' && (s.is('*', 1) || s.peek(1)?.t === 'name' || s.peek(1)?.t === 'proc' || s.is('[', 1) || (s.peek(1)?.t === 'num' && s.is(':', 2)))) {
    const ty = t0.v;
    if (s.is('[', 1) && s.peek(2)?.t === 'num' && s.is(']', 3)) return undefined; // `v[i] = ...` is refused by herd
    s.i++;
    const pointer = s.is('*');
    if (pointer) s.i++;
    const loc = location(s);
    if (!loc) return undefined;
    if (!pointer && loc.kind === 'global' && s.is('[') && s.peek(1)?.t === 'num' && s.is(']', 2)) {
      const size = Number(s.peek(1)!.v);
      s.i += 3;
      if (s.is('=')) {
        // `= { v, ... }`
        while (s.peek() && !s.is(';')) s.i++;
      }
      return { loc, ty: { kind: 'array', name: ty, size }, value: '' };
    }
    const kind: HerdInitType = pointer ? { kind: 'ptr', name: ty } : { kind: 'ty', name: ty };
    if (!s.is('=')) return { loc, ty: kind, value: zero };
    s.i++;
    if (s.peek()?.t === 'name' && s.peek()!.v === 'ATOMIC_INIT' && s.is('(', 1)) {
      s.i += 2;
      const v = value(s);
      if (v === undefined || !s.is(')')) return undefined;
      s.i++;
      return { loc, ty: kind, value: v };
    }
    const v = value(s);
    return v === undefined ? undefined : { loc, ty: kind, value: v };
  }
  // `loc`, `loc = v`, `reg = &x`
  const loc = location(s);
  if (!loc) return undefined;
  if (!s.is('=')) return { loc, ty: { kind: 'def' }, value: zero };
  s.i++;
  const amp = s.is('&');
  const v = value(s);
  if (v === undefined) return undefined;
  return { loc, ty: amp && loc.kind === 'reg' ? { kind: 'defptr' } : { kind: 'def' }, value: v };
}

/** The init block's items, or undefined when herd's init parser would fail. */
export function parseInit(text: string): HerdInitItem[] | undefined {
  const toks = stateTokens(text);
  if (!toks) return undefined;
  const s = new Stream(toks);
  const items: HerdInitItem[] = [];
  while (s.peek()) {
    if (s.is(';')) {
      s.i++;
      continue;
    }
    const it = initItem(s);
    if (!it) return undefined;
    items.push(it);
    if (s.peek() && !s.is(';')) return undefined;
  }
  return items;
}

// --- observed locations ----------------------------------------------------------------

/** The locations of the `locations [...]` clause and of the condition's atoms. */
export function observedLocations(text: string): Array<{ loc: HerdLocation; index?: number }> | undefined {
  const toks = stateTokens(text);
  if (!toks) return undefined;
  const out: Array<{ loc: HerdLocation; index?: number }> = [];
  const s = new Stream(toks);
  if (s.is('locations') && s.is('[', 1)) {
    s.i += 2;
    while (s.peek() && !s.is(']')) {
      if (s.is(';')) {
        s.i++;
        continue;
      }
      if (s.is('fault') || s.is('Fault')) {
        while (s.peek() && !s.is(';') && !s.is(']')) s.i++;
        continue;
      }
      const start = s.i;
      const t = s.peek();
      if (t?.t === 'name' && s.is('[', 1) && s.peek(2)?.t === 'num' && s.is(']', 3)) {
        out.push({ loc: { kind: 'global', name: t.v, offset: 0 }, index: Number(s.peek(2)!.v) });
        s.i += 4;
      } else {
        const loc = location(s);
        if (loc) out.push({ loc });
      }
      if (s.i === start) s.i++;
      while (s.peek() && !s.is(';') && !s.is(']')) s.i++;
    }
    s.i++;
  }
  // A filter's locations are not observed: skip its proposition, up to the
  // quantifier of the condition.
  if (s.is('filter')) {
    let depth = 0;
    s.i++;
    while (s.peek()) {
      if (s.is('(')) depth++;
      else if (s.is(')')) depth--;
      else if (depth === 0 && (s.is('exists') || s.is('forall') || s.is('final') || s.is('observed') || s.is('Observed'))) break;
      else if (depth === 0 && (s.is('~') || s.is('not')) && s.is('exists', 1)) break;
      s.i++;
    }
  }
  // Every atom is `loc op value`: the location is what precedes `=`, `==` or
  // `!=`/`<>`; `loc = 1:r2` (herd's LL atom) observes its right-hand side too.
  for (let k = s.i; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.t !== 'punct' || !['=', '==', '!=', '<>'].includes(t.v)) continue;
    const p1 = toks[k - 1], p2 = toks[k - 2], p3 = toks[k - 3], p4 = toks[k - 4];
    if (p1?.t === 'name' && p2?.t === 'punct' && p2.v === ':' && p3 && (p3.t === 'proc' || p3.t === 'num')) {
      out.push({ loc: { kind: 'reg', proc: Number(p3.v), name: p1.v } });
    } else if (p1?.t === 'name') {
      out.push({ loc: { kind: 'global', name: p1.v, offset: 0 } });
    } else if (p1?.t === 'sreg') {
      out.push({ loc: { kind: 'sreg', name: p1.v } });
    } else if (p1?.v === ']' && p2?.t === 'name' && p3?.v === '[') {
      out.push({ loc: { kind: 'global', name: p2.v, offset: 0 } });
    } else if (p1?.v === ']' && p2?.t === 'num' && p3?.v === '[' && p4?.t === 'name') {
      out.push({ loc: { kind: 'global', name: p4.v, offset: 0 }, index: Number(p2.v) });
    }
    const n1 = toks[k + 1], n2 = toks[k + 2], n3 = toks[k + 3];
    if (t.v !== '=' && t.v !== '==') continue;
    if (n1 && (n1.t === 'proc' || (n1.t === 'num' && /^[0-9]+$/.test(n1.v))) && n2?.v === ':' && n2.t === 'punct' && n3?.t === 'name') {
      out.push({ loc: { kind: 'reg', proc: Number(n1.v), name: n3.v } });
    } else if (n1?.t === 'punct' && n1.v === '*' && n2?.t === 'name') {
      out.push({ loc: { kind: 'global', name: n2.v, offset: 0 } });
    }
  }
  return out;
}

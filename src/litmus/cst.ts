// Small typed accessors over chevrotain CST nodes.

import type { CstElement, CstNode, IToken } from 'chevrotain';

export const isToken = (e: CstElement): e is IToken => (e as IToken).tokenType !== undefined;

export function tokens(n: CstNode, key: string): IToken[] {
  return (n.children[key] ?? []) as IToken[];
}

export function tok(n: CstNode, key: string, i = 0): IToken | undefined {
  return tokens(n, key)[i];
}

export function nodes(n: CstNode, key: string): CstNode[] {
  return (n.children[key] ?? []) as CstNode[];
}

export function child(n: CstNode, key: string, i = 0): CstNode | undefined {
  return nodes(n, key)[i];
}

/** Like `child`, for children the grammar guarantees once the parse succeeded. */
export function need(n: CstNode, key: string, i = 0): CstNode {
  const c = child(n, key, i);
  if (!c) throw new Error(`internal: CST node '${n.name}' lacks '${key}'`);
  return c;
}

export function needTok(n: CstNode, key: string, i = 0): IToken {
  const t = tok(n, key, i);
  if (!t) throw new Error(`internal: CST node '${n.name}' lacks token '${key}'`);
  return t;
}

export const tokEnd = (t: IToken): number => t.startOffset + t.image.length;

/** All tokens under `n`, in source order. */
export function allTokens(n: CstNode): IToken[] {
  const out: IToken[] = [];
  const walk = (m: CstNode): void => {
    for (const k in m.children) for (const e of m.children[k]!) isToken(e) ? out.push(e) : walk(e);
  };
  walk(n);
  return out.sort((a, b) => a.startOffset - b.startOffset);
}

/** [start, end) offsets covered by `n`. Children under one key are in source
 * order, so only the first and last element of each key need visiting. */
export function span(n: CstNode): [number, number] {
  const start = firstOffset(n);
  return start === Infinity ? [0, 0] : [start, lastEnd(n)];
}

function firstOffset(n: CstNode): number {
  let best = Infinity;
  for (const k in n.children) {
    const e = n.children[k]![0];
    if (!e) continue;
    const o = isToken(e) ? e.startOffset : firstOffset(e);
    if (o < best) best = o;
  }
  return best;
}

function lastEnd(n: CstNode): number {
  let best = -Infinity;
  for (const k in n.children) {
    const arr = n.children[k]!;
    const e = arr[arr.length - 1];
    if (!e) continue;
    const o = isToken(e) ? tokEnd(e) : lastEnd(e);
    if (o > best) best = o;
  }
  return best;
}

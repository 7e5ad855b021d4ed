// Applies a set of text edits to the source by offsets. Identical edits (the
// braces two fences in one unbraced branch both need) are applied once;
// overlapping replacements are a conflict and give null.
import type { TextEdit } from './fix-records.js';

export interface Applied {
  text: string;
  /** The new offset of each applied edit's text, by editKey. */
  starts: Map<string, number>;
}

export function editKey(e: TextEdit): string {
  return `${e.start}:${e.end}:${e.order}:${e.text}`;
}

function compare(a: TextEdit, b: TextEdit): number {
  if (a.start !== b.start) return a.start - b.start;
  // At one offset: insertions before a replacement starting there, then by order.
  const ia = a.start === a.end ? 0 : 1;
  const ib = b.start === b.end ? 0 : 1;
  if (ia !== ib) return ia - ib;
  return a.order - b.order || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
}

export function applyEdits(source: string, edits: readonly TextEdit[]): Applied | null {
  const unique = new Map<string, TextEdit>();
  for (const e of edits) unique.set(editKey(e), e);
  const sorted = [...unique.values()].sort(compare);
  let out = '';
  let at = 0;
  const starts = new Map<string, number>();
  for (const e of sorted) {
    if (e.start < at) return null;
    out += source.slice(at, e.start);
    starts.set(editKey(e), out.length);
    out += e.text;
    at = e.end;
  }
  out += source.slice(at);
  return { text: out, starts };
}

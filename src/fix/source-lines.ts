// Small helpers over the test's source text: lines, indentation, comments.

export function lineStart(src: string, offset: number): number {
  return src.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the newline ending the line of `offset` (or the text's length). */
export function lineEnd(src: string, offset: number): number {
  const i = src.indexOf('\n', offset);
  return i < 0 ? src.length : i;
}

/** The leading whitespace of the line holding `offset`. */
export function indentAt(src: string, offset: number): string {
  const start = lineStart(src, offset);
  return /^[ \t]*/.exec(src.slice(start))![0];
}

/** Whether only whitespace precedes `offset` on its line. */
export function startsLine(src: string, offset: number): boolean {
  return /^[ \t]*$/.test(src.slice(lineStart(src, offset), offset));
}

/** Whether the rest of the line from `offset` holds only whitespace and comments. */
export function restIsTrivia(src: string, offset: number): boolean {
  const rest = src.slice(offset, lineEnd(src, offset));
  return /^\s*(\/\*.*?\*\/\s*|\(\*.*?\*\)\s*)*(\/\/.*)?$/.test(rest);
}

/** 1-based line of an offset. */
export function lineOf(src: string, offset: number): number {
  let n = 1;
  for (let i = src.indexOf('\n'); i >= 0 && i < offset; i = src.indexOf('\n', i + 1)) n++;
  return n;
}

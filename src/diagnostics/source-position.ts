// Positions in a source text, shared by the litmus parser, the .def loader,
// the cat model loader and diagnostics: 1-based line/column positions from
// offsets. Lines end at '\n' (a '\r' before it is an ordinary character of
// the line); columns count UTF-16 code units.

export interface Pos {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  col: number;
  /** 0-based character offset into the source. */
  offset: number;
}

export interface Range {
  start: Pos;
  /** Exclusive end. */
  end: Pos;
}

export class LineMap {
  private readonly starts: number[] = [0];

  constructor(readonly source: string) {
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  pos(offset: number): Pos {
    const o = Math.max(0, Math.min(offset, this.source.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: o - this.starts[lo]! + 1, offset: o };
  }

  /** Range of [start, end) offsets. */
  range(start: number, end: number): Range {
    return { start: this.pos(start), end: this.pos(Math.max(start, end)) };
  }
}

/** The text of 1-based line `line` without its terminator. */
export function lineText(source: string, line: number): string {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = source.indexOf('\n', start);
    if (nl < 0) return '';
    start = nl + 1;
  }
  const end = source.indexOf('\n', start);
  return source.slice(start, end < 0 ? source.length : end).replace(/\r$/, '');
}

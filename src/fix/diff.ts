// A unified diff of two versions of a file (longest common subsequence of
// lines, three lines of context), and the line alignment it rests on.

function splitLines(text: string): { lines: string[]; finalNewline: boolean } {
  const finalNewline = text.endsWith('\n');
  const lines = text.split('\n');
  if (finalNewline) lines.pop();
  return { lines, finalNewline };
}

type Op = { kind: ' ' | '-' | '+'; a: number; b: number };

/** The edit script from a to b: kept, deleted and inserted lines, deletions before insertions in each change. */
function script(a: readonly string[], b: readonly string[]): Op[] {
  // Common prefix and suffix first: edits are local, so the table stays small.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const n = a.length - pre - suf;
  const m = b.length - pre - suf;
  const lcs: Uint32Array[] = [];
  for (let i = 0; i <= n; i++) lcs.push(new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[pre + i] === b[pre + j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: Op[] = [];
  for (let k = 0; k < pre; k++) ops.push({ kind: ' ', a: k, b: k });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[pre + i] === b[pre + j]) {
      ops.push({ kind: ' ', a: pre + i++, b: pre + j++ });
    } else if (j >= m || (i < n && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      ops.push({ kind: '-', a: pre + i++, b: pre + j });
    } else {
      ops.push({ kind: '+', a: pre + i, b: pre + j++ });
    }
  }
  for (let k = 0; k < suf; k++) ops.push({ kind: ' ', a: a.length - suf + k, b: b.length - suf + k });
  return ops;
}

/**
 * For each line of `after` (1-based), the line of `before` it comes from:
 * kept lines map to themselves, a changed line to the line it replaces (the
 * k-th inserted line of a change to its k-th deleted line), inserted lines to 0.
 */
export function lineOrigins(before: string, after: string): number[] {
  const a = splitLines(before).lines;
  const b = splitLines(after).lines;
  const out = new Array<number>(b.length + 1).fill(0);
  const ops = script(a, b);
  let dels: number[] = [];
  for (const op of ops) {
    if (op.kind === ' ') {
      out[op.b + 1] = op.a + 1;
      dels = [];
    } else if (op.kind === '-') {
      dels.push(op.a + 1);
    } else {
      out[op.b + 1] = dels.shift() ?? 0;
    }
  }
  return out;
}

function range(start: number, count: number): string {
  // Line numbers are 1-based; an empty range names the line before it.
  const s = count === 0 ? start : start + 1;
  return count === 1 ? `${s}` : `${s},${count}`;
}

/** Unified diff of `before` and `after` for `file`, or '' when they are the same. */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  const A = splitLines(before);
  const B = splitLines(after);
  const ops = script(A.lines, B.lines);
  const changed = ops.map((o, k) => (o.kind !== ' ' ? k : -1)).filter((k) => k >= 0);
  if (changed.length === 0 && A.finalNewline === B.finalNewline) return '';
  const name = file.startsWith('/') ? file : `a/${file}`;
  const name2 = file.startsWith('/') ? file : `b/${file}`;
  const out: string[] = [`--- ${name}`, `+++ ${name2}`];
  // Group changes whose contexts touch into hunks.
  let k = 0;
  while (k < changed.length) {
    let first = changed[k]!;
    let last = first;
    while (k + 1 < changed.length && changed[k + 1]! - last <= 2 * context + 1) last = changed[++k]!;
    k++;
    first = Math.max(0, first - context);
    last = Math.min(ops.length - 1, last + context);
    const hunk = ops.slice(first, last + 1);
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${range(hunk[0]!.a, aCount)} +${range(hunk[0]!.b, bCount)} @@`);
    for (const o of hunk) {
      const text = o.kind === '+' ? B.lines[o.b]! : A.lines[o.a]!;
      out.push(`${o.kind}${text}`);
      const lastA = o.kind !== '+' && o.a === A.lines.length - 1 && !A.finalNewline;
      const lastB = o.kind !== '-' && o.b === B.lines.length - 1 && !B.finalNewline;
      if ((o.kind === '-' && lastA) || (o.kind === '+' && lastB) || (o.kind === ' ' && (lastA || lastB))) out.push('\\ No newline at end of file');
    }
  }
  return out.join('\n') + '\n';
}

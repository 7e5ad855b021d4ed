import { describe, expect, it } from 'vitest';
import { lineOrigins, unifiedDiff } from '../../src/fix/diff.js';

/** Applies a unified diff (as `patch` would), checking every context and removed line. */
function applyPatch(before: string, diff: string): string {
  const a = before.split('\n');
  const out: string[] = [];
  let at = 0;
  const lines = diff.split('\n');
  for (let i = 2; i < lines.length; i++) {
    const m = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(lines[i]!);
    if (!m) continue;
    const start = Number(m[2] === '0' ? Number(m[1]) : Number(m[1]) - 1);
    while (at < start) out.push(a[at++]!);
    for (i++; i < lines.length && !lines[i]!.startsWith('@@') && lines[i] !== ''; i++) {
      const l = lines[i]!;
      if (l.startsWith('\\')) continue;
      if (l[0] === ' ' || l[0] === '-') {
        expect(a[at]).toBe(l.slice(1));
        at++;
      }
      if (l[0] === ' ' || l[0] === '+') out.push(l.slice(1));
    }
    i--;
  }
  while (at < a.length) out.push(a[at++]!);
  return out.join('\n');
}

const text = (n: number): string => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

describe('unifiedDiff', () => {
  it('is empty for identical texts', () => {
    expect(unifiedDiff('f.litmus', 'a\nb\n', 'a\nb\n')).toBe('');
  });

  it('writes one hunk with three lines of context and GNU line ranges', () => {
    const before = text(10);
    const after = before.replace('line 5\n', 'line 5\n\tsmp_mb();\n');
    expect(unifiedDiff('t/x.litmus', before, after)).toBe(
      '--- a/t/x.litmus\n+++ b/t/x.litmus\n@@ -3,6 +3,7 @@\n line 3\n line 4\n line 5\n+\tsmp_mb();\n line 6\n line 7\n line 8\n',
    );
  });

  it('splits far-apart changes into hunks and merges near ones', () => {
    const before = text(30);
    const far = before.replace('line 2\n', 'LINE 2\n').replace('line 25\n', 'LINE 25\n');
    expect(unifiedDiff('x', before, far).match(/^@@/gm)).toHaveLength(2);
    const near = before.replace('line 2\n', 'LINE 2\n').replace('line 8\n', 'LINE 8\n');
    expect(unifiedDiff('x', before, near).match(/^@@/gm)).toHaveLength(1);
  });

  it('round-trips through a patch applier', () => {
    const before = text(40);
    const after = before
      .replace('line 1\n', '')
      .replace('line 10\n', 'line 10\n{\n')
      .replace('line 20\n', 'changed 20\n')
      .replace('line 40\n', 'line 40\nlast\n');
    const diff = unifiedDiff('x', before, after);
    expect(applyPatch(before, diff)).toBe(after);
  });

  it('marks a missing final newline', () => {
    expect(unifiedDiff('x', 'a\nb', 'a\nc')).toContain('+c\n\\ No newline at end of file\n');
  });

  it('uses plain names for absolute paths', () => {
    expect(unifiedDiff('/tmp/t.litmus', 'a\n', 'b\n').split('\n').slice(0, 2)).toEqual(['--- /tmp/t.litmus', '+++ /tmp/t.litmus']);
  });
});

describe('lineOrigins', () => {
  it('maps kept and changed lines to their original lines, inserted lines to 0', () => {
    const before = 'a\nb\nc\nd\n';
    const after = 'a\nB\nnew\nc\nd\n';
    // a<-1, B<-2 (replaces b), new<-0, c<-3, d<-4
    expect(lineOrigins(before, after).slice(1)).toEqual([1, 2, 0, 3, 4]);
  });
});

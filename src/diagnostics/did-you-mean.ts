// Edit distance, for "did you mean ...?" suggestions (test syntax, .def files,
// cat models, command-line words).

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Names longer than this get no suggestion (the distance is quadratic in the length). */
export const MAX_SUGGEST_LENGTH = 64;

/**
 * The candidate nearest to `name`, if it is close enough to be a plausible typo:
 * a case-insensitive match, or within max(1, floor(length / 4)) edits.
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length > MAX_SUGGEST_LENGTH) return undefined;
  let best: string | undefined;
  let bestD = Infinity;
  const limit = Math.max(1, Math.floor(name.length / 4));
  for (const c of candidates) {
    if (c === name) continue;
    // The distance is at least the difference in length.
    if (Math.abs(c.length - name.length) > limit && c.toLowerCase() !== name.toLowerCase()) continue;
    const d = c.toLowerCase() === name.toLowerCase() ? 0.5 : editDistance(name, c);
    if (d < bestD || (d === bestD && best !== undefined && c < best)) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= limit ? best : undefined;
}

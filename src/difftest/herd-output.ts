// Reads herd7's text output (and litmus-check's `--format herd`, which is the
// same) into records the comparison can use: one block per test, its final
// states as a set, counts, flags, and herd7's per-file warnings on stderr.

export interface HerdBlock {
  name: string;
  /** Allowed / Forbidden / Required. */
  kind: string;
  /** Each final state normalised: cells without spaces, sorted, `; `-joined. */
  states: string[];
  ok: boolean;
  loop: boolean;
  positive: number;
  negative: number;
  verdict: string;
  flags: string[];
  condition: string;
}

function normaliseState(line: string): string {
  return line.split(';').map((c) => c.replace(/\s+/g, '')).filter(Boolean).sort().join('; ');
}

export function parseHerdOutput(text: string): HerdBlock[] {
  const blocks: HerdBlock[] = [];
  let cur: HerdBlock | undefined;
  let inStates = false;
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    const test = /^Test (\S+) (\S+)/.exec(line);
    if (test) {
      cur = { name: test[1]!, kind: test[2]!, states: [], ok: false, loop: false, positive: 0, negative: 0, verdict: '', flags: [], condition: '' };
      blocks.push(cur);
      inStates = false;
      continue;
    }
    if (!cur) continue;
    if (/^States \d+$/.test(line)) { inStates = true; continue; }
    if (inStates) {
      const end = /^(Loop )?(Ok|No|Undef)$/.exec(line);
      if (end) {
        inStates = false;
        cur.loop = !!end[1];
        cur.ok = end[2] === 'Ok';
      } else if (line.trim()) {
        cur.states.push(normaliseState(line));
      }
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = /^Flag (\S+)/.exec(line))) cur.flags.push(m[1]!);
    else if ((m = /^Condition (.*)$/.exec(line))) cur.condition = m[1]!;
    else if ((m = /^Observation (\S+) (\S+) (\d+) (\d+)/.exec(line))) {
      cur.verdict = m[2]!;
      cur.positive = Number(m[3]);
      cur.negative = Number(m[4]);
    }
  }
  for (const b of blocks) {
    b.states.sort();
    b.flags.sort();
  }
  return blocks;
}

/** herd7's `Warning: File "PATH": message` lines on stderr, by path. */
export function parseHerdWarnings(stderr: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of stderr.split('\n')) {
    const m = /^Warning: File "([^"]+)"(.*)$/.exec(line.trim());
    if (!m) continue;
    const msg = m[2]!.replace(/^[:,]\s*/, '');
    const list = out.get(m[1]!) ?? [];
    list.push(msg);
    out.set(m[1]!, list);
  }
  return out;
}

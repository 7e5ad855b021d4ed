// Mutation fuzzing of the parser over the project's own fixtures: delete,
// duplicate and swap tokens, truncate, inject random bytes. parseLitmus must
// always return (an AST or at least one error), never throw, in bounded time,
// with diagnostics located inside the source. Deterministic: seeded PRNG.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLitmus } from '../../src/litmus/parse.js';
import { withBody } from './helpers.js';
import { prng as mulberry32 } from '../relations/reference.js';


const dir = fileURLToPath(new URL('../fixtures/parse/', import.meta.url));
const seeds: string[] = [
  ...readdirSync(dir)
    .filter((f) => f.endsWith('.litmus'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8')),
  withBody('int r1 = 0; if (r1 == 1) { smp_mb(); } else r1 = (int)READ_ONCE(*x) + 2 * -r1; while (r1) r1 = r1 - 1;'),
  'C t\n"doc"\nK=v\n{ int *p = &x; 0:r1 = y; atomic_t v = ATOMIC_INIT(0); }\nP0(int **p) { int *r0 = rcu_dereference(*p); }\nlocations [0:r0; x]\nfilter (0:r0=x)\nexists (0:r0=x /\\ ~(x=1 \\/ [y]=0) => true)\n',
];

const tokenize = (s: string): string[] => s.match(/\s+|[A-Za-z_][A-Za-z0-9_]*|[0-9]+|\(\*|\*\)|\/\\|\\\/|[^\sA-Za-z0-9_]/g) ?? [];
const junk = ['(*', '*)', '/*', '*/', '{', '}', '(', ')', ';', ',', '"', '\\', '~', '\u0000', '\u00e9', '\ud83d\ude00', '\r', '\n', 'P0', 'exists', '0:', '[', ']', '#', '`', '='];

function mutate(src: string, rnd: () => number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const toks = tokenize(src);
  const rounds = 1 + Math.floor(rnd() * 3);
  let out = toks;
  for (let r = 0; r < rounds; r++) {
    const i = Math.floor(rnd() * Math.max(1, out.length));
    const j = Math.floor(rnd() * Math.max(1, out.length));
    switch (Math.floor(rnd() * 6)) {
      case 0:
        out = out.filter((_, k) => k !== i);
        break;
      case 1:
        out = [...out.slice(0, i + 1), out[i] ?? '', ...out.slice(i)];
        break;
      case 2: {
        out = [...out];
        const t = out[i]!;
        out[i] = out[j]!;
        out[j] = t;
        break;
      }
      case 3:
        out = tokenize(out.join('').slice(0, Math.floor(rnd() * out.join('').length)));
        break;
      case 4: {
        const bytes = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => String.fromCharCode(Math.floor(rnd() * 256))).join('');
        out = [...out.slice(0, i), bytes, ...out.slice(i)];
        break;
      }
      default:
        out = [...out.slice(0, i), pick(junk), ...out.slice(i)];
    }
  }
  return out.join('');
}

describe('parser robustness', () => {
  it('survives thousands of mutations of the fixtures', () => {
    const rnd = mulberry32(0x11f7);
    let parsed = 0;
    let rejected = 0;
    let slowest = 0;
    const N = 4000;
    for (let k = 0; k < N; k++) {
      const src = mutate(seeds[k % seeds.length]!, rnd);
      const t0 = performance.now();
      let result: ReturnType<typeof parseLitmus> | undefined;
      try {
        result = parseLitmus(src, 'fuzz.litmus');
      } catch (e) {
        throw new Error(`parseLitmus threw on mutation #${k}: ${String(e)}\n---\n${src}`);
      }
      slowest = Math.max(slowest, performance.now() - t0);
      expect(Array.isArray(result.diagnostics)).toBe(true);
      if (result.test) parsed++;
      else {
        rejected++;
        if (!result.diagnostics.some((d) => d.severity === 'error')) throw new Error(`no AST and no error on mutation #${k}:\n${src}`);
      }
      for (const d of result.diagnostics) {
        if (d.code === 'internal') throw new Error(`internal error on mutation #${k}: ${d.message}\n---\n${src}`);
        const { start, end } = d.range;
        if (!(start.offset >= 0 && start.offset <= end.offset && end.offset <= src.length && start.line >= 1 && start.col >= 1)) {
          throw new Error(`bad range ${JSON.stringify(d.range)} for ${d.code} on mutation #${k}`);
        }
      }
    }
    expect(parsed).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(100);
    expect(slowest).toBeLessThan(500);
  });

  it('copes with pathological inputs', () => {
    const deep = 'C t\n{}\nP0(int *x) { int r1 = ' + '('.repeat(500) + '1' + ')'.repeat(500) + '; }\nexists (x=0)\n';
    const nested = 'C t\n' + '(*'.repeat(2000) + '*)'.repeat(2000) + '\n{}\nP0(int *x) { }\n';
    const long = withBody('WRITE_ONCE(*x, 1);\n'.repeat(5000));
    const tooDeep = 'C t\n{}\nP0(int *x) { int r1 = ' + '('.repeat(100000) + '1' + ')'.repeat(100000) + '; }\n';
    for (const src of [deep, nested, long, tooDeep, '\u0000'.repeat(1000), '{'.repeat(3000), 'C t\n{' + '}'.repeat(3000)]) {
      const t0 = performance.now();
      const r = parseLitmus(src, 'p.litmus');
      expect(performance.now() - t0).toBeLessThan(3000);
      expect(r.test !== undefined || r.diagnostics.length > 0).toBe(true);
    }
  });
});

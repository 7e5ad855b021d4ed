import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extensionNote, herdExtensions, strictDiagnostics } from '../../src/litmus/extensions.js';
import { parseLitmus } from '../../src/litmus/parse.js';
import { cli } from '../cli/helpers.js';

const parse = (body: string, init = '', params = 'int *x, int *y') =>
  parseLitmus(`C t\n{ ${init} }\nP0(${params}) {\n${body}\n}\nexists (x=1)\n`, 't.litmus');
const used = (body: string, init = '', params?: string): string[] => herdExtensions(parse(body, init, params).test!).map((u) => u.what);

describe('extensions herd7 cannot run', () => {
  it.each([
    ['int r0; r0 = READ_ONCE(*x) << 1;', 'operator <<'],
    ['int r0; r0 = READ_ONCE(*x) % 2;', 'operator %'],
    ['int r0; r0 = READ_ONCE(*x) && 1;', 'operator &&'],
    ['int r0; r0 = !READ_ONCE(*x);', 'unary !'],
    ['int r0; r0 = -READ_ONCE(*x);', 'unary -'],
    ['int r0; r0 = READ_ONCE(*x) ? 1 : 2;', 'conditional ?:'],
    ['int r0; r0 = folio_try_get(x);', 'folio_try_get()'],
  ])('%s uses %s', (body, what) => {
    expect(used(body)).toContain(what);
  });

  it('names types herd7 does not know', () => {
    expect(used('int r0; r0 = READ_ONCE(*p);', 'pte_t p = 1;', 'pte_t *p')).toEqual(['type pte_t']);
  });

  it('finds none in a test herd7 can run', () => {
    expect(used('int r0; int r1; r0 = READ_ONCE(*x) + READ_ONCE(*y) * 2; smp_store_release(y, r0 - 1); r1 = atomic_fetch_add(1, x);', 'atomic_t z = ATOMIC_INIT(1); int *p = x;')).toEqual([]);
    const dir = fileURLToPath(new URL('../fixtures/explain/', import.meta.url));
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.litmus'))) {
      expect(extensionNote(parseLitmus(readFileSync(join(dir, f), 'utf8'), f).test!), f).toBeUndefined();
    }
  });

  it('is a note in the diagnostics, and an error under --strict', async () => {
    const { diagnostics } = parse('int r0; r0 = READ_ONCE(*x) >> 1;');
    const note = diagnostics.find((d) => d.code === 'herd7-extension')!;
    expect(note.severity).toBe('note');
    expect(note.message).toBe('uses extensions herd7 cannot run: operator >>');
    expect(strictDiagnostics(diagnostics).find((d) => d.code === 'herd7-extension')!.severity).toBe('error');
    const lib = fileURLToPath(new URL('../../litmus/gup-fast-vs-zap/gup-zap+fully-ordered.litmus', import.meta.url));
    expect((await cli(['run', lib])).code).toBe(0);
    const strict = await cli(['run', '--strict', lib]);
    expect(strict.code).toBe(2);
    expect(strict.err + strict.out).toContain('uses extensions herd7 cannot run: ptep_get_and_clear()');
  });
});

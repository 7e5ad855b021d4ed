// `litmus-check primitives` and `--macros FILE` on parse, run and check.
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../../src/kernel/primitives.js';
import { cli } from './helpers.js';

const MACROS = 'test/fixtures/macros/mm-extra.def';
const BAD = 'test/fixtures/macros/bad.def';
const USES = 'test/fixtures/macros/uses-macros.litmus';

describe('litmus-check primitives', () => {
  it('lists every known primitive, grouped, with its signature and meaning', async () => {
    const r = await cli(['primitives']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    for (const d of defaultRegistry().all()) {
      const line = r.out.split('\n').find((l) => l.trimStart().startsWith(`${d.name}(`));
      expect(line, d.name).toBeDefined();
      expect(line).toContain(`${d.name}(${d.params.join(', ')})`);
      expect(line).toContain(d.doc);
    }
    expect(r.out).toMatch(/^Marked accesses \[once\]$/m);
    expect(r.out).toMatch(/^Kernel mm vocabulary .*\[mm\]$/m);
    expect(r.out).toContain(`${defaultRegistry().names().length} primitives\n`);
    // Groups come in a fixed order.
    const titles = r.out.split('\n').filter((l) => /\[[\w-]+\]$/.test(l)).map((l) => /\[([\w-]+)\]$/.exec(l)![1]);
    expect(titles).toEqual(['once', 'acquire-release', 'fence', 'rcu', 'srcu', 'lock', 'xchg', 'atomic', 'mm']);
  });

  it('marks value-returning primitives and can show their steps', async () => {
    const r = await cli(['primitives', '--verbose', 'folio_try_get', 'set_pte_at']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/folio_try_get\(ref\)\s+-> value\s+atomic_add_unless/);
    expect(r.out).toContain('__atomic_add_unless{MB}(ref,1,0)');
    expect(r.out).toContain('{ __store{ONCE}(*ptep,pte); }');
    expect(r.out).not.toContain('primitives\n');
  });

  it('--json prints the definitions', async () => {
    const r = await cli(['primitives', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out) as Array<{ name: string; group: string; source: string; steps: unknown[]; doc: string; params: string[]; returns: boolean }>;
    expect(list).toHaveLength(defaultRegistry().names().length);
    const put = list.find((d) => d.name === 'folio_put_testzero')!;
    expect(put).toMatchObject({ group: 'mm', source: 'builtin', params: ['ref'], returns: true, test: 'eq0' });
    expect(list.find((d) => d.name === 'folio_put')).toMatchObject({ returns: false });
    expect(put.steps).toEqual([{ op: 'rmw', tag: 'MB', loc: { arg: 0, deref: true }, alu: 'sub', value: { const: 1 }, returns: 'new' }]);
  });

  it('--group restricts the listing; an unknown group is a usage error', async () => {
    const r = await cli(['primitives', '--group', 'lock']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter((l) => l.startsWith('  '))).toHaveLength(4);
    const bad = await cli(['primitives', '--group', 'locks']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("unknown group 'locks' (did you mean lock?)");
  });

  it('an unknown name is a usage error with a suggestion', async () => {
    const r = await cli(['primitives', 'folio_putt']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown primitive 'folio_putt' (did you mean folio_put?)");
  });

  it('--macros FILE lists the user mappings first', async () => {
    const r = await cli(['primitives', '--macros', MACROS]);
    expect(r.code).toBe(0);
    const first = r.out.split('\n')[0];
    expect(first).toBe('User macros (--macros) [user]');
    expect(r.out).toContain('my_helper(p)');
    expect(r.out).toContain(`user macro (${MACROS}:34): { smp_mb(); WRITE_ONCE(*p, 1); }`);
    expect(r.out).toContain(`(26 from ${MACROS})`);
    const json = JSON.parse((await cli(['primitives', '--json', '--macros', MACROS, 'my_helper'])).out) as Array<{ source: string }>;
    expect(json).toEqual([expect.objectContaining({ name: 'my_helper', source: 'user', group: 'user' })]);
  });

  it('a bad macro file gives located errors and exit 2', async () => {
    const r = await cli(['primitives', '--macros', BAD]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(`${BAD}:3:13: error: '__xchg' needs an annotation, e.g. __xchg{ONCE} [def-tag]`);
    expect(r.err).toContain(`${BAD}:14:16: error: expected ';' after a statement`);
    expect(r.err).toContain(`litmus-check: ${BAD}: 10 errors in the macro file`);
  });
});

describe('--macros on parse, run and check', () => {
  it('parse accepts the macros and rejects them without the file', async () => {
    const ok = await cli(['parse', '--macros', MACROS, USES]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(`${USES}: ok`);
    const without = await cli(['parse', USES]);
    expect(without.code).toBe(2);
    expect(without.out).toContain("error: unknown primitive 'my_helper'");
  });

  it('run uses the macros\' meanings', async () => {
    const r = await cli(['run', '--macros', MACROS, USES]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('verdict: Never');
    expect(r.out).toContain('Result: Never');
  });

  it('check judges tests that use the macros, and repeats --macros in reproduction commands', async () => {
    const r = await cli(['check', '--macros', MACROS, USES]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 test checked: 1 passed');
    const mail = await cli(['check', '--format', 'mail', '--macros', MACROS, USES]);
    expect(mail.out).toContain(`--macros ${MACROS}`);
  });

  it('explain uses the macros too', async () => {
    const r = await cli(['explain', '--macros', MACROS, USES]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('verdict: Never');
    expect(r.out).toMatch(/axiom happens-before/);
  });

  it('a bad macro file stops run, check, parse and explain with exit 2 before any test runs', async () => {
    for (const cmd of ['run', 'check', 'parse', 'explain']) {
      const r = await cli([cmd, '--macros', BAD, USES]);
      expect(r.code, cmd).toBe(2);
      expect(r.out, cmd).toBe('');
      expect(r.err, cmd).toMatch(new RegExp(`^${BAD.replace(/[./]/g, '\\$&')}:3:13: error: `));
    }
  });

  it('a missing macro file is a usage error', async () => {
    const r = await cli(['run', '--macros', 'test/fixtures/macros/none.def', USES]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('test/fixtures/macros/none.def:1:1: error: cannot read macro file');
  });
});

describe('primitives: definitions in .def notation', () => {
  it('-v writes a test out as part of the definition (folio_ref_freeze compares with its count argument)', async () => {
    const r = await cli(['primitives', '-v', 'folio_ref_freeze', 'folio_maybe_dma_pinned', 'raw_read_seqcount']);
    expect(r.out).toContain('__cmpxchg{MB}(ref,count,0) == count');
    expect(r.out).not.toContain('== old');
    expect(r.out).toContain('__load{ONCE}(*ref) >= 1024');
    expect(r.out).toContain('({ int v = __load{ONCE}(*s); __fence{rmb}; v; })');
    expect(r.out).toMatch(/source: include\/linux\/page_ref\.h/);
  });
  it('--export-def writes LKMM and the exportable vocabulary, and lists the rest with the reason', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'def-')), 'mm.def');
    const r = await cli(['primitives', '--export-def', file]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/local_irq_disable: an IRQ-off section/);
    expect(r.out).toMatch(/test_and_set_bit: a bit mask 1<<nr: herd7 has no shifts/);
    expect(r.out).toMatch(/ptep_clear_flush: several steps and a value/);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('folio_get(X) { __atomic_op{NORETURN}(X,+,1); }');
    expect(text).toContain('spin_lock(X) { __lock(X); }');
    expect(text).not.toMatch(/^local_irq_disable/m);
  });
});

// The .def rendering (primitives -v, --export-def): what herd7 can read is
// written so that the .def loader reads back the same definition.
import { describe, expect, it } from 'vitest';
import { parseDefFile } from '../../src/kernel/def-file.js';
import { bodyText, exportability } from '../../src/kernel/def-render.js';
import { defaultRegistry, PrimitiveRegistry } from '../../src/kernel/primitives.js';

const all = defaultRegistry().all();

describe('def-render', () => {
  it('round-trips every exportable definition through the .def loader (steps, test, returns)', () => {
    const lines = all.map((d) => exportability(d)).filter((e) => e.ok).map((e) => (e as { text: string }).text);
    const { defs, diagnostics } = parseDefFile(lines.join('\n') + '\n', 'export.def', new PrimitiveRegistry());
    expect(diagnostics).toEqual([]);
    const exported = all.filter((d) => exportability(d).ok);
    expect(defs.map((d) => d.name)).toEqual(exported.map((d) => d.name));
    for (const [i, d] of exported.entries()) {
      const back = defs[i]!;
      expect({ name: back.name, steps: back.steps, test: back.test, returns: back.returns }).toEqual({ name: d.name, steps: d.steps, test: d.test, returns: d.returns });
    }
  });
  it('says why the rest cannot be exported', () => {
    const reasons = new Map(all.map((d) => [d.name, exportability(d)]));
    expect(reasons.get('local_irq_save')).toMatchObject({ ok: false, reason: expect.stringMatching(/IRQ-off/) });
    expect(reasons.get('set_bit')).toMatchObject({ ok: false, reason: expect.stringMatching(/no shifts/) });
    expect(reasons.get('raw_read_seqcount')).toMatchObject({ ok: false, reason: expect.stringMatching(/several steps and a value/) });
    expect(reasons.get('folio_put')).toMatchObject({ ok: true });
  });
  it('writes every test out (no "== old")', () => {
    for (const d of all.filter((x) => x.test !== undefined || x.steps.some((s) => s.op === 'cmpxchg'))) {
      expect(bodyText(d)).not.toMatch(/== old|\?/);
    }
    expect(bodyText(defaultRegistry().lookup('read_seqcount_retry')!)).toBe('({ __fence{rmb}; __load{ONCE}(*s) != start; })');
  });
});

// herd's legacy (pre-lkmmv2) event generation: fences around fully ordered
// RMWs, `once` halves, and every local index remapped.
import { describe, expect, it } from 'vitest';
import { lkmmv1Trace } from '../../src/cat/lkmmv1-events.js';
import type { ThreadEvent, ThreadTrace } from '../../src/events/program.js';

const ev = (e: Partial<ThreadEvent> & Pick<ThreadEvent, 'kind'>): ThreadEvent => ({
  loc: 0, value: 0, rmwClass: false, rmwWrite: -1, addr: [], data: [], ctrl: [], line: 1, col: 1, origin: 'x', ...e,
});

describe('lkmmv1 event generation', () => {
  it('puts an mb fence before the read and after the write of an {MB} RMW, and remaps indices', () => {
    // 0: r = READ_ONCE(a); 1,2: xchg(b, r) (MB); 3: WRITE_ONCE(c, r) with a data dependency on 1.
    const tr: ThreadTrace = {
      events: [
        ev({ kind: 'R', tag: 'ONCE', value: { k: 'r', e: 0 } }),
        ev({ kind: 'R', tag: 'MB', rmwClass: true, rmwWrite: 2, loc: 1, value: { k: 'r', e: 1 }, addr: [0] }),
        ev({ kind: 'W', tag: 'MB', rmwClass: true, loc: 1, value: { k: 'r', e: 0 }, data: [0] }),
        ev({ kind: 'W', tag: 'ONCE', loc: 2, value: { k: 'r', e: 1 }, data: [1], ctrl: [0] }),
      ],
      regs: new Map([['r1', { k: 'r', e: 1 }]]),
      constraints: [{ value: { k: 'r', e: 1 }, truthy: true }],
    };
    const out = lkmmv1Trace(tr);
    expect(out.events.map((e) => `${e.kind}${e.fence ? `[${e.fence}]` : ''}${e.tag ? `:${e.tag}` : ''}`)).toEqual(['R:ONCE', 'F[mb]', 'R:ONCE', 'W:ONCE', 'F[mb]', 'W:ONCE']);
    expect(out.events[2]!.rmwWrite).toBe(3);
    expect(out.events[2]!.value).toEqual({ k: 'r', e: 2 });
    expect(out.events[5]!.data).toEqual([2]);
    expect(out.events[5]!.ctrl).toEqual([0]);
    expect(out.regs.get('r1')).toEqual({ k: 'r', e: 2 });
    expect(out.constraints[0]!.value).toEqual({ k: 'r', e: 2 });
  });

  it('keeps acquire on the read and release on the write only; a void op reads noreturn', () => {
    const pair = (tag: ThreadEvent['tag']): ThreadTrace => ({
      events: [ev({ kind: 'R', tag, rmwClass: true, rmwWrite: 1, value: { k: 'r', e: 0 } }), ev({ kind: 'W', tag, rmwClass: true })],
      regs: new Map(), constraints: [],
    });
    expect(lkmmv1Trace(pair('ACQUIRE')).events.map((e) => e.tag)).toEqual(['ACQUIRE', 'ONCE']);
    expect(lkmmv1Trace(pair('RELEASE')).events.map((e) => e.tag)).toEqual(['ONCE', 'RELEASE']);
    expect(lkmmv1Trace(pair('NORETURN')).events.map((e) => e.tag)).toEqual(['NORETURN', 'ONCE']);
  });

  it('a failed conditional RMW reads once, without fences', () => {
    const tr: ThreadTrace = { events: [ev({ kind: 'R', tag: 'MB', rmwClass: true, value: { k: 'r', e: 0 } })], regs: new Map(), constraints: [] };
    expect(lkmmv1Trace(tr).events.map((e) => `${e.kind}:${e.tag}`)).toEqual(['R:ONCE']);
  });

  it('leaves a trace without RMWs as it is', () => {
    const tr: ThreadTrace = { events: [ev({ kind: 'W', tag: 'ONCE' })], regs: new Map(), constraints: [] };
    expect(lkmmv1Trace(tr)).toBe(tr);
  });
});

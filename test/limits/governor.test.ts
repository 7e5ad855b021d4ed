import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, Governor, LimitStop, parseBytes } from '../../src/limits/governor.js';
import { escapeControls, safeOutput } from '../../src/diagnostics/escape.js';
import { closest } from '../../src/diagnostics/did-you-mean.js';
import { limitMessage } from '../../src/engine/limit-words.js';

describe('Governor', () => {
  it('stops at the deadline on the first check after it', () => {
    const g = new Governor({ deadline: Date.now() - 1, timeoutMs: 5 });
    expect(() => g.check()).toThrow(LimitStop);
    try {
      g.check();
    } catch (e) {
      expect((e as LimitStop).kind).toBe('timeout');
      expect((e as LimitStop).limit).toBe(5);
    }
  });
  it('ticks check every 256th call only', () => {
    const g = new Governor({ deadline: Date.now() - 1, timeoutMs: 5 });
    for (let i = 0; i < 255; i++) g.tick();
    expect(() => g.tick()).toThrow(LimitStop);
  });
  it('stops at the memory budget', () => {
    const g = new Governor({ maxMemory: 1024 });
    expect(() => g.check()).toThrow(/memory budget/);
    try {
      g.check();
    } catch (e) {
      expect((e as LimitStop).kind).toBe('memory');
    }
  });
  it('passes without limits', () => {
    const g = new Governor();
    expect(() => { g.check(); g.checkAll(); }).not.toThrow();
    expect(g.remainingMs()).toBe(Infinity);
  });
  it('carries its limits as plain data', () => {
    const g = Governor.forTimeout(1000, 2 ** 30);
    const copy = new Governor(JSON.parse(JSON.stringify(g.limits())) as object);
    expect(copy.deadline).toBe(g.deadline);
    expect(copy.maxMemory).toBe(2 ** 30);
  });
});

describe('sizes and counts in words', () => {
  it('parses byte sizes', () => {
    expect(parseBytes('512M')).toBe(512 * 2 ** 20);
    expect(parseBytes('4GiB')).toBe(4 * 2 ** 30);
    expect(parseBytes('1.5g')).toBe(1.5 * 2 ** 30);
    expect(parseBytes('100000')).toBe(100000);
    expect(parseBytes('lots')).toBeUndefined();
    expect(parseBytes('0')).toBeUndefined();
  });
  it('formats them', () => {
    expect(formatBytes(4 * 2 ** 30)).toBe('4 GiB');
    expect(formatBytes(1536 * 2 ** 20)).toBe('1.5 GiB');
    expect(formatCount(1_234_567)).toBe('1.2M');
    expect(formatCount(512)).toBe('512');
  });
  it('words a limit with its option, phase and work done', () => {
    expect(limitMessage({ kind: 'memory', limit: 4 * 2 ** 30, phase: 'search', candidates: 1_200_000 })).toBe('memory 4 GiB (--max-memory) reached, after 1.2M candidate executions');
    expect(limitMessage({ kind: 'timeout', limit: 5000, phase: 'choices', candidates: 0 })).toBe('stopped after 5000 ms (--timeout) while enumerating reads-from and coherence choices');
    expect(limitMessage({ kind: 'max-executions', limit: 20 })).toBe('stopped after 20 candidate executions (--max-executions)');
  });
});

describe('terminal safety', () => {
  it('escapes control characters in user text', () => {
    expect(escapeControls('a\u001b]0;title\u0007b\tc')).toBe('a\\u001b]0;title\\u0007b\tc');
  });
  it('lets colour sequences through output, and nothing else', () => {
    expect(safeOutput('\u001b[31mred\u001b[39m\n', true)).toBe('\u001b[31mred\u001b[39m\n');
    expect(safeOutput('\u001b[2J\u001b]8;;http://x\u0007', true)).toBe('\\u001b[2J\\u001b]8;;http://x\\u0007');
    expect(safeOutput('\u001b[31m', false)).toBe('\\u001b[31m');
  });
});

describe('suggestions', () => {
  it('give up on very long names at once', () => {
    const t = performance.now();
    expect(closest('q'.repeat(40_000), ['READ_ONCE', 'WRITE_ONCE'])).toBeUndefined();
    expect(performance.now() - t).toBeLessThan(100);
    expect(closest('READ_ONC', ['READ_ONCE', 'WRITE_ONCE'])).toBe('READ_ONCE');
  });
});

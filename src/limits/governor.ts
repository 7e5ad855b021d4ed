// The resource governor of one test: a deadline and a memory budget, checked
// by every phase that can grow (reading, parsing, macro expansion, path
// building, reads-from and coherence enumeration, the search, settling,
// explanations, fix and weaken). A phase that passes a limit throws
// LimitStop, which carries the limit's kind and numbers; the caller records
// what had been done, and the CLI words it.
//
// Checks are cheap and allocation-free: `tick()` is a counter that checks the
// clock and the V8 heap every 256 calls (about half a microsecond), and the
// process's resident set (which covers helper threads' heaps and typed
// arrays, but is slow to read) every 16th such check, at most every 50 ms
// across the process. `check()`
// checks at once; phases call it at their boundaries, so small tests that
// tick rarely are still checked.
import { getHeapStatistics } from 'node:v8';
import { totalmem } from 'node:os';

/** `choices`: the per-location bound on candidates explanations enumerate (MAX_ALL_CHOICES). */
export type LimitKind = 'timeout' | 'max-executions' | 'memory' | 'choices';

/** What a governor enforces, as plain data (it crosses to helper threads). */
export interface GovernorLimits {
  /** Absolute deadline (Date.now() milliseconds). */
  deadline?: number;
  /** The time limit the deadline came from, in milliseconds (for messages). */
  timeoutMs?: number;
  /** Memory budget in bytes (default defaultMaxMemory()). */
  maxMemory?: number;
}

/**
 * The resident set (a process-wide figure: 15 us a read on a quiet machine,
 * over a millisecond on a loaded one) is read at most this often, whichever
 * governor asks: a test explores many small path combinations, and a run
 * may hold many governors. The V8 heap, read at every check, bounds growth
 * in between.
 */
const RSS_INTERVAL_MS = 50;
let rssReadAt = -Infinity;

/**
 * The default memory budget: half of physical memory, at most 4 GiB. Read
 * when asked, not when the module loads: litmus-herd7's start-up snapshot
 * holds the heap of the machine that built it.
 */
export function defaultMaxMemory(): number {
  return Math.min(4 * 2 ** 30, Math.floor(machine().totalmem / 2));
}

/**
 * Physical memory and V8's heap limit, read once per process (each read
 * costs tens of microseconds, and a run makes one governor per test). A
 * process started from the snapshot has another pid than the one that made
 * it, so it reads its own.
 */
let machineFacts: { pid: number; totalmem: number; heapLimit: number } | undefined;
function machine(): { totalmem: number; heapLimit: number } {
  if (machineFacts?.pid !== process.pid) {
    machineFacts = { pid: process.pid, totalmem: totalmem(), heapLimit: getHeapStatistics().heap_size_limit };
  }
  return machineFacts;
}

/**
 * V8 aborts the process past its heap limit: the governor stops a test when
 * the heap reaches this share of it, whatever the budget.
 */
const HEAP_SHARE = 0.85;

/** A test stops at this share of the memory budget (what is allocated between two checks stays within it). */
const BUDGET_SHARE = 0.9;

/** A limit was reached. `limit` is in milliseconds (timeout), candidates (max-executions) or bytes (memory). */
export class LimitStop extends Error {
  constructor(readonly kind: LimitKind, readonly limit: number, message: string) {
    super(message);
  }
}

export class Governor {
  readonly deadline: number;
  readonly timeoutMs: number | undefined;
  readonly maxMemory: number;
  private readonly heapCap: number;
  /** The budget less a margin for what is allocated between two checks. */
  private readonly stopAt: number;
  private ticks = 0;
  private checks = 0;

  constructor(limits: GovernorLimits = {}) {
    this.deadline = limits.deadline ?? Infinity;
    this.timeoutMs = limits.timeoutMs;
    this.maxMemory = limits.maxMemory ?? defaultMaxMemory();
    this.heapCap = Math.floor(machine().heapLimit * HEAP_SHARE);
    this.stopAt = Math.floor(this.maxMemory * BUDGET_SHARE);
  }

  /** A governor whose deadline is `timeoutMs` from now. */
  static forTimeout(timeoutMs: number | undefined, maxMemory?: number): Governor {
    return new Governor({
      ...(timeoutMs !== undefined ? { deadline: Date.now() + timeoutMs, timeoutMs } : {}),
      ...(maxMemory !== undefined ? { maxMemory } : {}),
    });
  }

  /** The limits as plain data (for another governor, e.g. in a helper thread). */
  limits(): GovernorLimits {
    return {
      ...(this.deadline !== Infinity ? { deadline: this.deadline } : {}),
      ...(this.timeoutMs !== undefined ? { timeoutMs: this.timeoutMs } : {}),
      maxMemory: this.maxMemory,
    };
  }

  /** Milliseconds left before the deadline (Infinity without one). */
  remainingMs(): number {
    return this.deadline === Infinity ? Infinity : Math.max(0, this.deadline - Date.now());
  }

  /** Counts one unit of work; every 256th checks the limits. */
  tick(): void {
    if ((++this.ticks & 255) === 0) this.check();
  }

  /** Checks the deadline now, and counts a tick (for the memory budget). */
  checkTime(): void {
    if (Date.now() > this.deadline) throw this.timeout();
    this.tick();
  }

  /** Checks the deadline and the memory budget now. */
  check(): void {
    if (Date.now() > this.deadline) throw this.timeout();
    const h = getHeapStatistics();
    if (h.used_heap_size > this.heapCap || h.used_heap_size + h.external_memory > this.stopAt) throw this.memory();
    if ((++this.checks & 15) === 0) this.checkRss(Date.now());
  }

  /**
   * Checks the resident set too (after a phase that allocated much): at
   * once, unless it was read in the last few milliseconds (a search that
   * visits thousands of small path combinations calls this for each).
   */
  checkAll(): void {
    this.check();
    this.checkRss(Date.now());
  }

  /** The resident set against the budget, unless it was read less than RSS_INTERVAL_MS ago. */
  private checkRss(now: number): void {
    if (now - rssReadAt < RSS_INTERVAL_MS) return;
    rssReadAt = now;
    if (process.memoryUsage.rss() > this.stopAt) throw this.memory();
  }

  timeout(): LimitStop {
    return new LimitStop('timeout', this.timeoutMs ?? 0, `stopped after ${this.timeoutMs ?? 0} ms`);
  }

  memory(): LimitStop {
    const cap = Math.min(this.maxMemory, this.heapCap);
    return new LimitStop('memory', cap, `stopped at the memory budget of ${formatBytes(cap)}`);
  }
}

/** 4294967296 -> "4 GiB", 536870912 -> "512 MiB". */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let u = 0;
  let v = n;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const s = Number.isInteger(v) ? String(v) : v.toFixed(1).replace(/\.0$/, '');
  return `${s} ${units[u]}`;
}

/** 1234567 -> "1.2M", 4321 -> "4.3k", 512 -> "512". */
export function formatCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1).replace(/\.0$/, '')}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1).replace(/\.0$/, '')}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1).replace(/\.0$/, '')}k`;
  return String(n);
}

/** Parses a byte size: 512M, 4G, 4GiB, 1.5g, 100000 (bytes). Undefined when invalid. */
export function parseBytes(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?\s*$/i.exec(text);
  if (!m) return undefined;
  const mult = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  const n = Math.floor(Number(m[1]) * mult);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

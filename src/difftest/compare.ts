// Compares what herd7 and litmus-check said about one test.
import type { HerdBlock } from './herd-output.js';

export type Outcome =
  | { kind: 'ok'; block: HerdBlock; text: string; warnings: string[] }
  | { kind: 'error'; message: string; text: string }
  /** The tool gave no answer within its time (or stopped at a limit). */
  | { kind: 'timeout'; text: string }
  /** The tool failed in a way that is not an answer about the test. */
  | { kind: 'crash'; message: string; text: string };

/** In the order of importance: the first is a divergence's main kind. */
export const DIVERGENCE_KINDS = ['error-herd-only', 'error-lc-only', 'verdict', 'states', 'counts', 'flags', 'loop'] as const;
export type DivergenceKind = (typeof DIVERGENCE_KINDS)[number];

export type Comparison =
  | { status: 'agree' }
  | { status: 'diverge'; kinds: DivergenceKind[] }
  /** No comparison possible (a timeout or crash on one side). */
  | { status: 'skip'; reason: 'herd-timeout' | 'lc-timeout' | 'herd-crash' | 'lc-crash' | 'herd-too-old' };

/**
 * herd7 7.58 cannot size a `spinlock_t` declared in the init section, which newer
 * herd7 and the kernel's own tests accept: not a divergence to fix here.
 */
const herdTooOld = /Cannot find the size of type spinlock_t/;

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function compareOutcomes(herd: Outcome, lc: Outcome): Comparison {
  if (herd.kind === 'timeout') return { status: 'skip', reason: 'herd-timeout' };
  if (herd.kind === 'crash') return { status: 'skip', reason: 'herd-crash' };
  if (lc.kind === 'crash') return { status: 'skip', reason: 'lc-crash' };
  if (herd.kind === 'error' && herdTooOld.test(herd.message)) return { status: 'skip', reason: 'herd-too-old' };
  if (herd.kind === 'error' && lc.kind === 'error') return { status: 'agree' };
  if (herd.kind === 'error') return { status: 'diverge', kinds: ['error-herd-only'] };
  if (lc.kind === 'timeout') return { status: 'skip', reason: 'lc-timeout' };
  if (lc.kind === 'error') return { status: 'diverge', kinds: ['error-lc-only'] };
  const h = herd.block, l = lc.block;
  const kinds: DivergenceKind[] = [];
  if (h.verdict !== l.verdict || h.ok !== l.ok || h.kind !== l.kind) kinds.push('verdict');
  if (!sameList(h.states, l.states)) kinds.push('states');
  if (h.positive !== l.positive || h.negative !== l.negative) kinds.push('counts');
  if (!sameList(h.flags, l.flags)) kinds.push('flags');
  if (h.loop !== l.loop) kinds.push('loop');
  return kinds.length ? { status: 'diverge', kinds } : { status: 'agree' };
}

// A limit hit in words, with the option that sets it. The explorer reports a
// limit as a kind and numbers (LimitHit); this is where it becomes a message.
import type { LimitHit, LimitPhase } from '../explore/result.js';
import { formatBytes, formatCount } from '../limits/governor.js';

export type { LimitPhase } from '../explore/result.js';

const PHASE_WORDS: Record<LimitPhase, string> = {
  reading: 'reading the file',
  parsing: 'parsing',
  paths: 'building the paths of the threads (loop unrolling)',
  choices: 'enumerating reads-from and coherence choices',
  search: '',
  settle: 'settling the verdict',
  explain: 'building the explanation',
  fix: 'searching for a fix',
};

/** "stopped after 5000 ms (--timeout) while ..., after 1.2M candidate executions". */
export function limitMessage(h: Pick<LimitHit, 'kind' | 'limit' | 'phase' | 'candidates'>): string {
  const where = h.phase && PHASE_WORDS[h.phase] ? ` while ${PHASE_WORDS[h.phase]}` : '';
  const after = h.candidates ? `, after ${formatCount(h.candidates)} candidate execution${h.candidates === 1 ? '' : 's'}` : '';
  switch (h.kind) {
    case 'max-executions':
      return `stopped after ${h.limit ?? 0} candidate executions (--max-executions)`;
    case 'timeout':
      return `stopped after ${h.limit ?? 0} ms (--timeout)${where}${after}`;
    case 'choices':
      return `stopped: a location has more than ${h.limit ?? 0} candidate (rf, co) choices, and explanations enumerate incoherent ones too`;
    case 'memory':
      return `memory ${formatBytes(h.limit ?? 0)} (--max-memory) reached${where}${after}`;
  }
}

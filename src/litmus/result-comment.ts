// The `Result:` comment, read exactly as the kernel's
// tools/memory-model/scripts/judgelitmus.sh reads it: the first line matching
// `^[( ]\* Result: `, whose third whitespace-separated field is the expected
// outcome; `DATARACE` later on that line predicts a data race.
//
// `Result: Flag NAME` (used by a few tests) predicts that herd raises flag NAME
// and says nothing about the verdict; judgelitmus has no special case for it,
// so we record `flag: NAME` and `expected: 'Maybe'` (any verdict is acceptable).
// An unknown outcome word gives a warning and no ResultComment.

import type { Expected, Range, ResultComment } from './ast.js';
import type { LineMap } from '../diagnostics/source-position.js';
import { closest } from '../diagnostics/did-you-mean.js';

const EXPECTED: readonly Expected[] = ['Never', 'Sometimes', 'Always', 'Maybe', 'DEADLOCK'];
const LINE = /^[( ]\* Result: /;

export interface ResultScan {
  result?: ResultComment;
  problem?: { code: string; message: string; range: Range };
}

export function scanResultComment(source: string, lines: LineMap): ResultScan {
  let offset = 0;
  while (offset <= source.length) {
    const nl = source.indexOf('\n', offset);
    const end = nl < 0 ? source.length : nl;
    const line = source.slice(offset, end).replace(/\r$/, '');
    if (LINE.test(line)) {
      const textStart = offset + line.indexOf('Result:');
      let text = line.slice(line.indexOf('Result:') + 'Result:'.length).trim();
      text = text.replace(/\s*\*\)\s*$/, '').replace(/\s*\*\/\s*$/, '').trim();
      const fields = text.split(/\s+/).filter((f) => f.length > 0);
      const word = fields[0] ?? '';
      const range = lines.range(textStart, offset + line.replace(/\s+$/, '').length);
      if (word === 'Flag') {
        const flag = fields[1];
        if (!flag) return { problem: { code: 'bad-result', message: "'Result: Flag' needs a flag name", range } };
        return { result: { expected: 'Maybe', datarace: false, flag, text, range } };
      }
      if (!(EXPECTED as readonly string[]).includes(word)) {
        const near = closest(word, [...EXPECTED, 'Flag']);
        return {
          problem: {
            code: 'bad-result',
            message: `unknown outcome '${word}' in the Result: comment (${near ? `did you mean ${near}? ` : ''}expected ${EXPECTED.join(', ')} or Flag NAME)`,
            range,
          },
        };
      }
      return { result: { expected: word as Expected, datarace: /\sDATARACE/.test(text), text, range } };
    }
    if (nl < 0) break;
    offset = nl + 1;
  }
  return {};
}

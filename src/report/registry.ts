// Output formats by name. Every formatter is a pure function of the results
// and the context; commands pick one with --format.
import type { RunResult } from '../explore/result.js';
import { formatHerdAll } from './herd.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMail } from './mail.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';
import type { FormatContext, Formatter } from './format-context.js';

export type { FormatContext, Formatter } from './format-context.js';

export interface FormatterEntry {
  name: FormatName;
  description: string;
  format: Formatter;
  /**
   * True when formatting the results one by one and joining the pieces with
   * `separator` gives the same text as formatting them together (without
   * judgements), so `run` can print each test as soon as it is done.
   */
  streamable: boolean;
  separator: string;
  /** Whether tests that could not be run belong in this format's output (else only on stderr). */
  includesErrors: boolean;
}

export const FORMAT_NAMES = ['text', 'herd', 'json', 'junit', 'sarif', 'mail'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export const formatters: Record<FormatName, FormatterEntry> = {
  text: { name: 'text', description: 'readable, coloured on a terminal', format: formatText, streamable: true, separator: '\n', includesErrors: false },
  herd: { name: 'herd', description: "herd7's output, as the kernel's scripts read it", format: (rs) => formatHerdAll(rs), streamable: true, separator: '', includesErrors: false },
  json: { name: 'json', description: 'JSON, schemaVersion 1 (docs/reporting.md)', format: formatJson, streamable: false, separator: '', includesErrors: true },
  junit: { name: 'junit', description: 'JUnit XML for CI test reports', format: formatJunit, streamable: false, separator: '', includesErrors: true },
  sarif: { name: 'sarif', description: 'SARIF 2.1.0 for code scanning', format: formatSarif, streamable: false, separator: '', includesErrors: true },
  mail: { name: 'mail', description: 'plain text to paste into a mailing-list reply', format: formatMail, streamable: true, separator: '\n', includesErrors: true },
};

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

export function getFormatter(name: string): FormatterEntry {
  if (!isFormatName(name)) throw new Error(`unknown format '${name}' (expected one of ${FORMAT_NAMES.join(', ')})`);
  return formatters[name];
}

export function format(name: string, results: RunResult[], ctx: FormatContext): string {
  return getFormatter(name).format(results, ctx);
}

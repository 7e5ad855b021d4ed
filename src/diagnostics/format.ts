// `path:line:col: severity: message [code]` followed by a code frame.

import { Chalk } from 'chalk';
import { codeFrame } from './codeframe.js';
import type { Diagnostic } from './diagnostic.js';
import { escapeControls } from './escape.js';

export interface FormatOptions {
  color: boolean;
  /** Omit the code frame (one line per diagnostic). */
  frame?: boolean;
}

export function formatDiagnostic(d: Diagnostic, source: string, opts: FormatOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const sev = d.severity === 'error' ? c.red.bold('error') : d.severity === 'warning' ? c.yellow.bold('warning') : c.cyan.bold('note');
  const head = `${c.bold(`${escapeControls(d.file)}:${d.range.start.line}:${d.range.start.col}:`)} ${sev}: ${escapeControls(d.message)} ${c.dim(`[${d.code}]`)}`;
  if (opts.frame === false || source.length === 0) return head;
  const marker = d.severity === 'error' ? c.red.bold : d.severity === 'warning' ? c.yellow.bold : c.cyan.bold;
  return `${head}\n${codeFrame(source, d.range, { gutter: (s) => c.blue(s), marker: (s) => marker(s) })}`;
}

/** Every diagnostic, each followed by a newline. */
export function formatDiagnostics(diags: readonly Diagnostic[], source: string, opts: FormatOptions): string {
  return diags.map((d) => formatDiagnostic(d, source, opts) + '\n').join('');
}

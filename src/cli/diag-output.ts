import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic } from '../diagnostics/format.js';

/** Formats a file's diagnostics with code frames (reading the source once). */
export function formatDiagnosticsFor(file: string, diags: readonly Diagnostic[], color = false): string {
  let source = '';
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    source = '';
  }
  return diags.map((d) => formatDiagnostic(d, source, { color }) + '\n').join('');
}

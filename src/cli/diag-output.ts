import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic } from '../diagnostics/format.js';

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Formats a file's diagnostics with code frames (reading the source once; a diagnostic in another file, such as a model's, reads that one). */
export function formatDiagnosticsFor(file: string, diags: readonly Diagnostic[], color = false): string {
  const source = read(file);
  return diags.map((d) => formatDiagnostic(d, d.file === file ? source : read(d.file), { color }) + '\n').join('');
}

import type { Range } from './source-position.js';

export type Severity = 'error' | 'warning' | 'note';

/** One located message about a litmus file. `code` is a stable kebab-case identifier. */
export interface Diagnostic {
  severity: Severity;
  code: string;
  message: string;
  file: string;
  range: Range;
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

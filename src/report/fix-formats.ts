// The output formats of `fix` and `weaken`, by name.
import type { FixReport, WeakenReport } from '../fix/fix-records.js';
import { formatFixJson, formatWeakenJson } from './fix-json.js';
import { formatFixMail, formatWeakenMail } from './fix-mail.js';
import { formatFixText, formatWeakenText } from './fix-text.js';
import type { FormatContext } from './format-context.js';

export const FIX_FORMAT_NAMES = ['text', 'json', 'mail'] as const;
export type FixFormatName = (typeof FIX_FORMAT_NAMES)[number];

export interface FixFormatter {
  fix(r: FixReport, ctx: FormatContext): string;
  weaken(r: WeakenReport, ctx: FormatContext): string;
}

export const fixFormatters: Record<FixFormatName, FixFormatter> = {
  text: { fix: formatFixText, weaken: formatWeakenText },
  json: { fix: formatFixJson, weaken: formatWeakenJson },
  mail: { fix: formatFixMail, weaken: formatWeakenMail },
};

export function getFixFormatter(name: string): FixFormatter {
  if (!(FIX_FORMAT_NAMES as readonly string[]).includes(name)) throw new Error(`unknown format '${name}' (expected one of ${FIX_FORMAT_NAMES.join(', ')})`);
  return fixFormatters[name as FixFormatName];
}

// Control characters from user input (test names, source lines, messages)
// must not reach a terminal raw: an escape sequence there can clear the
// screen, set the window title or plant a hyperlink. They are shown as
// `\u001b` (which also reads back as the same character in JSON strings).

/** C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides and line separators. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** C0/C1 controls but tab, newline and carriage return, except colour (SGR) sequences when `allowColor`. */
const CONTROL_OUT = /\u001b\[[0-9;]*m|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function escapeChar(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `s` with every control character but tab and newline escaped. */
export function escapeControls(s: string): string {
  return s.replace(CONTROL, escapeChar);
}

/**
 * Output for a terminal or a file: control characters escaped, except
 * newline, tab and carriage return, and (when `allowColor`) the colour
 * sequences the formatters write themselves.
 */
export function safeOutput(s: string, allowColor: boolean): string {
  CONTROL_OUT.lastIndex = 0;
  if (!CONTROL_OUT.test(s)) return s;
  return s.replace(CONTROL_OUT, (m) => (m.length > 1 && allowColor ? m : m.length > 1 ? escapeChar(m[0]!) + m.slice(1) : escapeChar(m)));
}

// What the fuzz script checks of one run's output: the exit code, no stack
// trace, no "internal error", and output that parses in the format asked for
// (JSON, SARIF 2.1.0, JUnit XML with every attribute and entity well formed).

const ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/;

/** The first problem of an XML document, or undefined. */
export function xmlProblem(s) {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(s)) return 'a character XML cannot carry';
  const re = /<\?[^?]*\?>|<!--[\s\S]*?-->|<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*\s*=\s*"[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  const stack = [];
  let roots = 0;
  for (const m of s.matchAll(re)) {
    if (m[6]) return `a stray '<' at ${m.index}`;
    if (m[5] !== undefined) {
      if (ENTITY.test(m[5])) return `a bare '&' in text at ${m.index}`;
      if (stack.length === 0 && m[5].trim()) return `text outside the root at ${m.index}`;
      continue;
    }
    if (!m[2]) continue;
    const attrs = m[3] ?? '';
    if (/\n|\r|\t/.test(attrs)) return `a raw newline or tab in an attribute of <${m[2]}> (it would read as a space)`;
    if (ENTITY.test(attrs)) return `a bare '&' in an attribute of <${m[2]}>`;
    // Names only: an attribute's value may hold `a=b` itself.
    const names = [...attrs.matchAll(/([A-Za-z_][\w.-]*)\s*=\s*"[^"<]*"/g)].map((a) => a[1]);
    if (new Set(names).size !== names.length) return `a repeated attribute in <${m[2]}>`;
    if (m[1]) {
      if (stack.pop() !== m[2]) return `</${m[2]}> does not close the open element`;
    } else if (!m[4]) {
      if (stack.length === 0) roots++;
      stack.push(m[2]);
    } else if (stack.length === 0) roots++;
  }
  if (stack.length) return `<${stack[stack.length - 1]}> is not closed`;
  if (roots !== 1) return `${roots} root elements`;
  return undefined;
}

/** Problems with one run: `format` is the --format given (undefined: text). */
export function runProblems({ code, out, err, ms, threw }, { format, limitMs }) {
  const problems = [];
  if (threw) problems.push(`main threw: ${threw}`);
  if (![0, 1, 2].includes(code)) problems.push(`exit code ${code}`);
  const both = `${out}\n${err}`;
  if (/internal error/i.test(both)) problems.push(`internal error: ${both.match(/[^\n]*internal error[^\n]*/i)[0].slice(0, 200)}`);
  if (/\n\s+at [^\n]+:\d+:\d+\)?(\n|$)/.test(both)) problems.push('a stack trace');
  if (ms > limitMs) problems.push(`took ${Math.round(ms)} ms (limit ${limitMs})`);
  if (out.trim() && (format === 'json' || format === 'sarif')) {
    try {
      const j = JSON.parse(out);
      if (format === 'sarif' && (j.version !== '2.1.0' || !Array.isArray(j.runs))) problems.push('SARIF without version 2.1.0 and runs');
    } catch (e) {
      problems.push(`invalid ${format}: ${e.message}`);
    }
  }
  if (out.trim() && format === 'junit') {
    const p = xmlProblem(out);
    if (p) problems.push(`invalid JUnit XML: ${p}`);
  }
  return problems;
}

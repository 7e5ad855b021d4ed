// JUnit XML (the dialect Jenkins, GitLab and GitHub test reporters read):
// one <testcase> per file, classname = the file's directory, name = the test
// name. A mismatch is a <failure> naming the Result comment's file:line; a
// test that could not be run (parse error, limit, missing Result comment with
// --require-result) is an <error>; a test without a Result comment is <skipped>.
import { BUILTIN_MODEL } from '../model/model-label.js';
import { dirname } from 'node:path';
import type { RunResult } from '../explore/result.js';
import { judgementOf, summarize, type Judgement } from './judgements.js';
import type { FormatContext } from './format-context.js';
import { testName } from './util.js';
import { herdReproductionLines } from './reproduction-lines.js';

// Characters XML 1.0 cannot carry at all are dropped.
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(s: string): string {
  return s
    .replace(INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** An attribute: also newlines, tabs and carriage returns as references (a parser would turn them into spaces). */
const attr = (name: string, value: string | number): string =>
  ` ${name}="${xmlEscape(String(value)).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')}"`;

function errorType(r: RunResult, j: Judgement): string {
  if (r.status === 'error') return r.diagnostics.find((d) => d.severity === 'error')?.code === 'io' ? 'io-error' : 'parse-error';
  if (r.status === 'limit') return 'limit';
  if (!r.expected) return 'missing-result';
  return j.status;
}

function testcase(r: RunResult, j: Judgement): string {
  const line = j.line ?? r.diagnostics.find((d) => d.severity === 'error')?.range.start.line;
  const where = line !== undefined ? `${r.file}:${line}` : r.file;
  const open =
    `    <testcase${attr('classname', dirname(r.file))}${attr('name', testName(r))}${attr('file', r.file)}` +
    `${line !== undefined ? attr('line', line) : ''}${attr('time', r.seconds.toFixed(3))}`;
  const repro = herdReproductionLines(r);
  const out = repro.length ? `\n      <system-out>${xmlEscape(repro.join('\n'))}</system-out>` : '';
  if (j.status === 'pass') return out ? `${open}>${out}\n    </testcase>` : `${open}/>`;
  const body = j.reasons.map((why) => `${where}: ${why}`).join('\n');
  let inner: string;
  if (j.status === 'fail') {
    const message = `${where}: Result: ${j.expected ?? ''}, observed ${j.actual ?? ''}`;
    inner = `      <failure${attr('message', message)}${attr('type', 'mismatch')}>${xmlEscape(body)}</failure>`;
  } else if (j.status === 'error') {
    inner = `      <error${attr('message', j.reasons[0] ?? 'error')}${attr('type', errorType(r, j))}>${xmlEscape(j.reasons.join('\n'))}</error>`;
  } else {
    inner = `      <skipped${attr('message', `${r.file}: no Result: comment; observed ${j.actual ?? ''}`)}/>`;
  }
  return `${open}>\n${inner}${out}\n    </testcase>`;
}

export function formatJunit(results: RunResult[], ctx: FormatContext): string {
  const js = results.map(judgementOf);
  const s = summarize(js);
  const time = results.reduce((t, r) => t + r.seconds, 0).toFixed(3);
  const counts = `${attr('tests', s.tests)}${attr('failures', s.failed)}${attr('errors', s.errors)}${attr('skipped', s.unjudged)}${attr('time', time)}`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attr('name', 'litmus-check')}${counts}>`,
    `  <testsuite${attr('name', 'litmus-check')}${counts}>`,
    `    <properties>`,
    `      <property${attr('name', 'version')}${attr('value', ctx.version)}/>`,
    `      <property${attr('name', 'model')}${attr('value', ctx.model ?? BUILTIN_MODEL)}/>`,
    `      <property${attr('name', 'command')}${attr('value', ctx.commandLine)}/>`,
    `    </properties>`,
    ...results.map((r, i) => testcase(r, js[i]!)),
    '  </testsuite>',
    '</testsuites>',
  ];
  return lines.join('\n') + '\n';
}

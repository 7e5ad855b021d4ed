// Entry point of the front end: source text -> LitmusTest + diagnostics.
//
//   header.ts        `C name`, doc string, key=value lines (hand-written scanner)
//   lexer.ts         the tokens of the rest (the header is blanked out, so offsets hold)
//   scanner.ts       finds them, as chevrotain's lexer would from lexer.ts
//   fast-parser.ts   the CST of a well-formed test, by hand
//   parser.ts        chevrotain CstParser: the grammar, and the errors of the rest
//   visitor*.ts      CST -> AST
//   result-comment   the judgelitmus `Result:` line
//   checks.ts        semantic errors and warnings
//
// parseLitmus never throws: an internal failure becomes an error at 1:1.

import { extensionNote } from './extensions.js';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import type { PrimitiveRegistry } from '../kernel/primitives.js';
import type { LitmusTest, LocRef, Range } from './ast.js';
import { checkTest } from './checks.js';
import { child, needTok, nodes } from './cst.js';
import { scanHeader } from './header.js';
import { BlockComment, OcamlComment } from './lexer.js';
import { scanLitmus } from './scanner.js';
import { parseFast } from './fast-parser.js';
import { litmusParser, type CstNode } from './parser.js';
import type { IToken } from 'chevrotain';
import { LineMap } from '../diagnostics/source-position.js';
import { scanResultComment } from './result-comment.js';
import { describeSyntaxError } from './syntax-errors.js';
import { checkTokenSizes } from './size-check.js';
import { defaultCondition, visitCondition, visitFilter, visitLocations } from './visitor-cond.js';
import { visitInit, visitProcess, type VisitCtx } from './visitor.js';

export interface ParseResult {
  test?: LitmusTest;
  diagnostics: Diagnostic[];
}

const MAX_LEX_ERRORS = 10;

/** `registry` is the vocabulary calls are checked against (default: the built-in one). */
export function parseLitmus(source: string, file: string, registry?: PrimitiveRegistry): ParseResult {
  try {
    return parseUnsafe(String(source), file, registry);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const at = { line: 1, col: 1, offset: 0 };
    const range = { start: at, end: at };
    if (e instanceof RangeError && /call stack/i.test(msg)) {
      return { diagnostics: [{ severity: 'error', code: 'too-deep', message: 'the file is nested too deeply to parse', file, range }] };
    }
    return { diagnostics: [{ severity: 'error', code: 'internal', message: `internal error while parsing: ${msg}`, file, range }] };
  }
}

function ocamlCommentClosed(image: string): boolean {
  let level = 0;
  for (let i = 0; i < image.length; i++) {
    if (image[i] === '(' && image[i + 1] === '*') {
      level++;
      i++;
    } else if (image[i] === '*' && image[i + 1] === ')') {
      level--;
      i++;
      if (level === 0) return i === image.length - 1;
    }
  }
  return false;
}

function parseUnsafe(source: string, file: string, registry: PrimitiveRegistry | undefined): ParseResult {
  const lines = new LineMap(source);
  const diagnostics: Diagnostic[] = [];
  const add = (severity: Severity, code: string, message: string, range: Range): void => {
    diagnostics.push({ severity, code, message, file, range });
  };

  const header = scanHeader(source, lines);
  for (const p of header.problems) add(p.severity, p.code, p.message, p.range);
  if (!header.ok) return { diagnostics };

  // Blank the header out (keeping newlines) so token offsets are file offsets.
  const masked = source.slice(0, header.end).replace(/[^\n]/g, ' ') + source.slice(header.end);
  const lexed = scanLitmus(masked);
  let lexFailed = false;
  let lastEnd = -1;
  let reported = 0;
  for (const err of lexed.errors) {
    lexFailed = true;
    if (err.offset < lastEnd) continue;
    lastEnd = err.offset + err.length;
    if (reported++ >= MAX_LEX_ERRORS) continue;
    const text = source.slice(err.offset, err.offset + Math.min(err.length, 20));
    add('error', 'syntax', `unexpected character${err.length > 1 ? 's' : ''} '${text}'`, lines.range(err.offset, err.offset + err.length));
  }
  let unterminatedAt = Infinity;
  for (const c of lexed.comments) {
    const closed =
      c.tokenType === BlockComment ? c.image.length >= 4 && c.image.endsWith('*/') : c.tokenType === OcamlComment ? ocamlCommentClosed(c.image) : true;
    if (!closed) {
      lexFailed = true;
      unterminatedAt = Math.min(unterminatedAt, c.startOffset);
      add('error', 'unterminated-comment', 'unterminated comment', lines.range(c.startOffset, c.startOffset + 2));
    }
  }

  // Sizes past the limits are refused before the parser's recursion meets them.
  const sizes = checkTokenSizes(lexed.tokens, lines);
  for (const p of sizes) add('error', 'too-large', p.message, p.range);
  if (sizes.length > 0) return { diagnostics: sortDiagnostics(diagnostics) };

  // Well-formed input takes the hand-written parser; the rest goes to
  // chevrotain's, which reports the error.
  const cst = (lexFailed ? undefined : parseFast(lexed.tokens)) ?? parseWithChevrotain(lexed.tokens, add, lines, source.length, unterminatedAt);
  if (lexFailed || !cst) return { diagnostics: sortDiagnostics(diagnostics) };

  const ctx: VisitCtx = { lines, problems: [] };
  const locations: LocRef[] = nodes(cst, 'locationsClause').flatMap((n) => visitLocations(ctx, n));
  const filters = nodes(cst, 'filterClause');
  for (const extra of filters.slice(1)) {
    const kw = needTok(extra, 'Filter');
    add('error', 'syntax', "only one 'filter' clause is allowed", lines.range(kw.startOffset, kw.startOffset + kw.image.length));
  }
  const initNode = child(cst, 'init')!;
  const initOpen = needTok(initNode, 'LBrace');
  const condNode = child(cst, 'conditionClause');
  const lastTok = lexed.tokens[lexed.tokens.length - 1];
  const eof = lastTok ? lastTok.startOffset + lastTok.image.length : source.length;
  const test: LitmusTest = {
    file,
    source,
    arch: header.arch,
    name: header.name,
    nameRange: header.nameRange,
    info: header.info,
    initRange: lines.range(initOpen.startOffset, needTok(initNode, 'RBrace').startOffset + 1),
    init: visitInit(ctx, initNode),
    processes: nodes(cst, 'process').map((p) => visitProcess(ctx, p)),
    locations,
    condition: condNode ? visitCondition(ctx, condNode) : defaultCondition(ctx, eof),
  };
  if (header.doc !== undefined) test.doc = header.doc;
  if (filters[0]) test.filter = visitFilter(ctx, filters[0]);
  const res = scanResultComment(source, lines);
  if (res.result) test.result = res.result;
  if (res.problem) add('warning', res.problem.code, res.problem.message, res.problem.range);
  for (const p of ctx.problems) add('error', p.code, p.message, p.range);
  diagnostics.push(...checkTest(test, registry));
  const note = extensionNote(test);
  if (note) diagnostics.push(note);
  return { test, diagnostics: sortDiagnostics(diagnostics) };
}

/** chevrotain's parse: its CST, or undefined after adding its first error to the diagnostics. */
function parseWithChevrotain(
  tokens: IToken[],
  add: (severity: Severity, code: string, message: string, range: Range) => void,
  lines: LineMap,
  length: number,
  unterminatedAt: number,
): CstNode | undefined {
  const parser = litmusParser();
  parser.input = tokens;
  const cst = parser.litmus();
  const parseErrors = parser.errors;
  if (parseErrors.length === 0) return cst;
  const hasCondition = cst !== undefined && child(cst, 'conditionClause') !== undefined;
  const p = describeSyntaxError(parseErrors[0]!, length, hasCondition);
  // An unterminated comment swallows the rest of the file: what follows is its consequence.
  if (p.start < unterminatedAt && !(p.atEof && unterminatedAt < Infinity)) add('error', 'syntax', p.message, lines.range(p.start, p.end));
  return undefined;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

function sortDiagnostics(d: Diagnostic[]): Diagnostic[] {
  return d
    .map((x, i) => ({ x, i }))
    .sort((a, b) => a.x.range.start.offset - b.x.range.start.offset || SEVERITY_ORDER[a.x.severity] - SEVERITY_ORDER[b.x.severity] || a.i - b.i)
    .map(({ x }) => x);
}

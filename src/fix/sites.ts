// Places between statements where a fence can go, grouped into slots: the
// places of one statement list that no memory access separates give the same
// ordering, so they are one slot. For each slot: whether some access (read,
// write) can come before it and after it in program order — a fence with no
// access on one side orders nothing, which makes the pruning sound — and
// whether an unordered RMW is right next to it.
import type { Process, Stmt } from '../litmus/ast.js';
import type { PrimitiveRegistry } from '../kernel/primitives.js';
import { any, exprAccesses, hasUnorderedRmw, NONE, stmtAccesses, union, type Accesses } from './access.js';
import { indentAt, lineEnd, lineStart, restIsTrivia, startsLine } from './source-lines.js';
import type { TextEdit } from './fix-records.js';

export interface FenceSlot {
  thread: number;
  key: string;
  before: Accesses;
  after: Accesses;
  /** The statement just after the slot calls an RMW that is not fully ordered. */
  beforeRmw: boolean;
  /** The statement just before the slot calls one. */
  afterRmw: boolean;
  /**
   * Edits that insert `fence();` at the slot: `at: 'first'` right after the
   * preceding statement (for smp_mb__after_atomic()), `'last'` right before
   * the next one.
   */
  insert(fence: string, at: 'first' | 'last'): { edits: TextEdit[]; where: string; line: number; between: { before: number; after: number } };
}

/** An unbraced branch or loop body, which gets braces when a fence goes into it. */
interface Wrap {
  open: number;
  ownerIndent: string;
}

interface List {
  stmts: Stmt[];
  outerBefore: Accesses;
  outerAfter: Accesses;
  wrap?: Wrap;
}

/** Offset just after the last `)` or the first `else` in src[from, to), comments aside; -1 when absent. */
function after(src: string, from: number, to: number, token: ')' | 'else'): number {
  const gap = src.slice(from, to).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, (c) => ' '.repeat(c.length));
  const i = token === ')' ? gap.lastIndexOf(token) : gap.search(/\belse\b/);
  return i < 0 ? -1 : from + i + token.length;
}

export function fenceSlots(src: string, proc: Process, reg: PrimitiveRegistry): FenceSlot[] {
  const slots: FenceSlot[] = [];
  const acc = (s: Stmt): Accesses => stmtAccesses(s, reg);

  const visitList = (list: List): void => {
    const { stmts } = list;
    const n = stmts.length;
    if (n === 0) return;
    const accs = stmts.map(acc);
    const beforeAt = (i: number): Accesses => accs.slice(0, i).reduce(union, list.outerBefore);
    const afterAt = (i: number): Accesses => accs.slice(i).reduce(union, list.outerAfter);
    // Nested lists.
    stmts.forEach((s, i) => {
      const b = beforeAt(i);
      const a = afterAt(i + 1);
      const indent = indentAt(src, s.range.start.offset);
      if (s.kind === 'block') visitList({ stmts: s.body, outerBefore: b, outerAfter: a });
      if (s.kind === 'if') {
        const cond = exprAccesses(s.cond, reg);
        const branch = (t: Stmt, open: number): void => {
          const inner = { outerBefore: union(b, cond), outerAfter: a };
          if (t.kind === 'block') visitList({ stmts: t.body, ...inner });
          else if (t.kind !== 'empty' && open >= 0) visitList({ stmts: [t], ...inner, wrap: { open, ownerIndent: indent } });
        };
        branch(s.then, after(src, s.cond.range.end.offset, s.then.range.start.offset, ')'));
        if (s.else) branch(s.else, after(src, s.then.range.end.offset, s.else.range.start.offset, 'else'));
      }
      if (s.kind === 'while') {
        // The loop runs its condition and body again: everything in it is both before and after.
        const whole = acc(s);
        const inner = { outerBefore: union(b, whole), outerAfter: union(a, whole) };
        if (s.body.kind === 'block') visitList({ stmts: s.body.body, ...inner });
        else if (s.body.kind !== 'empty') {
          const open = after(src, s.cond.range.end.offset, s.body.range.start.offset, ')');
          if (open >= 0) visitList({ stmts: [s.body], ...inner, wrap: { open, ownerIndent: indent } });
        }
      }
    });
    // Runs of positions with no access between them. A list without any
    // access (a branch that only sets registers) gets no place: a fence there
    // would sit between no two accesses of its own list.
    if (!accs.some(any)) return;
    let first = 0;
    for (let pos = 0; pos <= n; pos++) {
      if (pos < n && !any(accs[pos]!)) continue;
      slots.push(makeSlot(list, first, pos));
      first = pos + 1;
    }
  };

  const makeSlot = (list: List, first: number, last: number): FenceSlot => {
    const { stmts } = list;
    const n = stmts.length;
    const prevLine = first > 0 ? stmts[first - 1]!.range.end.line : 0;
    const nextLine = last < n ? stmts[last]!.range.start.line : 0;
    const beforeAcc = stmts.slice(0, first).map(acc).reduce(union, list.outerBefore);
    const afterAcc = stmts.slice(last).map(acc).reduce(union, list.outerAfter);
    const anchor = last < n ? stmts[last]! : stmts[n - 1]!;
    return {
      thread: proc.id,
      key: `P${proc.id}@${anchor.range.start.offset}${last < n ? '' : '$'}`,
      before: beforeAcc,
      after: afterAcc,
      beforeRmw: last < n && hasUnorderedRmw(stmts[last]!, reg),
      afterRmw: first > 0 && hasUnorderedRmw(stmts[first - 1]!, reg),
      insert(fence, at) {
        const pos = at === 'first' ? first : last;
        const edits: TextEdit[] = [];
        const call = `${fence}();`;
        let where: string;
        let line: number;
        if (pos < n) {
          const s = stmts[pos]!;
          const o = s.range.start.offset;
          if (startsLine(src, o)) edits.push({ start: lineStart(src, o), end: lineStart(src, o), text: `${indentAt(src, o)}${call}\n`, order: 1 });
          else edits.push({ start: o, end: o, text: `${call} `, order: 1 });
          where = `before line ${s.range.start.line}`;
          line = s.range.start.line;
        } else {
          const s = stmts[n - 1]!;
          const o = s.range.end.offset;
          if (restIsTrivia(src, o)) {
            const e = lineEnd(src, o);
            edits.push({ start: e, end: e, text: `\n${indentAt(src, s.range.start.offset)}${call}`, order: 1 });
          } else {
            edits.push({ start: o, end: o, text: ` ${call}`, order: 1 });
          }
          where = `after line ${s.range.end.line}`;
          line = s.range.end.line;
        }
        if (list.wrap) edits.push(...braces(list.wrap, stmts[0]!));
        return { edits, where, line, between: { before: prevLine, after: nextLine } };
      },
    };
  };

  const braces = (w: Wrap, s: Stmt): TextEdit[] => {
    const o = s.range.end.offset;
    const close = restIsTrivia(src, o)
      ? { start: lineEnd(src, o), end: lineEnd(src, o), text: `\n${w.ownerIndent}}`, order: 2 }
      : { start: o, end: o, text: ' }', order: 2 };
    return [{ start: w.open, end: w.open, text: ' {', order: 0 }, close];
  };

  visitList({ stmts: proc.body, outerBefore: NONE, outerAfter: NONE });
  return slots;
}

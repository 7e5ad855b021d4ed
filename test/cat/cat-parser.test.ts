// The cat parser: herd's operator precedences, the `*` ambiguity, application,
// bindings, match and located syntax errors.
import { describe, expect, it } from 'vitest';
import type { Instr } from '../../src/cat/cat-ast.js';
import { CatSyntaxError } from '../../src/cat/cat-lexer.js';
import { parseCat } from '../../src/cat/cat-parser.js';
import { show } from './show-expr.js';

function expr(text: string): string {
  const f = parseCat(`let x = ${text}`, 't.cat');
  const i = f.instrs[0] as Instr & { k: 'let' };
  return show(i.binds[0]!.e);
}

describe('cat parser: precedence (| < ++ < ; < \\ < & < postfix)', () => {
  it.each([
    ['a | b ; c', '(union a (seq b c))'],
    ['a ; b | c', '(union (seq a b) c)'],
    ['a \\ b ; c', '(seq (diff a b) c)'],
    ['a & b \\ c', '(diff (inter a b) c)'],
    ['a \\ b \\ c', '(diff (diff a b) c)'],
    ['a | b | c', '(union a b c)'],
    ['a ; b ; c', '(seq a b c)'],
    ['e ++ s | t', '(union (add e s) t)'],
    ['r* ; s', '(seq (star r) s)'],
    ['A * B & loc', '(inter (cart A B) loc)'],
    ['(W \\ FW) * FW', '(cart (diff W FW) FW)'],
    ['r^-1 ; r+ ; r?', '(seq (inv r) (plus r) (opt r))'],
    ['[M] ; po ; [~ S]', '(seq (toid M) po (toid (comp S)))'],
    ['~A | B', '(union (comp A) B)'],
    ['f x y', '(app (app f x) y)'],
    ['domain(r) | range(r)', '(union (app domain r) (app range r))'],
    ['map f (LKW * {r})', '(app (app map f) (cart LKW {r}))'],
    ['p ++ 0', '(add p 0)'],
    ['(a, b | c)', '(tuple a (union b c))'],
    ['try RL with emptyset', '(try RL emptyset)'],
    ['if "v" then 0 else _', '(if 0 _)'],
    ['fun (a, b) -> a', '(fun a,b a)'],
    ['let rec f x = f x in f', '(let rec f=(fun x (app f x)) in f)'],
    ['match s with || {} -> 0 || e ++ es -> es end', '(matchset s 0 e++es es)'],
  ])('%s', (text, want) => {
    expect(expr(text)).toBe(want);
  });
});

describe('cat parser: instructions', () => {
  it('reads the title, tests with names and negation, flags, with, enum and includes', () => {
    const f = parseCat(`"My model"
enum Accesses = 'once || 'release
include "cos.cat"
let a = po and b = rf
let rec r = r | a
flag ~empty a & b as clash
acyclic a | b as order
with co from cross(x)
procedure p(x) = empty x end
call p(a)
show a, b
if "v1" let c = a else let c = b end
instructions R[{'once}]
`, 'm.cat');
    expect(f.title).toBe('My model');
    expect(f.instrs.map((i) => i.k)).toEqual(['enum', 'include', 'let', 'let', 'test', 'test', 'with', 'procedure', 'call', 'show', 'ifvariant', 'events']);
    const flag = f.instrs[4] as Instr & { k: 'test' };
    expect([flag.mode, flag.neg, flag.test, flag.name]).toEqual(['flag', true, 'empty', 'clash']);
    expect((f.instrs[0] as Instr & { k: 'enum' }).tags).toEqual(['once', 'release']);
  });

  it('takes a bare name as the title, as cross.cat does', () => {
    expect(parseCat('Cross\nlet x = 0', 'c.cat').title).toBe('Cross');
  });

  it('reports a located error', () => {
    const text = 'let x = po ;\nacyclic x';
    try {
      parseCat(text, 'bad.cat');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CatSyntaxError);
      const err = e as CatSyntaxError;
      expect(text.slice(err.start, err.end)).toBe('acyclic');
      expect(err.message).toBe("expected an expression, found 'acyclic'");
    }
  });

  it('rejects a `1`, which is not a cat constant', () => {
    expect(() => parseCat('let x = 1', 'bad.cat')).toThrow(CatSyntaxError);
  });

  it('skips nested comments', () => {
    expect(expr('(* a (* nested *) b *) po')).toBe('po');
  });
});

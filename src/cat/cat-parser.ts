// A recursive-descent parser for herd's cat language: the instructions of a
// model or bell file (expressions are parsed by cat-parse-expr.ts).
import type { CatFile, Instr, TestKind } from './cat-ast.js';
import { lexCat } from './cat-lexer.js';
import { CatExprParser } from './cat-parse-expr.js';

export function parseCat(text: string, file: string): CatFile {
  const p = new CatParser(lexCat(text));
  const title = p.title();
  const instrs = p.instrs(() => p.atEof());
  return { file, text, title, instrs };
}

class CatParser extends CatExprParser {
  title(): string {
    const t = this.peek();
    if (t.kind === 'string') {
      this.i++;
      return t.text;
    }
    if (t.kind === 'name') {
      this.i++;
      const u = this.peek();
      if (u.kind === 'string' || (u.kind === 'name' && !this.is('=', 1))) {
        this.i++;
        return u.text;
      }
      return t.text;
    }
    return '';
  }

  instrs(stop: () => boolean): Instr[] {
    const out: Instr[] = [];
    while (!stop()) out.push(this.instr());
    return out;
  }

  private block(): Instr[] {
    return this.instrs(() => this.is('end') || this.is('else') || this.atEof());
  }

  private instr(): Instr {
    const t = this.peek();
    const at = t.start;
    if (t.kind === 'kw') {
      switch (t.text) {
        case 'let': {
          this.i++;
          const rec = this.accept('rec');
          const binds = this.binds();
          if (this.is('when')) this.fail("'let rec ... when' is not supported");
          this.accept('in');
          return { k: 'let', rec, binds, at };
        }
        case 'show':
        case 'unshow': {
          this.i++;
          this.base();
          if (this.accept('as')) this.name();
          else while (this.accept(',')) this.name();
          return { k: 'show', at };
        }
        case 'include': {
          this.i++;
          const s = this.next();
          if (s.kind !== 'string') this.fail('a file name in quotes');
          return { k: 'include', file: s.text, at };
        }
        case 'procedure': {
          this.i++;
          this.accept('rec');
          const name = this.name();
          const pat = this.is('(') ? this.formalsInParens() : { names: [this.pat0()], tuple: false };
          this.expect('=');
          const body = this.block();
          this.expect('end');
          return { k: 'procedure', name, pat, body, at };
        }
        case 'call': {
          this.i++;
          const name = this.name();
          const arg = this.simple() ?? this.fail('an argument');
          const as = this.accept('as') ? this.name() : undefined;
          return { k: 'call', name, arg, ...(as ? { as } : {}), at };
        }
        case 'debug':
          this.i++;
          this.exp();
          return { k: 'debug', at };
        case 'forall': {
          this.i++;
          const name = this.name();
          this.expect('in');
          const e = this.exp();
          this.expect('do');
          const body = this.block();
          this.expect('end');
          return { k: 'forall', name, e, body, at };
        }
        case 'with': {
          this.i++;
          const name = this.name();
          this.expect('from');
          return { k: 'with', name, e: this.exp(), at };
        }
        case 'if': {
          this.i++;
          const cond = this.variant();
          const then = this.block();
          const els = this.accept('else') ? this.block() : [];
          this.expect('end');
          return { k: 'ifvariant', cond, then, else: els, at };
        }
        case 'instructions':
        case 'default': {
          this.i++;
          const name = this.name();
          this.expect('[');
          const args = this.args(']');
          this.expect(']');
          return { k: 'events', name, args, at };
        }
        case 'enum': {
          this.i++;
          const name = this.name();
          this.expect('=');
          this.accept('||');
          const tags: string[] = [];
          do {
            const tg = this.next();
            if (tg.kind !== 'tag') { this.i--; this.fail('a tag such as \'once'); }
            tags.push(tg.text);
          } while (this.accept('||'));
          return { k: 'enum', name, tags, at };
        }
        case 'match':
          this.fail('an instruction (a match instruction is not supported)');
      }
      return this.test();
    }
    if (this.is('~')) return this.test();
    this.fail('an instruction (let, include, acyclic, irreflexive, empty, flag, with, ...)');
  }

  private test(): Instr {
    const at = this.peek().start;
    let mode: 'check' | 'flag' | 'assert' | 'undefined' = 'check';
    if (this.accept('flag')) mode = 'flag';
    else if (this.accept('assert')) mode = 'assert';
    else if (this.accept('undefined_unless')) mode = 'undefined';
    const neg = this.accept('~');
    let test: TestKind;
    if (this.accept('acyclic')) test = 'acyclic';
    else if (this.accept('irreflexive')) test = 'irreflexive';
    else if (this.accept('empty')) test = 'empty';
    else this.fail("'acyclic', 'irreflexive' or 'empty'");
    const e = this.exp();
    const name = this.accept('as') ? this.name() : undefined;
    return { k: 'test', mode, neg, test, e, ...(name ? { name } : {}), at };
  }

}

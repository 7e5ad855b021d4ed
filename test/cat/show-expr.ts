// A compact rendering of cat expressions for the tests: (op a b ...).
import type { Expr } from '../../src/cat/cat-ast.js';

/** A compact rendering of an expression: (op a b ...). */
export function show(e: Expr): string {
  switch (e.k) {
    case 'var': return e.name;
    case 'empty': return '0';
    case 'univ': return '_';
    case 'tag': return `'${e.name}`;
    case 'explicit': return `{${e.elems.map(show).join(',')}}`;
    case 'tuple': return `(tuple ${e.elems.map(show).join(' ')})`;
    case 'op1': return `(${e.op} ${show(e.e)})`;
    case 'op': return `(${e.op} ${e.args.map(show).join(' ')})`;
    case 'app': return `(app ${show(e.fn)} ${show(e.arg)})`;
    case 'fun': return `(fun ${e.pat.names.join(',')} ${show(e.body)})`;
    case 'let': return `(let${e.rec ? ' rec' : ''} ${e.binds.map((b) => `${b.pat.names.join(',')}=${show(b.e)}`).join(' and ')} in ${show(e.body)})`;
    case 'try': return `(try ${show(e.e)} ${show(e.alt)})`;
    case 'if': return `(if ${show(e.then)} ${show(e.else)})`;
    case 'matchset': return `(matchset ${show(e.e)} ${show(e.empty)} ${e.elt}++${e.rest} ${show(e.body)})`;
    case 'matchtag': return `(matchtag ${show(e.e)})`;
  }
}


// The syntax tree of herd's cat language (models and bell files), as read by
// cat-parser.ts. Offsets are into the file's text, for located errors.

/** A binding pattern: one name (`x`, `_` as null) or a tuple `(a, b)`. */
export interface Pat {
  names: (string | null)[];
  tuple: boolean;
}

export type BinOp = 'union' | 'seq' | 'inter' | 'diff' | 'cart' | 'add';
export type UnOp = 'star' | 'plus' | 'opt' | 'inv' | 'comp' | 'toid';

export type Expr =
  | { k: 'var'; name: string; at: number }
  | { k: 'empty'; at: number }
  | { k: 'univ'; at: number }
  | { k: 'tag'; name: string; at: number }
  | { k: 'explicit'; elems: Expr[]; at: number }
  | { k: 'tuple'; elems: Expr[]; at: number }
  | { k: 'op1'; op: UnOp; e: Expr; at: number }
  | { k: 'op'; op: BinOp; args: Expr[]; at: number }
  | { k: 'app'; fn: Expr; arg: Expr; at: number }
  | { k: 'fun'; pat: Pat; body: Expr; name: string; at: number }
  | { k: 'let'; rec: boolean; binds: Bind[]; body: Expr; at: number }
  | { k: 'try'; e: Expr; alt: Expr; at: number }
  | { k: 'if'; cond: Cond; then: Expr; else: Expr; at: number }
  | { k: 'matchset'; e: Expr; empty: Expr; elt: string | null; rest: string | null; body: Expr; at: number }
  | { k: 'matchtag'; e: Expr; clauses: Array<[string, Expr]>; dflt?: Expr; at: number };

export interface Bind {
  pat: Pat;
  e: Expr;
  at: number;
}

export type VariantCond =
  | { k: 'name'; name: string }
  | { k: 'not'; v: VariantCond }
  | { k: 'and' | 'or'; a: VariantCond; b: VariantCond };

export type Cond =
  | { k: 'variant'; v: VariantCond }
  | { k: 'eq' | 'subset' | 'in'; a: Expr; b: Expr };

export type TestKind = 'acyclic' | 'irreflexive' | 'empty';

export type Instr =
  | { k: 'let'; rec: boolean; binds: Bind[]; at: number }
  | { k: 'test'; mode: 'check' | 'flag' | 'assert' | 'undefined'; neg: boolean; test: TestKind; e: Expr; name?: string; at: number }
  | { k: 'show'; at: number }
  | { k: 'include'; file: string; at: number }
  | { k: 'procedure'; name: string; pat: Pat; body: Instr[]; at: number }
  | { k: 'call'; name: string; arg: Expr; as?: string; at: number }
  | { k: 'with'; name: string; e: Expr; at: number }
  | { k: 'ifvariant'; cond: VariantCond; then: Instr[]; else: Instr[]; at: number }
  | { k: 'forall'; name: string; e: Expr; body: Instr[]; at: number }
  | { k: 'enum'; name: string; tags: string[]; at: number }
  | { k: 'events'; name: string; args: Expr[]; at: number }
  | { k: 'debug'; at: number };

/** One parsed file: its title (the leading string or name), instructions and where it came from. */
export interface CatFile {
  file: string;
  text: string;
  title: string;
  instrs: Instr[];
}

/** One step of a loaded model (src/cat/cat-program.ts): the instructions of every file, includes inlined. */
export type Step =
  | { k: 'let'; rec: boolean; binds: Bind[]; names: string[]; static: boolean; dead: boolean; file: string; at: number }
  | { k: 'test'; mode: 'check' | 'flag' | 'assert' | 'undefined'; neg: boolean; test: TestKind; e: Expr; name: string; static: boolean; file: string; at: number }
  | { k: 'with'; name: string; e: Expr; file: string; at: number }
  | { k: 'enum'; name: string; tags: string[]; file: string; at: number }
  | { k: 'procedure'; name: string; pat: Pat; body: Instr[]; file: string; at: number }
  | { k: 'call'; name: string; arg: Expr; file: string; at: number };

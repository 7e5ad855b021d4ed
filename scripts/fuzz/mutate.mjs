// Mutations for the fuzz script: byte-level (flip, insert, delete, duplicate,
// truncate, stray control and non-UTF-8 bytes) and grammar-level (tokens
// replaced by others of the litmus vocabulary, extreme numbers, statements
// duplicated, deleted, swapped or inserted, processes duplicated, brackets
// nested, the quantifier and condition changed). All driven by a seeded PRNG.

import { prng } from '../prng.mjs';

/** The seeded PRNG the mutations draw from (scripts/prng.mjs). */
export { prng };

const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
const int = (r, n) => Math.floor(r() * n);

const WORDS = [
  'READ_ONCE', 'WRITE_ONCE', 'smp_load_acquire', 'smp_store_release', 'smp_mb', 'smp_wmb', 'smp_rmb', 'xchg', 'xchg_relaxed',
  'cmpxchg', 'atomic_inc', 'atomic_add_return', 'spin_lock', 'spin_unlock', 'spin_trylock', 'rcu_read_lock', 'rcu_read_unlock',
  'synchronize_rcu', 'rcu_dereference', 'rcu_assign_pointer', 'srcu_read_lock', 'srcu_read_unlock', 'synchronize_srcu',
  'x', 'y', 'z', 's', 'r0', 'r1', 'r2', 'int', 'intptr_t', 'atomic_t', 'spinlock_t', 'while', 'if', 'else', 'exists', 'forall',
  'filter', 'locations', 'P0', 'P1', 'P7', 'P63', 'P64', 'true', 'false', 'not', 'qqqqqqqqqqqqqqqqqqqqqqqqq',
];
const NUMBERS = ['0', '1', '-1', '2', '255', '2147483647', '2147483648', '-2147483648', '4294967295', '9007199254740993', '0x7fffffff', '0xffffffffffffffff', '1e9', '00', '08'];
const PUNCT = ['(', ')', '{', '}', '[', ']', ';', ',', '*', '&', '=', '==', '!=', '/\\', '\\/', '~', '!', ':', '?', '+', '-', '<<', '>>', '(*', '*)', '/*', '*/', '//', '"', "'", '\\', '#'];
const STATEMENTS = [
  'WRITE_ONCE(*x, 1);', 'r0 = READ_ONCE(*y);', 'smp_mb();', 'while (READ_ONCE(*x) == 0) { }', 'if (r0) { WRITE_ONCE(*y, 1); } else { smp_wmb(); }',
  'spin_lock(s);', 'spin_unlock(s);', 'r1 = xchg(x, 2);', 'r2 = cmpxchg(y, 0, 1);', 'rcu_read_lock();', 'rcu_read_unlock();', 'synchronize_rcu();',
  'r0 = r0 + r1 * 2 - (r2 & 3);', 'int r9 = 0;', '*x = 3;', 'r0 = *y;', 'atomic_inc(x);', 'r1 = atomic_add_return(2, x);', 'x = 1;',
  'while (1) { r0 = READ_ONCE(*x); }', 'r3 = READ_ONCE(*r0);', 'r4 = (r0 == 1) ? 2 : 3;', 'WRITE_ONCE(*x, r0 / 0);', 'r5 = 1 << 70;',
];
const CONDITIONS = ['exists (0:r0=1)', 'forall (x=1)', '~exists (1:r0=0 /\\ 1:r1=0)', 'exists (x=1 \\/ y=2)', 'exists (0:r0=1 => x=2)', 'locations [x; y]\nexists (true)', 'filter (0:r0=1)\nexists (x=1)', 'exists (not (x=1))', 'exists (9:r0=1)', 'exists (0:r99=1)', 'exists (z=1)'];
const BYTES = [0x00, 0x07, 0x08, 0x0b, 0x0c, 0x1b, 0x7f, 0x80, 0x9b, 0xc0, 0xc3, 0xe2, 0xef, 0xbb, 0xbf, 0xfe, 0xff, 0x0a, 0x0d, 0x09, 0x20];

/** Splits into tokens: names, numbers, blanks, punctuation (and single characters). */
function tokens(text) {
  return text.match(/[A-Za-z_][A-Za-z0-9_]*|0[xX][0-9a-fA-F]+|[0-9]+|\s+|\/\\|\\\/|==|!=|<<|>>|\(\*|\*\)|\/\*|\*\/|\/\/|[\s\S]/g) ?? [];
}

function grammarMutation(r, text) {
  const kind = int(r, 12);
  const lines = text.split('\n');
  switch (kind) {
    case 0: case 1: { // replace a token
      const ts = tokens(text);
      const i = int(r, ts.length);
      const t = ts[i] ?? '';
      ts[i] = /^[A-Za-z_]/.test(t) ? pick(r, WORDS) : /^[0-9]/.test(t) ? pick(r, NUMBERS) : /^\s/.test(t) ? pick(r, [' ', '\n', '\t', '']) : pick(r, PUNCT);
      return ts.join('');
    }
    case 2: { // delete a token
      const ts = tokens(text);
      ts.splice(int(r, ts.length), 1 + int(r, 3));
      return ts.join('');
    }
    case 3: { // duplicate a line
      const i = int(r, lines.length);
      lines.splice(i, 0, ...Array(1 + int(r, 3)).fill(lines[i]));
      return lines.join('\n');
    }
    case 4: lines.splice(int(r, lines.length), 1 + int(r, 2)); return lines.join('\n');
    case 5: { // swap two lines
      const a = int(r, lines.length), b = int(r, lines.length);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 6: case 7: { // insert a statement inside a process body
      const bodies = lines.map((l, i) => (/^\s+\S.*;\s*$/.test(l) ? i : -1)).filter((i) => i >= 0);
      const at = bodies.length ? pick(r, bodies) + 1 : int(r, lines.length);
      lines.splice(at, 0, '\t' + pick(r, STATEMENTS));
      return lines.join('\n');
    }
    case 8: { // duplicate a process under a new number
      const m = /\n(P\d+\s*\([^)]*\)\s*\{[\s\S]*?\n\})/.exec(text);
      if (!m) return text + '\n' + pick(r, STATEMENTS);
      const copy = m[1].replace(/^P\d+/, `P${pick(r, [2, 3, 5, 9, 63, 64])}`);
      const end = text.search(/\n(exists|forall|~exists|filter|locations)/);
      return end < 0 ? text + '\n' + copy : text.slice(0, end) + '\n\n' + copy + text.slice(end);
    }
    case 9: { // change the condition
      const end = text.search(/\n(exists|forall|~exists|filter|locations)/);
      return (end < 0 ? text : text.slice(0, end)) + '\n' + pick(r, CONDITIONS) + '\n';
    }
    case 10: { // nest brackets around a token
      const ts = tokens(text);
      const i = int(r, ts.length);
      const n = pick(r, [1, 2, 5, 70]);
      ts[i] = '('.repeat(n) + ts[i] + ')'.repeat(pick(r, [n, n, n - 1, n + 1]));
      return ts.join('');
    }
    default: { // change the header or the name
      return r() < 0.5 ? text.replace(/^C\s+\S+/, `C ${pick(r, ['a b', 'x\u001b[2Jy', '', 'long' + 'n'.repeat(300), 'ünï', 'C'])}`) : text.replace(/^C/, pick(r, ['', 'c', 'X86', 'C C', 'LISA']));
    }
  }
}

function byteMutation(r, buf) {
  const b = Buffer.from(buf);
  const kind = int(r, 6);
  const at = int(r, Math.max(1, b.length));
  switch (kind) {
    case 0: if (b.length) b[at] ^= 1 << int(r, 8); return b;
    case 1: return Buffer.concat([b.subarray(0, at), Buffer.from([pick(r, BYTES)]), b.subarray(at)]);
    case 2: return Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + int(r, 16)))]);
    case 3: { const len = 1 + int(r, 64); return Buffer.concat([b.subarray(0, at + len), b.subarray(at, at + len), b.subarray(at)]); }
    case 4: return b.subarray(0, at);
    default: if (b.length) b[at] = int(r, 256); return b;
  }
}

/** One mutant of `source` (a Buffer): 1 to 4 mutations, grammar-level for a text source most of the time. */
export function mutate(r, source, isDef = false) {
  let out = source;
  const n = r() < 0.6 ? 1 : 2 + int(r, 3);
  for (let k = 0; k < n; k++) {
    if (r() < 0.7 && !isDef) out = Buffer.from(grammarMutation(r, out.toString('utf8')), 'utf8');
    else out = byteMutation(r, out);
  }
  return out;
}

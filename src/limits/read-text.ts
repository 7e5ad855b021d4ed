// Reading a test file: at most SIZE_LIMITS.fileBytes (a larger file, or a
// device that never ends such as /dev/zero, is refused after that many
// bytes), `-` for standard input (read once, then remembered), and encodings
// other than UTF-8 refused with a hint. A UTF-8 byte-order mark is kept: the
// litmus and .def lexers read it as blank space, so offsets stay the file's.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Governor } from './governor.js';
import { SIZE_LIMITS, tooLarge } from './sizes.js';
import { formatBytes, LimitStop } from './governor.js';

const at = { line: 1, col: 1, offset: 0 };
const zeroRange = { start: at, end: at };

export type ReadResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

let stdinText: Buffer | undefined;

/** Reads fd up to `max` + 1 bytes (so that a larger input is recognised). */
function readCapped(fd: number, max: number, gov?: Governor): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.allocUnsafe(1 << 16);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, chunk, 0, Math.min(chunk.length, max + 1 - total), null);
    } catch (e) {
      // A non-blocking standard input that has no data yet.
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        gov?.check();
        continue;
      }
      throw e;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, n)));
    total += n;
    gov?.check();
    if (total > max) break;
  }
  return Buffer.concat(chunks);
}

/**
 * A regular file of `size` bytes: read into one buffer of that size and a
 * byte more (a file that grew meanwhile is read on by readCapped).
 */
function readSized(fd: number, size: number, max: number, gov?: Governor): Buffer {
  const buf = Buffer.allocUnsafe(size + 1);
  let total = 0;
  while (total < buf.length) {
    const n = readSync(fd, buf, total, buf.length - total, null);
    if (n === 0) return buf.subarray(0, total);
    total += n;
  }
  return Buffer.concat([buf, readCapped(fd, max - total, gov)]);
}

function readBytes(file: string, max: number, gov?: Governor): Buffer {
  if (file === '-') return (stdinText ??= readCapped(0, max, gov));
  const fd = openSync(file, 'r');
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    // A regular file's size is known: refuse a large one without reading it.
    if (st.isFile() && st.size > max) return Buffer.alloc(max + 1);
    return st.isFile() ? readSized(fd, st.size, max, gov) : readCapped(fd, max, gov);
  } finally {
    closeSync(fd);
  }
}

/** The encoding problem of these bytes, if any. */
function encodingProblem(b: Buffer): string | undefined {
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return 'the file is UTF-16 encoded (it starts with a UTF-16 byte-order mark); convert it to UTF-8';
  // UTF-16 without a mark: ASCII text with every other byte zero.
  const n = Math.min(b.length, 64);
  let zeros = 0;
  for (let i = 0; i < n; i++) if (b[i] === 0) zeros++;
  if (n >= 4 && zeros * 3 >= n) return 'the file looks UTF-16 encoded (every other byte is zero); convert it to UTF-8';
  if (zeros > 0 || b.includes(0)) return 'the file contains NUL bytes: it is not a UTF-8 text file';
  return undefined;
}

/** A file's text, or the diagnostic saying why it cannot be read. */
export function readTestFile(file: string, gov?: Governor): ReadResult {
  const max = SIZE_LIMITS.fileBytes;
  let bytes: Buffer;
  try {
    bytes = readBytes(file, max, gov);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (e instanceof LimitStop) throw e;
    const why = err.code === 'ENOENT' ? 'no such file or directory' : err.code === 'EISDIR' ? 'is a directory' : err.message;
    return { ok: false, diagnostic: { severity: 'error', code: 'io', message: `cannot read file: ${why}`, file, range: zeroRange } };
  }
  if (bytes.length > max) {
    return { ok: false, diagnostic: { severity: 'error', code: 'too-large', message: tooLarge(`the file is larger than ${formatBytes(max)}`, max), file, range: zeroRange } };
  }
  const enc = encodingProblem(bytes);
  if (enc) return { ok: false, diagnostic: { severity: 'error', code: 'encoding', message: enc, file, range: zeroRange } };
  const text = bytes.toString('utf8');
  return { ok: true, text };
}

/** The text of a file for code frames: '' when it cannot be read. */
export function sourceForFrames(file: string): string {
  try {
    const r = readTestFile(file);
    return r.ok ? r.text : '';
  } catch {
    return '';
  }
}

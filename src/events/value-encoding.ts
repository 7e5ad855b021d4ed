// Values are JS numbers. Addresses of shared locations are encoded far above any
// integer a litmus test uses, so that `0:r0=x` can be printed and compared.

export const ADDR_BASE = 2 ** 40;

/**
 * Values that justify themselves (a cycle of reads-from and data flow, "out of
 * thin air") stay symbolic, as in herd7: each gets a token SYM_BASE + n and
 * prints as `S<n>`, n being the number herd7 gives that variable (see
 * src/events/herd-syms.ts). A token equals only itself.
 */
export const SYM_BASE = 2 ** 48;

export function isSymToken(v: number): boolean {
  return v >= SYM_BASE;
}

export function addrOf(loc: number): number {
  return ADDR_BASE + loc;
}

/** The location index an address designates, or -1 if the value is not an address. */
export function locOfAddr(v: number, nlocs: number): number {
  const i = v - ADDR_BASE;
  return Number.isInteger(i) && i >= 0 && i < nlocs ? i : -1;
}

export function formatValue(v: number, locNames: readonly string[]): string {
  if (isSymToken(v)) return `S${v - SYM_BASE}`;
  const l = locOfAddr(v, locNames.length);
  return l >= 0 ? locNames[l]! : String(v);
}

function int32(v: number): boolean {
  return v >= -2147483648 && v <= 2147483647 && Number.isInteger(v);
}


/** C-like integer arithmetic on 64-bit-ish values (kept exact within 2^53). */
export function binop(op: string, a: number, b: number): number {
  switch (op) {
    // herd's values are 32-bit and wrap around; addresses and symbols are not integers here.
    case '+': return int32(a) && int32(b) ? (a + b) | 0 : a + b;
    case '-': return int32(a) && int32(b) ? (a - b) | 0 : a - b;
    case '*': return int32(a) && int32(b) ? Math.imul(a, b) : a * b;
    // Division by zero gives 0 here: the path records the division
    // (ThreadTrace.divisions) and the explorer rejects the test when LKMM
    // allows an execution in which it divides by zero, as herd7 does.
    case '/': return b === 0 ? 0 : Math.trunc(a / b);
    case '%': return b === 0 ? 0 : a % b;
    case '&': return Number(BigInt(a) & BigInt(b));
    case '|': return Number(BigInt(a) | BigInt(b));
    case '^': return Number(BigInt(a) ^ BigInt(b));
    case '<<': return a * 2 ** b;
    case '>>': return Math.floor(a / 2 ** b);
    case '==': return a === b ? 1 : 0;
    case '!=': return a !== b ? 1 : 0;
    case '<': return a < b ? 1 : 0;
    case '<=': return a <= b ? 1 : 0;
    case '>': return a > b ? 1 : 0;
    case '>=': return a >= b ? 1 : 0;
    case '&&': return a !== 0 && b !== 0 ? 1 : 0;
    case '||': return a !== 0 || b !== 0 ? 1 : 0;
    default: throw new Error(`unsupported operator ${op}`);
  }
}

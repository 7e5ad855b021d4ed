// herd7 gives up on a test (an OCaml Division_by_zero) when it computes a
// division by zero in an execution LKMM allows. It computes one:
// - in every execution the filter keeps (its final state), whether or not
//   the quotient is observed;
// - in an execution the filter rules out, when the filter asks for the
//   quotient (`r1 = 5 / r0;` with `filter (0:r1=1)`), unless another of the
//   filter's equations fails first.
// Never in an execution the model forbids. The explorer asks these
// questions of the execution its solver has just solved.
import type { Division, Program, ThreadTrace } from '../events/program.js';
import { evalSym } from '../events/sym.js';
import { CodeError } from '../events/interp-common.js';

type At = { line: number; col: number };

export class DivisionRules {
  /** Every division of the paths that may divide by zero, with its thread. */
  private readonly all: ReadonlyArray<Division & { thread: number }>;
  /** Those whose quotient a filter equation asks for. */
  private readonly asked: ReadonlyArray<Division & { thread: number }>;
  private readonly equations: NonNullable<Program['filterEquals']>;

  /** `reads[t]`: thread t's read values in the execution just solved; `reg`: a register's final value there. */
  constructor(
    program: Program,
    traces: readonly ThreadTrace[],
    private readonly reads: ReadonlyArray<(e: number) => number>,
    private readonly reg: (thread: number, name: string) => number,
  ) {
    this.all = traces.flatMap((t, thread) => (t.divisions ?? []).map((d) => ({ ...d, thread })));
    this.equations = program.filterEquals ?? [];
    this.asked = this.all.filter((d) => d.register !== undefined && this.equations.some((f) => f.thread === d.thread && f.name === d.register));
  }

  /** Whether a filtered-out execution can still divide (a filter equation asks for a quotient). */
  get filterAsks(): boolean {
    return this.asked.length > 0;
  }

  /** An execution LKMM allows and the filter keeps: throws when it divides by zero. */
  kept(): void {
    for (const d of this.all) if (this.zero(d)) throw divides(d, 'division by zero in an execution LKMM allows, which herd7 gives up on');
  }

  /** The division by zero herd's filter would compute to rule out the execution just solved, if any. */
  askedByFilter(): At | undefined {
    const zero = this.asked.filter((d) => this.zero(d));
    if (zero.length === 0) return undefined;
    const others = this.equations.filter((f) => !zero.some((d) => d.thread === f.thread && d.register === f.name));
    return others.every((f) => this.reg(f.thread, f.name) === f.value) ? zero[0] : undefined;
  }

  /** The error for askedByFilter()'s division, in an execution LKMM allows. */
  static filtered(at: At): CodeError {
    return divides(at, 'division by zero in an execution LKMM allows, whose quotient the filter asks for, which herd7 gives up on');
  }

  private zero(d: Division & { thread: number }): boolean {
    return evalSym(d.divisor, this.reads[d.thread]!) === 0;
  }
}

function divides(at: At, message: string): CodeError {
  return new CodeError(message, at.line, at.col, 'division-by-zero');
}

// POSIX shell quoting for command lines printed in reports.
const SAFE = /^[A-Za-z0-9_\-+./:=,@%^]+$/;

export function shellQuote(arg: string): string {
  if (SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function shellJoin(args: readonly string[]): string {
  return args.map(shellQuote).join(' ');
}

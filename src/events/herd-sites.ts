// Site numbers: a stable number per AST node, shared by Run's decision log
// (interp.ts) and herd's walk (herd-syms.ts) so that their paths match.

const sites = new WeakMap<object, number>();
let nextSite = 1;

/** A stable number for an AST node, shared by Run's decision log and herd's walk. */
export function siteOf(node: object): number {
  let s = sites.get(node);
  if (s === undefined) {
    s = nextSite++;
    sites.set(node, s);
  }
  return s;
}

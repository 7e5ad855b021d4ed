// `--model DIR`, `--conf FILE`, `--cat/--bell/--def FILE`, `--variant NAME`,
// `--interpret`: which memory model runs (src/cat/model-load.ts).
import { BUILTIN_LABEL, loadModel, ModelLoadError, type ModelSpec } from '../cat/model-load.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import { useColor } from '../report/color.js';
import type { Io, OptionSpec } from './spec.js';

export const modelOptionSpecs: OptionSpec[] = [
  { flags: '--model <dir>', description: 'run the model in DIR (DIR/linux-kernel.cfg: macros, bell, model, variant), e.g. a kernel\'s tools/memory-model' },
  { flags: '--conf <file>', description: "a herd model configuration (.cfg): its macros, bell, model and variant, relative to the file's directory" },
  { flags: '--cat <file>', description: 'the cat model (overrides the configuration\'s)' },
  { flags: '--bell <file>', description: 'the bell file (overrides the configuration\'s)' },
  { flags: '--def <file>', description: 'the macro (.def) file of the model (overrides the configuration\'s)' },
  { flags: '--variant <names>', description: 'model variants, comma-separated (added to the configuration\'s)' },
  { flags: '--interpret', description: 'run the model with the cat interpreter even when its files are the built-in lkmmv2' },
];

/** The model the options ask for; undefined for the built-in one. */
export function modelSpecFrom(o: Record<string, unknown>): ModelSpec | undefined {
  const s = (k: string): string | undefined => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const variants = s('variant')?.split(',').map((v) => v.trim()).filter(Boolean);
  const spec: ModelSpec = {
    ...(s('model') ? { model: s('model')! } : {}),
    ...(s('conf') ? { conf: s('conf')! } : {}),
    ...(s('cat') ? { cat: s('cat')! } : {}),
    ...(s('bell') ? { bell: s('bell')! } : {}),
    ...(s('def') ? { def: s('def')! } : {}),
    ...(variants ? { variants } : {}),
    ...(o.interpret ? { interpret: true } : {}),
  };
  return Object.keys(spec).length === 0 ? undefined : spec;
}

/** The label of the model the options ask for (the built-in one's without options; undefined when it cannot be loaded). */
export function modelLabelFrom(o: Record<string, unknown>): string | undefined {
  const spec = modelSpecFrom(o);
  if (!spec) return BUILTIN_LABEL;
  try {
    return loadModel(spec).label;
  } catch {
    return undefined;
  }
}

/**
 * Loads the model the options ask for, once, before any test runs. On an
 * error, prints it (file:line:col: error: ... with a code frame) and returns
 * false: the caller exits 2.
 */
export function loadModelOption(o: Record<string, unknown>, io: Io): boolean {
  const spec = modelSpecFrom(o);
  if (!spec) return true;
  try {
    loadModel(spec);
    return true;
  } catch (e) {
    if (!(e instanceof ModelLoadError)) throw e;
    if (e.diagnostics.length > 0) {
      const color = useColor({ flag: o.color as boolean | undefined, isTTY: Boolean(io.errIsTTY) });
      io.err(formatDiagnostics(e.diagnostics, e.source, { color }));
    } else io.err(`litmus-check: ${e.message}\n`);
    return false;
  }
}

/** fix and weaken reason with the built-in model's axioms: another model is refused (false), with a message. */
export function builtinModelOnly(command: string, o: Record<string, unknown>, io: Io): boolean {
  if (!modelSpecFrom(o)) return true;
  io.err(`litmus-check ${command}: another model (--model, --conf, --cat, ...) is not supported here yet; use run, check, explain or model-diff\n`);
  return false;
}

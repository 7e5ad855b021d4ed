// The label of the built-in model, as every report names the model that answered.
export const BUILTIN_MODEL = 'lkmmv2 (built-in)';

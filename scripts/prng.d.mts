// Types of prng.mjs for the TypeScript test tree, which shares the PRNG.
export declare function prng(seed: number): () => number;
